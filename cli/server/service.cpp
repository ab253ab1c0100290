#include "service.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "elig/impact.hpp"
#include "elig/paths.hpp"
#include "elig/sweep.hpp"
#include "problem.hpp"

namespace elig::server {

const std::vector<route>& routes() {
  static const std::vector<route> all{
      {"GET", "/", "page", {}, false, false, "The applicants' web page"},
      {"GET", "/healthz", "healthz", {}, false, true, "Whether the rules are loaded, and which"},
      {"GET", "/metrics", "metrics", {}, false, false, "Counters in the Prometheus text format"},
      {"GET", "/v1/openapi.json", "openapi", {}, false, false, "This API, as OpenAPI 3.1"},
      {"GET", "/v1/provisions", "provisions", {}, false, false, "The documents and provisions"},
      {"GET", "/v1/schema", "schema", {}, false, false, "The profile, as a JSON Schema"},
      {"POST",
       "/v1/check",
       "check",
       {"as_of", "lang", "include_drafts", "id"},
       true,
       false,
       "Every provision decided and explained for one profile"},
      {"POST",
       "/v1/decide",
       "decide",
       {"as_of", "include_drafts", "id"},
       true,
       false,
       "Every provision decided, without explanations: one `elig batch` line"},
      {"POST",
       "/v1/diff",
       "diff",
       {"as_of", "include_drafts"},
       false,
       false,
       "A reform tried on companies: `{\"set\": {NAME: VALUE}, \"profiles\": [...]}` in, what "
       "`elig diff --set` reports out"},
      {"POST",
       "/v1/paths",
       "paths",
       {"as_of", "include_drafts", "provision"},
       true,
       false,
       "For each provision not paid, the least the company would change to be paid, and what "
       "it would then get"},
      {"POST",
       "/v1/sweep",
       "sweep",
       {"fact", "from", "to", "as_of", "include_drafts", "lang", "format"},
       true,
       false,
       "The total payable as one amount fact of the profile varies, exact: the breakpoints and "
       "cliffs as JSON, or the chart (`format=svg`)"},
      {"POST",
       "/v1/explain/{provision}",
       "explain",
       {"as_of", "lang", "include_drafts", "id"},
       true,
       false,
       "One provision decided and explained, with every condition"},
  };
  return all;
}

namespace {

std::vector<std::string> route_names() {
  std::vector<std::string> names;
  for (const auto& r : routes()) names.emplace_back(r.name);
  return names;
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

// Whether `path` is `rt`'s, and the value of its trailing parameter if it has one.
bool matches(const route& rt, std::string_view path, std::string_view& parameter) {
  auto brace = rt.path.find('{');
  if (brace == std::string_view::npos) return path == rt.path;
  std::string_view prefix = rt.path.substr(0, brace);
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return false;
  parameter = path.substr(prefix.size());
  return parameter.find('/') == std::string_view::npos;
}

// The request's options; a problem when a key is unknown, repeated or malformed.
struct request_options {
  date as_of;
  std::string lang;
  bool include_drafts = false;
  std::string id;
  std::string provision;               // /v1/paths: one provision only
  std::string fact, from, to, format;  // /v1/sweep
};

std::optional<problem> read_options(const request& r, const route& rt, date default_as_of,
                                    request_options& o) {
  std::vector<std::string> allowed(rt.query.begin(), rt.query.end());
  for (const auto& [key, value] : r.query) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      auto near = nearest_name(key, allowed);
      return problem{problem_kind::unknown_parameter,
                     fmt::format("{} does not take the query parameter `{}`", rt.path, key),
                     near              ? fmt::format("did you mean `{}`?", *near)
                     : allowed.empty() ? std::string("this endpoint takes no query parameter")
                                       : fmt::format("it takes: {}", fmt::join(allowed, ", "))};
    }
    if (r.query.count(key) > 1)
      return problem{problem_kind::bad_parameter, fmt::format("`{}` is given twice", key),
                     "give each query parameter once"};
  }
  o.as_of = default_as_of == date{} ? today() : default_as_of;
  if (auto it = r.query.find("as_of"); it != r.query.end()) {
    auto d = date::parse(it->second);
    if (!d)
      return problem{problem_kind::bad_parameter,
                     fmt::format("as_of `{}` is not a date", it->second),
                     "write YYYY-MM-DD, e.g. as_of=2024-12-31"};
    o.as_of = *d;
  }
  if (auto it = r.query.find("lang"); it != r.query.end()) {
    if (it->second != "zh" && it->second != "en")
      return problem{problem_kind::bad_parameter,
                     fmt::format("lang `{}` is not supported", it->second),
                     "use lang=zh or lang=en (or leave it out for both)"};
    o.lang = it->second;
  }
  if (auto it = r.query.find("include_drafts"); it != r.query.end()) {
    const std::string& v = it->second;
    if (v != "true" && v != "false" && v != "1" && v != "0")
      return problem{problem_kind::bad_parameter,
                     fmt::format("include_drafts `{}` is not true or false", v),
                     "use include_drafts=true or include_drafts=false"};
    o.include_drafts = v == "true" || v == "1";
  }
  if (auto it = r.query.find("provision"); it != r.query.end()) o.provision = it->second;
  for (auto [key, field] :
       {std::pair{"fact", &o.fact}, {"from", &o.from}, {"to", &o.to}, {"format", &o.format}})
    if (auto it = r.query.find(key); it != r.query.end()) *field = it->second;
  if (!o.format.empty() && o.format != "json" && o.format != "svg")
    return problem{problem_kind::bad_parameter,
                   fmt::format("format `{}` is not supported", o.format),
                   "use format=json or format=svg"};
  if (auto it = r.query.find("id"); it != r.query.end()) {
    if (it->second.empty() || it->second.size() > 200)
      return problem{problem_kind::bad_parameter, "id must be 1 to 200 characters",
                     "id names the profile in the answer, e.g. id=C000123"};
    o.id = it->second;
  }
  return std::nullopt;
}

// The body's format by its media type: JSON as application/json or any `+json` type, TOML as
// application/toml; anything else is refused rather than guessed.
std::optional<profile_format> body_format(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (type == "application/json" || type.ends_with("+json")) return profile_format::json;
  if (type == "application/toml") return profile_format::toml;
  return std::nullopt;
}

problem unsupported_type(std::string_view content_type) {
  return {problem_kind::unsupported_type,
          content_type.empty()
              ? std::string("the request has no Content-Type")
              : fmt::format("Content-Type `{}` is not a profile format", content_type),
          "send the profile as `Content-Type: application/json` or `application/toml`"};
}

// The body's profile (JSON or TOML by its media type), or the answer that says why there is
// none: 415 for another media type, 422 with the located diagnostics.
std::optional<response> read_profile(const request& r, const ruleset& rules,
                                     std::optional<profile_result>& out) {
  auto format = body_format(r.content_type);
  if (!format) return problem_response(unsupported_type(r.content_type), r.request_id);
  out = rules.load_profile(r.body, format == profile_format::json ? "request.json" : "request.toml",
                           *format);
  if (!*out) return profile_problem(out->diagnostics(), out->sources(), r.request_id);
  return std::nullopt;
}

}  // namespace

