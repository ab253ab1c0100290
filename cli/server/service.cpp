#include "service.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

namespace elig::server {

namespace {

response json_error(int status, std::string_view message, std::string_view help = {}) {
  nlohmann::ordered_json j{{"error", message}};
  if (!help.empty()) j["help"] = help;
  return {status, "application/json",
          j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"};
}

date today() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return date::from_days(static_cast<std::int32_t>(days));
}

std::string now_text() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::string diagnostics_json(const diagnostic_list& d, const source_manager& s) {
  std::string objects = render_all(d, s, render_style::json);
  while (!objects.empty() && objects.back() == '\n') objects.pop_back();
  std::replace(objects.begin(), objects.end(), '\n', ',');
  return "{\"errors\":[" + objects + "]}\n";
}

// The request's options; an error response when one is malformed.
struct request_options {
  date as_of;
  std::string lang;
  bool include_drafts = false;
};

std::optional<response> read_options(const request& r, date default_as_of, request_options& o) {
  o.as_of = default_as_of == date{} ? today() : default_as_of;
  if (auto it = r.query.find("as_of"); it != r.query.end()) {
    auto d = date::parse(it->second);
    if (!d)
      return json_error(400, fmt::format("as_of `{}` is not a date", it->second),
                        "write YYYY-MM-DD, e.g. as_of=2024-12-31");
    o.as_of = *d;
  }
  if (auto it = r.query.find("lang"); it != r.query.end()) {
    if (it->second != "zh" && it->second != "en")
      return json_error(400, fmt::format("lang `{}` is not supported", it->second),
                        "use lang=zh or lang=en (or leave it out for both)");
    o.lang = it->second;
  }
  if (auto it = r.query.find("include_drafts"); it != r.query.end()) {
    if (it->second != "true" && it->second != "false" && it->second != "1" && it->second != "0")
      return json_error(400, "include_drafts must be true or false");
    o.include_drafts = it->second == "true" || it->second == "1";
  }
  return std::nullopt;
}

profile_result load_body(const ruleset& rules, const request& r) {
  const std::string& ct = r.content_type;
  if (ct.starts_with("application/json"))
    return rules.load_profile(r.body, "request.json", profile_format::json);
  if (ct.starts_with("application/toml") || ct.starts_with("text/"))
    return rules.load_profile(r.body, "request.toml", profile_format::toml);
  return rules.load_profile(r.body, "request");
}

}  // namespace

service::service(service_options opts) : opts_(std::move(opts)) {
  if (!opts_.decision_log.empty()) log_ = std::make_unique<record_log>(opts_.decision_log);
}

bool service::reload() {
  compile_result compiled = compile_paths({opts_.rules_path});
  std::lock_guard lock(m_);
  ++reloads_;
  if (!compiled) {
    last_error_ = render_all(compiled.diagnostics(), compiled.sources());
    metrics_.reloaded(false);
    return false;
  }
  loaded_ = std::make_shared<const loaded>(compiled.share());
  loaded_at_ = now_text();
  last_error_.clear();
  metrics_.reloaded(true);
  return true;
}

std::shared_ptr<const ruleset> service::rules() const {
  std::lock_guard lock(m_);
  return loaded_ ? loaded_->rules : nullptr;
}

std::shared_ptr<const service::loaded> service::current() const {
  std::lock_guard lock(m_);
  return loaded_;
}

std::string service::last_reload_error() const {
  std::lock_guard lock(m_);
  return last_error_;
}

response service::handle(const request& r) {
  auto now = current();  // kept for the whole request, whatever a reload does meanwhile
  if (!now) return json_error(503, "no rules are loaded", last_reload_error());
  const auto& rules = now->rules;
  const std::string& p = r.path;
  bool get = r.method == "GET" || r.method == "HEAD";
  if (p == "/healthz" && get) return healthz(rules);
  if (p == "/metrics" && get) return {200, "text/plain; version=0.0.4", metrics_.text()};
  if (p == "/" && get) return {200, "text/html; charset=utf-8", std::string(web_page())};
  if (p == "/v1/provisions" && get) return {200, "application/json", render_list_json(*rules)};
  if (p == "/v1/schema" && get) return {200, "application/json", profile_json_schema(*rules)};
  if (p == "/v1/check") {
    if (r.method != "POST") return json_error(405, "use POST with the profile as the body");
    return evaluate(r, *now, "");
  }
  if (p == "/v1/decide") {
    if (r.method != "POST") return json_error(405, "use POST with the profile as the body");
    return decide(r, *now);
  }
  constexpr std::string_view explain_prefix = "/v1/explain/";
  if (p.starts_with(explain_prefix)) {
    if (r.method != "POST") return json_error(405, "use POST with the profile as the body");
    return explain(r, *now, p.substr(explain_prefix.size()));
  }
  return json_error(404, fmt::format("no such endpoint: {} {}", r.method, p),
                    "see GET /v1/provisions, GET /v1/schema, POST /v1/check, POST /v1/decide");
}

// POST /v1/check (`only` empty) and /v1/explain/{only}: what `elig check --format json` and
// `elig explain --format json` print for the body's profile.
response service::evaluate(const request& r, const loaded& now, const std::string& only) {
  const auto& rules = now.rules;
  request_options o;
  if (auto bad = read_options(r, opts_.default_as_of, o)) return *bad;
  auto loaded = load_body(*rules, r);
  if (!loaded)
    return {422, "application/json", diagnostics_json(loaded.diagnostics(), loaded.sources())};
  explain_options eo;
  eo.as_of = o.as_of;
  eo.include_drafts_in_total = o.include_drafts;
  if (!o.lang.empty()) eo.lang = parse_language(o.lang);
  eo.only = only;
  report rep = rules->explain(loaded.get(), eo);
  if (!only.empty())
    std::erase_if(rep.provisions, [&](const provision_result& pr) { return pr.id != only; });
  for (const auto& pr : rep.provisions) metrics_.decided(pr.result);
  if (log_ && only.empty()) {
    decide_options dopts{o.as_of, o.include_drafts};
    log_->append(decision_record(*rules, now.writer, loaded.get(), dopts,
                                 rules->decide(loaded.get(), dopts)));
  }
  return {200, "application/json", render_json({rep}, *rules, o.as_of)};
}

response service::explain(const request& r, const loaded& now, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& p : now.rules->provisions()) ids.push_back(p.id);
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    auto near = nearest_name(id, ids);
    return json_error(404, fmt::format("unknown provision `{}`", id),
                      near ? fmt::format("did you mean `{}`?", *near) : "see GET /v1/provisions");
  }
  return evaluate(r, now, id);
}

