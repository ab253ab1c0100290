#pragma once
// `elig diff`: what a change to the rules does to a set of companies, before it is published.
#include <filesystem>
#include <string>
#include <vector>

#include "elig/diagnostic.hpp"
#include "elig/files.hpp"
#include "elig/render.hpp"
#include "elig/report.hpp"
#include "elig/ruleset.hpp"

namespace elig {

struct provision_change {
  std::string id;
  bitext title;
  status before = status::ineligible, after = status::ineligible;
  amount before_amount, after_amount;
  std::vector<bitext> why;  // the conditions or facts behind the change
  bool added = false;       // the old rules had no such provision
  bool removed = false;     // the new rules have no such provision
};

struct company_change {
  std::string profile;
  total_amount before, after;
  std::vector<provision_change> changes;  // empty when nothing changed
};

struct impact_report {
  date as_of;
  std::vector<company_change> companies;  // every profile, in path order
  // Each company counts once: gains only, loses only, both, amounts only, other changes (an
  // answer now open, say), or nothing; the six add up to the companies compared.
  std::size_t gain = 0, lose = 0, gain_and_lose = 0, amount_changed = 0, other_change = 0,
              unchanged = 0;
  decimal delta_min, delta_max;  // change of the summed totals (floors, ceilings)
  std::string problems;  // rendered diagnostics of profiles that do not load under a rule set
  bool has_problems = false;
  std::size_t not_compared = 0;  // profiles left out because they do not load under both
};

// Every `*.toml` under each directory, and each file given, in path order (profiles, test files);
// a directory holding none, and an entry that cannot be read, are problems.
[[nodiscard]] file_list collect_toml_files(const std::vector<std::filesystem::path>& paths);

[[nodiscard]] impact_report compare_rules(const ruleset& before, const ruleset& after,
                                          const std::vector<std::filesystem::path>& profiles,
                                          date as_of, bool include_drafts = false);

[[nodiscard]] std::string render_impact_text(const impact_report& r, const render_options& o);
[[nodiscard]] std::string render_impact_markdown(const impact_report& r, const render_options& o);
[[nodiscard]] std::string render_impact_json(const impact_report& r);

}  // namespace elig