service::service(service_options opts)
    : opts_(std::move(opts)),
      tokens_(opts_.tokens),
      limiter_(opts_.rate_limit,
               opts_.rate_burst > 0 ? opts_.rate_burst : std::max(1.0, opts_.rate_limit)),
      metrics_(route_names()) {
  if (!opts_.decision_log.empty()) log_ = std::make_unique<record_log>(opts_.decision_log);
}

bool service::reload() {
  compile_result compiled = compile_paths({opts_.rules_path});
  if (compiled)
    for (const auto& name : opts_.mask_facts)
      if (auto schema = compiled.rules()->schema();
          std::none_of(schema.begin(), schema.end(),
                       [&](const fact_info& f) { return f.name == name && f.type == "text"; }))
        throw std::runtime_error(fmt::format(
            "--mask-facts: `{}` is not a text fact of the rules (only text, such as a name, can "
            "be masked without changing a verdict)",
            name));
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

// Tokens and rate limits, before anything else is read.
std::optional<response> service::admit(const request& r, const route* rt) {
  std::string client = r.client;
  if (tokens_.enabled() && !(rt && rt->open)) {
    auto token = tokens_.accept(r.authorization);
    if (!token) {
      auto out = problem_response(
          {problem_kind::unauthorized,
           r.authorization.empty() ? "the request has no Authorization header"
                                   : "the bearer token is not one of this server's",
           "send `Authorization: Bearer <token>` with a token from the server's token file"},
          r.request_id);
      out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"elig\"");
      return out;
    }
    client = "token:" + *token;  // a token is a client, wherever it calls from
  }
  double retry = 0;
  if (limiter_.enabled() && !(rt && rt->open) &&
      !limiter_.take(client, rate_limiter::clock::now(), retry)) {
    auto out = problem_response(
        {problem_kind::too_many_requests,
         fmt::format("more than {} requests a second from this client", opts_.rate_limit),
         "wait for the time in Retry-After, then send again"},
        r.request_id);
    out.headers.emplace_back("Retry-After", fmt::format("{}", static_cast<int>(retry) + 1));
    return out;
  }
  return std::nullopt;
}

