// What the editor can do with the rules, beside reading them: apply a did-you-mean, keep a lint
// witness as a test case, and decide a provision for the profiles and test cases beside the rules.
#include <fmt/format.h>

#include <algorithm>
#include <elig/files.hpp>
#include <elig/testing.hpp>
#include <filesystem>
#include <map>

#include "lsp/server.hpp"

namespace elig::cli::lsp {
namespace {

namespace fs = std::filesystem;

// A profile's text nested under a test case: its tables become the case profile's tables.
std::string as_case_profile(std::string_view witness) {
  std::string out;
  for_each_line(witness, [&](int, std::string_view l) {
    if (l.starts_with("[[") && l.ends_with("]]"))
      out += fmt::format("[[case.profile.{}]]\n", l.substr(2, l.size() - 4));
    else if (!l.empty() || !out.empty())
      out += std::string(l) + "\n";
  });
  while (out.ends_with("\n\n")) out.pop_back();
  return out;
}

// The expectations a decision gives for the provisions it makes eligible, as test-file lines.
std::string expectations(const ruleset& rules, const decision& d) {
  std::string out;
  const auto provisions = rules.provisions();
  for (std::size_t i = 0; i < provisions.size(); ++i) {
    const verdict& v = d.provision(i);
    if (v.result != status::eligible) continue;
    out +=
        fmt::format("[[case.expect]]\nprovision = \"{}\"\nstatus = \"eligible\"\nkind = \"{}\"\n",
                    provisions[i].id, amount_kind_name(v.value.kind));
    if (v.value.kind == amount_kind::range)
      out += fmt::format("min = \"{}\"\nmax = \"{}\"\n", v.value.min.to_string(2),
                         v.value.max.to_string(2));
    else if (v.value.kind != amount_kind::none)
      out += fmt::format(
          "amount = \"{}\"\n",
          (v.value.kind == amount_kind::up_to ? v.value.max : v.value.min).to_string(2));
  }
  return out;
}

// Every example profile beside the rules (`tests/profiles/`), decided; by file name.
std::vector<std::pair<std::string, decision>> decide_examples(
    const ruleset& rules, const std::string& folder, date as_of,
    std::vector<std::string>& unreadable) {
  std::vector<std::pair<std::string, decision>> out;
  std::vector<fs::path> files;
  for (const char* ext : {".toml", ".json"})
    for (auto& f : find_files({fs::path(folder) / "tests" / "profiles"}, ext).files)
      files.push_back(std::move(f));
  std::sort(files.begin(), files.end());
  decide_options o;
  o.as_of = as_of;
  for (const auto& f : files) {
    auto loaded = rules.load_profile_file(f);
    if (!loaded) {
      unreadable.push_back(f.filename().string());
      continue;
    }
    out.emplace_back(f.filename().string(), rules.decide(loaded.get(), o));
  }
  return out;
}

std::optional<std::size_t> index_of(const ruleset& rules, const std::string& id) {
  const auto provisions = rules.provisions();
  for (std::size_t i = 0; i < provisions.size(); ++i)
    if (provisions[i].id == id) return i;
  return std::nullopt;
}

// How the test cases beside the rules that expect something of `id` fare: (cases, failed names).
std::pair<std::size_t, std::vector<std::string>> tests_of(const test_report& tests,
                                                          const std::string& id) {
  std::size_t cases = 0;
  for (const auto& c : tests.coverage)
    if (c.id == id) cases = c.cases;
  std::vector<std::string> failed;
  for (const auto& c : tests.cases)
    for (const auto& f : c.failures)
      if (f.starts_with(id + ":")) {
        failed.push_back(c.name);
        break;
      }
  return {cases, failed};
}

}  // namespace

// The fixes the diagnostics in the request carry: a did-you-mean replaces the misspelt word; a
// witness profile becomes a test case (appended to `tests/witnesses.toml` beside the rules) that
// records what the rules decide for it today.
json server::code_actions(const json& params) {
  json out = json::array();
  const std::string uri = params.at("textDocument").at("uri").get<std::string>();
  for (const auto& d : params.at("context").at("diagnostics")) {
    if (!d.contains("data") || !d["data"].is_object()) continue;
    const json& data = d["data"];
    if (data.contains("replacement")) {
      const std::string fix = data["replacement"].get<std::string>();
      out.push_back(
          {{"title", fmt::format("Change to `{}`", fix)},
           {"kind", "quickfix"},
           {"diagnostics", json::array({d})},
           {"isPreferred", true},
           {"edit",
            {{"changes", {{uri, json::array({{{"range", d.at("range")}, {"newText", fix}}})}}}}}});
    }
    if (data.contains("witness") && last_) {
      const std::string witness = data["witness"].get<std::string>();
      auto loaded = last_->load_profile(witness, "witness.toml", profile_format::toml);
      if (!loaded) continue;
      decide_options o;
      o.as_of = as_of_;
      const decision decided = last_->decide(loaded.get(), o);
      std::string message = d.value("message", "");
      message = message.substr(0, message.find('\n'));
      std::string quoted;
      for (char c : message)
        if (c != '"' && c != '\\') quoted += c;
      const fs::path file = fs::path(rules_) / "tests" / "witnesses.toml";
      std::string existing;
      const bool exists = read_bounded(file, 1 << 20, existing);
      int lines = 0;
      for (char c : existing) lines += c == '\n';
      std::string text =
          (exists
               ? std::string(existing.empty() || existing.ends_with("\n\n") ? "" : "\n")
               : std::string("# Profiles the analysis found (`elig lint` witnesses), kept as test "
                             "cases of what the rules decide for them.\n\n")) +
          fmt::format("[[case]]\nname = \"{} {}\"\nas_of = {}\n[case.profile]\n{}\n{}",
                      d.value("code", ""), quoted, as_of_.to_string(), as_case_profile(witness),
                      expectations(*last_, decided));
      json changes = json::array();
      const std::string target = uri_of(fs::absolute(file).lexically_normal().string());
      if (!exists)
        changes.push_back(
            {{"kind", "create"}, {"uri", target}, {"options", {{"ignoreIfExists", true}}}});
      changes.push_back(
          {{"textDocument", {{"uri", target}, {"version", nullptr}}},
           {"edits",
            json::array({{{"range", {{"start", position(lines, 0)}, {"end", position(lines, 0)}}},
                          {"newText", text}}})}});
      out.push_back({{"title", "Add the witness profile as a test case (tests/witnesses.toml)"},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({d})},
                     {"edit", {{"documentChanges", std::move(changes)}}}});
    }
  }
  return out;
}

