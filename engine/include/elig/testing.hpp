#pragma once
// `elig test`: officers' test cases beside the rules, and the coverage they give.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "elig/diagnostic.hpp"
#include "elig/render.hpp"
#include "elig/report.hpp"
#include "elig/ruleset.hpp"
#include "elig/source.hpp"

namespace elig {

struct case_result {
  std::string file;
  std::uint32_t line = 0;
  std::string name;
  bool passed = true;
  std::vector<std::string>
      failures;  // "shangcheng-2023.rd: status: expected eligible, got ineligible"
  std::vector<provision_result> explained;  // the actual results of the provisions that failed
};

struct condition_coverage {
  condition_kind kind = condition_kind::when;
  source_span span;
  bool seen_true = false, seen_false = false, seen_unknown = false;
};

struct provision_coverage {
  std::string id;
  std::size_t cases = 0;  // cases that state an expectation about it
  std::vector<condition_coverage> conditions;
};

struct test_report {
  std::vector<case_result> cases;
  std::vector<provision_coverage> coverage;  // in rule order
  diagnostic_list diags;                     // malformed test files
  std::shared_ptr<source_manager> sources = std::make_shared<source_manager>();
  [[nodiscard]] std::size_t passed() const;
  [[nodiscard]] std::size_t failed() const;
};

// Every `*.toml` under `tests/` directories of the rules (recursively), in path order.
[[nodiscard]] std::vector<std::filesystem::path> default_test_files(
    const std::filesystem::path& rules);

// Runs every case of the given files or directories (searched for `*.toml`).
[[nodiscard]] test_report run_tests(const ruleset& rules,
                                    const std::vector<std::filesystem::path>& paths);

// The cases of one test file held in memory (`name` in diagnostics; profiles named by file are
// looked for beside `place`).
[[nodiscard]] test_report run_test_text(const ruleset& rules, std::string_view text,
                                        std::string name, const std::filesystem::path& place);

[[nodiscard]] std::string render_test_text(const test_report& r, const render_options& o);
// Per provision and condition: made true, false, unknown; provisions no case reaches.
[[nodiscard]] std::string render_coverage_text(const test_report& r,
                                               const source_manager& rule_sources, language lang);
[[nodiscard]] std::string render_test_json(const test_report& r, const source_manager& rule_sources,
                                           bool coverage);

}  // namespace elig