response service::handle(const request& r) {
  bool get = r.method == "GET" || r.method == "HEAD";
  const route* found = nullptr;
  std::string_view parameter;
  std::vector<std::string> allow;
  for (const auto& rt : routes()) {
    std::string_view p;
    if (!matches(rt, r.path, p)) continue;
    if (rt.method == "GET" ? get : r.method == rt.method) {
      found = &rt;
      parameter = p;
      break;
    }
    allow.emplace_back(rt.method);
  }
  if (auto refused = admit(r, found)) return *refused;
  if (!found && !allow.empty()) {
    if (allow.front() == "GET") allow.emplace_back("HEAD");
    auto out = problem_response(
        {problem_kind::method_not_allowed, fmt::format("{} does not answer {}", r.path, r.method),
         allow.front() == "POST" ? "use POST with the profile as the body"
                                 : fmt::format("use {}", fmt::join(allow, " or "))},
        r.request_id);
    out.headers.emplace_back("Allow", fmt::format("{}", fmt::join(allow, ", ")));
    return out;
  }
  if (!found) {
    std::vector<std::string> paths;
    for (const auto& rt : routes()) paths.emplace_back(rt.path);
    auto near = nearest_name(r.path, paths);
    return problem_response(
        {problem_kind::not_found, fmt::format("no such endpoint: {} {}", r.method, r.path),
         near ? fmt::format("did you mean {}?", *near)
              : "GET /v1/openapi.json describes every endpoint"},
        r.request_id);
  }
  auto now = current();  // kept for the whole request, whatever a reload does meanwhile
  if (!now)
    return problem_response({problem_kind::no_rules, "no rules are loaded", last_reload_error()},
                            r.request_id);
  return dispatch(r, *found, *now, parameter);
}

response service::dispatch(const request& r, const route& rt, const loaded& now,
                           std::string_view parameter) {
  const auto& rules = now.rules;
  if (rt.query.empty() && !r.query.empty()) {
    request_options unused;
    if (auto bad = read_options(r, rt, opts_.default_as_of, unused))
      return problem_response(*bad, r.request_id);
  }
  const std::string_view name = rt.name;
  if (name == "healthz") return healthz(rules);
  if (name == "metrics") return {200, "text/plain; version=0.0.4", metrics_.text(), {}};
  if (name == "page") return {200, "text/html; charset=utf-8", std::string(web_page()), {}};
  if (name == "openapi") return {200, "application/json", openapi_document(*rules), {}};
  if (name == "provisions") return {200, "application/json", render_list_json(*rules), {}};
  if (name == "schema") return {200, "application/json", profile_json_schema(*rules), {}};
  if (name == "check") return evaluate(r, rt, now, "");
  if (name == "decide") return decide(r, rt, now);
  if (name == "diff") return diff(r, rt, now);
  if (name == "paths") return paths(r, rt, now);
  if (name == "sweep") return sweep(r, rt, now);
  return explain(r, rt, now, std::string(parameter));
}

void service::record(const loaded& now, const profile& p, const decide_options& o,
                     const decision& d) {
  if (log_) log_->append(decision_record(*now.rules, now.writer, p, o, d, opts_.mask_facts));
}