// Above each provision: what it decides for the example profiles and how its test cases fare;
// the lens's command shows each profile's verdict.
json server::code_lenses(const json& params) {
  if (!last_) publish();
  json out = json::array();
  if (!last_) return out;
  const bool zh = lang_ == language::zh;
  std::vector<std::string> unreadable;
  const auto examples = decide_examples(*last_, rules_, as_of_, unreadable);
  const test_report tests = run_tests(*last_, default_test_files(rules_));
  std::string document;
  for_each_line(text_of(params), [&](int line, std::string_view l) {
    auto d = declaration_in(l, {"document", "provision"});
    if (!d) return;
    if (d->keyword == "document") {
      document = d->name;
      return;
    }
    const std::string id = document + "." + d->name;
    auto index = index_of(*last_, id);
    if (!index) return;
    std::map<status, std::size_t> counts;
    for (const auto& [file, decided] : examples) ++counts[decided.provision(*index).result];
    auto [cases, failed] = tests_of(tests, id);
    std::string title =
        zh ? fmt::format("示例：{} 项符合，{} 项待定，{} 项不符合", counts[status::eligible],
                         counts[status::undetermined], counts[status::ineligible])
           : fmt::format("examples: {} eligible, {} undetermined, {} ineligible",
                         counts[status::eligible], counts[status::undetermined],
                         counts[status::ineligible]);
    if (auto n = counts[status::not_in_force])
      title += zh ? fmt::format("，{} 项未生效", n) : fmt::format(", {} not in force", n);
    if (auto n = counts[status::not_encodable])
      title +=
          zh ? fmt::format("，{} 项需人工审核", n) : fmt::format(", {} decided by the office", n);
    if (cases > 0)
      title +=
          zh ? (failed.empty() ? fmt::format(" · 测试：{} 项全部通过", cases)
                               : fmt::format(" · 测试：{} 项中 {} 项失败", cases, failed.size()))
             : (failed.empty() ? fmt::format(" · tests: {} pass", cases)
                               : fmt::format(" · tests: {} of {} fail", failed.size(), cases));
    else
      title += zh ? " · 没有测试用例" : " · no test case";
    json range{{"start", position(line, 0)}, {"end", position(line, static_cast<int>(l.size()))}};
    out.push_back({{"range", range},
                   {"command",
                    {{"title", title},
                     {"command", "elig.decideProvision"},
                     {"arguments", json::array({id})}}}});
  });
  return out;
}

