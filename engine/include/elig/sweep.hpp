#pragma once
// The benefit curve: the company's total, and each provision's amount, as one numeric fact
// varies. Exact: the breakpoints come from the rules (thresholds compared with the fact, bracket
// rows, where a cap starts to bind), the amounts are decided at each, and between two
// breakpoints the amounts are linear in the fact, so nothing is sampled.
#include <optional>
#include <string>
#include <vector>

#include "elig/decimal.hpp"
#include "elig/diagnostic.hpp"
#include "elig/profile.hpp"
#include "elig/ruleset.hpp"
#include "elig/verdict.hpp"

namespace elig {

struct sweep_options {
  std::string fact;                 // a top-level number, money, percent or year fact
  std::optional<decimal> from, to;  // default: 0 to past the last breakpoint
  date as_of;
  bool include_drafts_in_total = false;
};

struct sweep_point {
  decimal x;
  total_amount total;
  std::vector<amount> provisions;  // by provision index: what each pays at x (kind none: nothing)
  bool cliff = false;  // one unit more of the fact pays less in total (the next point is x + unit)
  bool from_rules = true;  // a breakpoint the rules give; false: the range's ends, today's value
};

struct sweep_result {
  std::string fact;
  bitext fact_label;
  std::optional<decimal> today;         // the profile's own value of the fact
  std::vector<sweep_point> points;      // in increasing x; linear in between
  std::vector<std::string> provisions;  // ids, by index
  std::vector<bitext> titles;
  diagnostic_list diags;  // an unknown fact, one that is not numeric, a bad range
};

[[nodiscard]] sweep_result sweep(const ruleset& rules, const profile& p, const sweep_options& o);

[[nodiscard]] std::string render_sweep_text(const sweep_result& r, language lang);
[[nodiscard]] std::string render_sweep_json(const sweep_result& r);
// An SVG chart: the total (ceilings) against the fact, axes and labels in `lang`, cliffs in red.
[[nodiscard]] std::string render_sweep_svg(const sweep_result& r, language lang);

}  // namespace elig