// POST /v1/check (`only` empty) and /v1/explain/{only}: what `elig check --format json` and
// `elig explain --format json` print for the body's profile.
response service::evaluate(const request& r, const route& rt, const loaded& now,
                           const std::string& only) {
  const auto& rules = now.rules;
  request_options o;
  if (auto bad = read_options(r, rt, opts_.default_as_of, o))
    return problem_response(*bad, r.request_id);
  std::optional<profile_result> loaded;
  if (auto refused = read_profile(r, *rules, loaded)) return std::move(*refused);
  explain_options eo;
  eo.as_of = o.as_of;
  eo.include_drafts_in_total = o.include_drafts;
  if (!o.lang.empty()) eo.lang = parse_language(o.lang);
  eo.only = only;
  report rep = rules->explain(loaded->get(), eo);
  if (!o.id.empty()) rep.id = o.id;
  if (!only.empty())
    std::erase_if(rep.provisions, [&](const provision_result& pr) { return pr.id != only; });
  for (const auto& pr : rep.provisions) metrics_.decided(pr.result);
  if (only.empty()) record(now, loaded->get(), {o.as_of, o.include_drafts}, rep.decided);
  return {200, "application/json", render_json({rep}, *rules, o.as_of), {}};
}

response service::explain(const request& r, const route& rt, const loaded& now,
                          const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& p : now.rules->provisions()) ids.push_back(p.id);
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
    auto near = nearest_name(id, ids);
    return problem_response(
        {problem_kind::unknown_provision, fmt::format("unknown provision `{}`", id),
         near ? fmt::format("did you mean `{}`?", *near) : "GET /v1/provisions lists them"},
        r.request_id);
  }
  return evaluate(r, rt, now, id);
}

// POST /v1/decide: the verdicts without explanations, as one compact line of `elig batch`
// (amounts, open provisions and the facts that would settle them). About a tenth of the cost of
// /v1/check, for services that screen many companies.
response service::decide(const request& r, const route& rt, const loaded& now) {
  request_options o;
  if (auto bad = read_options(r, rt, opts_.default_as_of, o))
    return problem_response(*bad, r.request_id);
  std::optional<profile_result> loaded;
  if (auto refused = read_profile(r, *now.rules, loaded)) return std::move(*refused);
  const decide_options dopts = decision_json_writer::line_options(o.as_of, o.include_drafts);
  decision d = now.rules->decide(loaded->get(), dopts);
  for (const auto& v : d.provisions()) metrics_.decided(v.result);
  record(now, loaded->get(), dopts, d);
  std::string line;
  now.writer.append(d, loaded->get(), "", line, o.id);
  return {200, "application/json", std::move(line), {}};
}

// POST /v1/paths: what `elig paths --format json` prints for the body's profile.
response service::paths(const request& r, const route& rt, const loaded& now) {
  request_options o;
  if (auto bad = read_options(r, rt, opts_.default_as_of, o))
    return problem_response(*bad, r.request_id);
  if (!o.provision.empty()) {
    std::vector<std::string> ids;
    for (const auto& p : now.rules->provisions()) ids.push_back(p.id);
    if (std::find(ids.begin(), ids.end(), o.provision) == ids.end()) {
      auto near = nearest_name(o.provision, ids);
      return problem_response(
          {problem_kind::bad_parameter, fmt::format("unknown provision `{}`", o.provision),
           near ? fmt::format("did you mean `{}`?", *near) : "GET /v1/provisions lists them"},
          r.request_id);
    }
  }
  std::optional<profile_result> loaded;
  if (auto refused = read_profile(r, *now.rules, loaded)) return std::move(*refused);
  paths_options po;
  po.as_of = o.as_of;
  po.include_drafts_in_total = o.include_drafts;
  po.only = o.provision;
  return {200,
          "application/json",
          render_paths_json(*now.rules, find_paths(*now.rules, loaded->get(), po)),
          {}};
}

// POST /v1/sweep: what `elig sweep --format json` prints (or its chart) for the body's profile.
response service::sweep(const request& r, const route& rt, const loaded& now) {
  request_options o;
  if (auto bad = read_options(r, rt, opts_.default_as_of, o))
    return problem_response(*bad, r.request_id);
  sweep_options so;
  so.fact = o.fact;
  so.as_of = o.as_of;
  so.include_drafts_in_total = o.include_drafts;
  for (auto [text, bound, key] : {std::tuple{&o.from, &so.from, "from"}, {&o.to, &so.to, "to"}}) {
    if (text->empty()) continue;
    bool percent = false;
    auto v = parse_written_amount(*text, percent);
    if (!v || percent)
      return problem_response(
          {problem_kind::bad_parameter, fmt::format("{} `{}` is not an amount", key, *text),
           "write e.g. 8000000, 800万 or 1.2亿"},
          r.request_id);
    *bound = *v;
  }
  if (so.fact.empty())
    return problem_response({problem_kind::bad_parameter, "the query names no `fact` to vary",
                             "e.g. fact=main_revenue; GET /v1/schema lists the facts"},
                            r.request_id);
  std::optional<profile_result> loaded;
  if (auto refused = read_profile(r, *now.rules, loaded)) return std::move(*refused);
  auto curve = elig::sweep(*now.rules, loaded->get(), so);
  if (curve.diags.has_errors()) {
    const auto& d = curve.diags.items().front();
    return problem_response({problem_kind::bad_parameter, d.message, d.help.value_or("")},
                            r.request_id);
  }
  if (o.format == "svg")
    return {200,
            "image/svg+xml",
            render_sweep_svg(curve, o.lang == "en" ? language::en : language::zh),
            {}};
  return {200, "application/json", render_sweep_json(curve), {}};
}

