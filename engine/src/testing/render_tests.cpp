// Reports of `elig test`: failures as expected-versus-actual with the actual explanation, the
// closing `N passed, N failed` line, and coverage.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "elig/testing.hpp"

namespace elig {
namespace {

std::string where(const source_manager& sources, const source_span& s) {
  if (s.file >= sources.size()) return "?";
  const auto& f = sources.file(s.file);
  auto lc = f.position(s.begin);
  return fmt::format("{}:{}", f.name(), lc.line);
}

std::string source_line(const source_manager& sources, const source_span& s) {
  if (s.file >= sources.size()) return "";
  const auto& f = sources.file(s.file);
  std::string_view line = f.line_text(f.position(s.begin).line);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return std::string(line);
}

// "true false ?" marks for what the cases made of a condition.
std::string seen(const condition_coverage& c) {
  return fmt::format("{} {} {}", c.seen_true ? "T" : "-", c.seen_false ? "F" : "-",
                     c.seen_unknown ? "?" : "-");
}

}  // namespace

std::string render_test_text(const test_report& r, const render_options& o) {
  std::string out;
  for (const auto& c : r.cases) {
    if (c.passed) continue;
    out += fmt::format("FAIL {}:{}: {}\n", c.file, c.line, c.name);
    for (const auto& f : c.failures) out += "  " + f + "\n";
    render_options full = o;
    full.full_trace = true;
    for (const auto& p : c.explained) {
      std::string text = render_provision_text(p, full);
      std::string indented;
      std::size_t start = 0;
      while (start < text.size()) {
        auto nl = text.find('\n', start);
        indented += "    " + text.substr(start, nl - start) + "\n";
        start = nl == std::string::npos ? text.size() : nl + 1;
      }
      out += indented;
    }
    out += "\n";
  }
  // Never a bare "N passed" beside an error: a malformed test file or an unreadable path is
  // counted on the same line.
  const std::size_t errors = r.diags.error_count();
  if (errors == 0)
    out += fmt::format("{} passed, {} failed\n", r.passed(), r.failed());
  else
    out += fmt::format(fmt::runtime(o.lang == language::en
                                        ? "{} passed, {} failed, {} error(s) in the test files\n"
                                        : "{} passed, {} failed, 测试文件有 {} 个错误\n"),
                       r.passed(), r.failed(), errors);
  return out;
}

std::string render_coverage_text(const test_report& r, const source_manager& rules, language lang) {
  bool en = lang == language::en;
  std::string out = en ? "coverage (T: made true, F: made false, ?: left unknown)\n"
                       : "覆盖率（T：为真，F：为假，?：未知）\n";
  std::size_t reached = 0, full = 0, total = 0;
  for (const auto& p : r.coverage) {
    if (p.cases == 0) {
      out += fmt::format(fmt::runtime(en ? "  {}: no case reaches it\n" : "  {}：没有用例覆盖\n"),
                         p.id);
      continue;
    }
    ++reached;
    out += fmt::format(fmt::runtime(en ? "  {} ({} case(s))\n" : "  {}（{} 个用例）\n"), p.id,
                       p.cases);
    for (const auto& c : p.conditions) {
      ++total;
      if (c.seen_true && c.seen_false) ++full;
      out += fmt::format("    {}  {:<6} {}  {}\n", seen(c), condition_kind_name(c.kind),
                         where(rules, c.span), source_line(rules, c.span));
    }
  }
  out += fmt::format(
      fmt::runtime(
          en ? "{} of {} provisions reached; {} of {} conditions made both true and false\n"
             : "{}/{} 条款有用例；{}/{} 项条件既为真也为假\n"),
      reached, r.coverage.size(), full, total);
  return out;
}

std::string render_test_json(const test_report& r, const source_manager& rules, bool coverage) {
  nlohmann::ordered_json root;
  root["passed"] = r.passed();
  root["failed"] = r.failed();
  root["cases"] = nlohmann::ordered_json::array();
  for (const auto& c : r.cases)
    root["cases"].push_back({{"file", c.file},
                             {"line", c.line},
                             {"name", c.name},
                             {"passed", c.passed},
                             {"failures", c.failures}});
  if (coverage) {
    root["coverage"] = nlohmann::ordered_json::array();
    for (const auto& p : r.coverage) {
      nlohmann::ordered_json conds = nlohmann::ordered_json::array();
      for (const auto& c : p.conditions) {
        std::string at = where(rules, c.span);
        conds.push_back({{"kind", condition_kind_name(c.kind)},
                         {"at", at},
                         {"source", source_line(rules, c.span)},
                         {"true", c.seen_true},
                         {"false", c.seen_false},
                         {"unknown", c.seen_unknown}});
      }
      root["coverage"].push_back(
          {{"id", p.id}, {"cases", p.cases}, {"reached", p.cases > 0}, {"conditions", conds}});
    }
  }
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace elig
