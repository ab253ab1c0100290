#pragma once
// Renderers are pure functions from decisions to text; the CLI and the server call these.
#include <string>
#include <string_view>
#include <vector>

#include "elig/report.hpp"
#include "elig/ruleset.hpp"

namespace elig {

struct render_options {
  language lang = language::zh;
  bool color = false;
  bool full_trace = false;  // `explain`: every condition with its parts, every step
};

[[nodiscard]] std::string render_text(const report& d, const render_options& opts);
[[nodiscard]] std::string render_provision_text(const provision_result& r,
                                                const render_options& opts);
[[nodiscard]] std::string render_markdown(const report& d, const render_options& opts);
// The documented JSON shape (docs/json.md) for one or more profiles.
[[nodiscard]] std::string render_json(const std::vector<report>& ds, const ruleset& rules,
                                      date as_of);
[[nodiscard]] std::string render_list_text(const ruleset& rules, language lang);
[[nodiscard]] std::string render_list_json(const ruleset& rules);
[[nodiscard]] std::string render_template(const ruleset& rules, language lang);

// Money as people read it: "1,800,000.00".
[[nodiscard]] std::string format_money(decimal d);
// An amount in words: "最高 690,000.00 元" / "up to CNY 690,000.00"; empty for none.
[[nodiscard]] std::string amount_text(const amount& a, language lang);

}  // namespace elig