// `elig.decideProvision ID`: the provision's verdict for every example profile and the test
// cases that fail for it; shown as a message and returned as data.
json server::execute(const json& params) {
  if (params.value("command", "") != "elig.decideProvision") return nullptr;
  if (!last_) publish();
  const std::string id = params.at("arguments").at(0).get<std::string>();
  json result{{"provision", id}, {"as_of", as_of_.to_string()}};
  auto index = last_ ? index_of(*last_, id) : std::nullopt;
  if (!index) {
    result["error"] = fmt::format("no provision `{}` in rules that compile", id);
    notify("window/showMessage", {{"type", 1}, {"message", result["error"]}});
    return result;
  }
  const bool zh = lang_ == language::zh;
  std::vector<std::string> unreadable;
  const auto examples = decide_examples(*last_, rules_, as_of_, unreadable);
  std::string message = fmt::format("{} ({}):", id, as_of_.to_string());
  json profiles = json::array();
  for (const auto& [file, decided] : examples) {
    const verdict& v = decided.provision(*index);
    json missing = json::array();
    std::string open;
    for (auto fact : decided.missing_facts(*index)) {
      missing.push_back(decided.open_fact_name(fact));
      open += (open.empty() ? "" : ", ") + decided.open_fact_name(fact);
    }
    profiles.push_back({{"file", file},
                        {"status", status_name(v.result)},
                        {"amount", amount_text(v.value, lang_)},
                        {"missing", missing}});
    message += fmt::format(
        "\n  {}: {}{}{}", file, status_name(v.result),
        v.value.kind == amount_kind::none ? "" : ", " + amount_text(v.value, lang_),
        open.empty() ? "" : (zh ? "（待补充：" : " (missing: ") + open + (zh ? "）" : ")"));
  }
  for (const auto& file : unreadable)
    message += fmt::format("\n  {}: {}", file, zh ? "无法读取" : "does not load");
  const test_report tests = run_tests(*last_, default_test_files(rules_));
  auto [cases, failed] = tests_of(tests, id);
  message += zh ? fmt::format("\n测试用例：{} 项，失败 {} 项", cases, failed.size())
                : fmt::format("\ntest cases: {}, failed {}", cases, failed.size());
  for (const auto& name : failed) message += "\n  ✗ " + name;
  result["profiles"] = std::move(profiles);
  result["unreadable"] = unreadable;
  result["tests"] = {{"cases", cases}, {"failed", failed}};
  notify("window/showMessage", {{"type", 3}, {"message", message}});
  return result;
}

}  // namespace elig::cli::lsp