// POST /v1/diff: the rules with the body's `set` against the rules as they are, over the body's
// `profiles` (JSON objects), as `elig diff --set ... --format json` reports it.
response service::diff(const request& r, const route& rt, const loaded& now) {
  request_options o;
  if (auto bad = read_options(r, rt, opts_.default_as_of, o))
    return problem_response(*bad, r.request_id);
  auto format = body_format(r.content_type);
  if (format != profile_format::json)
    return problem_response(
        {problem_kind::unsupported_type,
         fmt::format("Content-Type `{}` is not JSON", r.content_type),
         "send `{\"set\": {\"NAME\": \"VALUE\"}, \"profiles\": [...]}` as application/json"},
        r.request_id);
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  auto malformed = [&](std::string detail) {
    return problem_response(
        {problem_kind::bad_request, std::move(detail),
         "send `{\"set\": {\"shangcheng_rd_revenue_min\": \"800万\"}, \"profiles\": [{...}]}`"},
        r.request_id);
  };
  if (body.is_discarded() || !body.is_object()) return malformed("the body is not a JSON object");
  for (const auto& [key, value] : body.items())
    if (key != "set" && key != "profiles")
      return malformed(fmt::format("unknown key `{}`: a reform has `set` and `profiles`", key));
  if (!body.contains("set") || !body["set"].is_object())
    return malformed("`set` must be an object of parameter names and values");
  if (!body.contains("profiles") || !body["profiles"].is_array() || body["profiles"].empty())
    return malformed("`profiles` must be a non-empty array of profiles");
  load_options lo;
  for (const auto& [name, value] : body["set"].items()) {
    if (!value.is_string() && !value.is_number())
      return malformed(fmt::format("the value of `{}` must be a string such as \"800万\"", name));
    lo.overrides.push_back(name + "=" +
                           (value.is_string() ? value.get<std::string>() : value.dump()));
  }
  std::vector<impact_input> inputs;
  for (std::size_t i = 0; i < body["profiles"].size(); ++i) {
    const auto& p = body["profiles"][i];
    if (!p.is_object()) return malformed(fmt::format("profiles[{}] is not an object", i));
    inputs.push_back({fmt::format("profiles[{}]", i), p.dump(), profile_format::json, {}});
  }
  // The reform is read from the rule files, as the served rules were: if those files have
  // changed since (a reload pending or refused), the two would differ by more than the reform.
  const compile_result on_disk = compile_paths({opts_.rules_path});
  if (!on_disk || on_disk.rules()->hash() != now.rules->hash())
    return problem_response(
        {problem_kind::no_rules, "the rule files have changed since the served rules were loaded",
         "send the reform again once /healthz shows the new rules' hash"},
        r.request_id);
  compile_result reform = compile_paths({opts_.rules_path}, lo);
  if (!reform)
    return problem_response({problem_kind::invalid_reform,
                             "the reform does not apply to these rules: each error is in `errors`",
                             "set parameters the rules declare, with values of their type"},
                            r.request_id,
                            render_json_array(reform.diagnostics(), reform.sources()));
  impact_options io;
  io.as_of = o.as_of;
  io.include_drafts = o.include_drafts;
  impact_report report = compare_rules(*now.rules, *reform.rules(), inputs, io);
  if (report.has_problems)
    return problem_response({problem_kind::invalid_profile,
                             "a profile does not load: " + report.problems.substr(0, 2000),
                             "correct the profiles; GET /v1/schema describes every fact"},
                            r.request_id);
  return {200, "application/json", render_impact_json(report), {}};
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
  return {200,
          "application/json",
          j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
          {}};
}

}  // namespace elig::server
