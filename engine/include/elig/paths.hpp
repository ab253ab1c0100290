#pragma once
// The path to eligibility: for each provision a company is not paid, the smallest sets of changes
// to its facts that would make it eligible, and what each would pay. Worked out from the rules'
// conditions (thresholds, members, yes/no facts, dates), then confirmed by deciding the changed
// profile; facts the schema marks `fixed` are never proposed.
#include <optional>
#include <string>
#include <vector>

#include "elig/date.hpp"
#include "elig/profile.hpp"
#include "elig/ruleset.hpp"
#include "elig/verdict.hpp"

namespace elig {

// One fact changed: from its value today (unknown: none) to the nearest value that satisfies.
struct fact_change {
  std::uint32_t slot = 0;
  std::string fact;
  std::optional<std::string> from;  // as in a JSON profile; none when the profile does not say
  std::string to;                   // as in a JSON profile
  // For an enumeration, every member that satisfies (`to` is the first).
  std::vector<std::string> one_of;
  // How `to` bounds the fact: the least (`at_least`), the most (`at_most`), or exactly.
  enum class bound { exactly, at_least, at_most } kind = bound::exactly;
  // The profile does not say: a question to answer, not a change.
  [[nodiscard]] bool question() const { return !from.has_value(); }
};

struct eligibility_path {
  std::vector<fact_change> changes;  // fewest first; empty never
  // The provision's verdict with the changes: eligible, or undetermined when nothing then fails
  // and what is left is to answer the facts the profile does not give (`then_missing`).
  status then = status::eligible;
  amount pays;  // its amount, when eligible
  std::vector<std::string> then_missing;
  // Provisions paid today that the changes would no longer pay (a take-highest group, an
  // exclusion, a condition another provision has the other way).
  std::vector<std::string> loses;
  decimal total_before, total_after;  // the company's total (ceilings), before and after
};

struct provision_paths {
  std::size_t provision = 0;
  std::string id;
  status now = status::ineligible;
  std::vector<eligibility_path> paths;
  // Facts marked `fixed` that a way to eligibility would have to change (by schema name).
  std::vector<std::string> fixed_facts;
  // Conditions not met today that paths cannot solve (arithmetic over several facts, lists of
  // records, a payment already received), in words with the values used.
  std::vector<bitext> unsolved;
  // For an undetermined provision: the facts whose answers would settle it (by schema name,
  // `loans[2].repaid_date` for an item's field), to ask before any change.
  std::vector<std::string> questions;
};

struct paths_options {
  date as_of;
  std::size_t max_paths = 4;  // per provision, fewest changes first
  bool include_drafts_in_total = false;
  std::string only;        // one provision (by id); empty: every provision not eligible
  bool fast_lanes = true;  // for the decisions that confirm each path (decide_options)
};

struct paths_result {
  std::vector<provision_paths> provisions;  // in rule order
  std::string profile_name;
  std::string company;  // the company's name, when the profile gives it
  date as_of;
};

[[nodiscard]] paths_result find_paths(const ruleset& rules, const profile& p,
                                      const paths_options& opts);

// The paths in words: "主营业务收入 8,200,000.00 → 至少 10,000,000.00（差 1,800,000.00）".
[[nodiscard]] std::string render_paths_text(const ruleset& rules, const paths_result& r,
                                            language lang);
// {"paths": [{"provision", "changes": [{"fact", "from", "to"}], "then", "loses"}], ...}
[[nodiscard]] std::string render_paths_json(const ruleset& rules, const paths_result& r);

}  // namespace elig