// POST /v1/decide: the verdicts without explanations, as one compact line of `elig batch`
// (amounts, open provisions and the facts that would settle them). About a tenth of the cost of
// /v1/check, for services that screen many companies.
response service::decide(const request& r, const loaded& now) {
  request_options o;
  if (auto bad = read_options(r, opts_.default_as_of, o)) return *bad;
  if (!o.lang.empty())
    return json_error(400, "/v1/decide has no language: its answer holds no text",
                      "leave out lang, or use /v1/check for explanations");
  auto loaded = load_body(*now.rules, r);
  if (!loaded)
    return {422, "application/json", diagnostics_json(loaded.diagnostics(), loaded.sources())};
  decide_options dopts{o.as_of, o.include_drafts};
  decision d = now.rules->decide(loaded.get(), dopts);
  for (const auto& v : d.provisions()) metrics_.decided(v.result);
  if (log_) log_->append(decision_record(*now.rules, now.writer, loaded.get(), dopts, d));
  std::string line;
  now.writer.append(d, loaded.get(), fmt::format("\"as_of\":\"{}\"", o.as_of.to_string()), line);
  return {200, "application/json", std::move(line)};
}

response service::healthz(const std::shared_ptr<const ruleset>& rules) const {
  std::lock_guard lock(m_);
  nlohmann::ordered_json j{
      {"status", last_error_.empty() ? "ok" : "degraded"},
      {"rules_hash", rules->hash()},
      {"rules_loaded_at", loaded_at_},
      {"reloads", reloads_},
      {"last_reload_error",
       last_error_.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(last_error_)},
      {"engine", fmt::format("elig {}", version)}};
  return {200, "application/json",
          j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"};
}

}  // namespace elig::server
