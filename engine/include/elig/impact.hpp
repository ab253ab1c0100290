#pragma once
// `elig diff`: what a change to the rules does to a set of companies, before it is published.
#include <filesystem>
#include <optional>
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
  std::string profile;  // the file, or `file:line` for a JSON line
  std::string company;  // the company's name, when the profile gives it
  decimal weight;       // how many companies this profile stands for (1 unless weighted)
  total_amount before, after;
  std::vector<provision_change> changes;  // empty when nothing changed
};

// What a provision's change costs over every company, weighted (the budget per provision).
struct provision_budget {
  std::string id;
  bitext title;
  decimal delta_min, delta_max;
};

// One company to compare: a profile's text, named for the report.
struct impact_input {
  std::string name;
  std::string text;
  profile_format format = profile_format::toml;
  std::optional<decimal> weight;  // from a weighted JSON line
};

// The companies of `paths`: `.toml` and `.json` files, folders of them, and JSON Lines files
// (`.jsonl`, `.ndjson`) whose every line is a profile, a decision record (`elig serve
// --decision-log`, `elig check --record`: its `profile`), or `{"weight": W, "profile": {...}}`.
// A folder with none, an unreadable path or a line that is not JSON is a problem.
struct impact_inputs {
  std::vector<impact_input> items;
  std::vector<std::string> problems;
};
[[nodiscard]] impact_inputs read_impact_inputs(const std::vector<std::filesystem::path>& paths);

struct impact_options {
  date as_of;
  bool include_drafts = false;
  language lang = language::en;  // of the problems' words and diagnostics
  std::string weight_fact;       // a numeric fact that weighs each profile (`--weight FACT`)
};

struct impact_report {
  date as_of;
  std::vector<company_change> companies;  // every profile, in path order
  // Each company counts once: gains only, loses only, both, amounts only, other changes (an
  // answer now open, say), or nothing; the six add up to the companies compared.
  std::size_t gain = 0, lose = 0, gain_and_lose = 0, amount_changed = 0, other_change = 0,
              unchanged = 0;
  decimal delta_min, delta_max;  // change of the summed totals (floors, ceilings), weighted
  bool weighted = false;         // some profile weighs other than 1: deltas estimate a population
  decimal weight_total;          // the companies the profiles stand for
  std::vector<provision_budget> provisions;  // each provision whose amounts change, rule order
  std::string problems;  // rendered diagnostics of profiles that do not load under a rule set
  bool has_problems = false;
  std::size_t not_compared = 0;  // profiles left out because they do not load under both
};

// Every `*.toml` under each directory, and each file given, in path order (profiles, test files);
// a directory holding none, and an entry that cannot be read, are problems.
[[nodiscard]] file_list collect_toml_files(const std::vector<std::filesystem::path>& paths);

[[nodiscard]] impact_report compare_rules(const ruleset& before, const ruleset& after,
                                          const std::vector<impact_input>& profiles,
                                          const impact_options& options);
// The same for profile files (each weighing 1).
[[nodiscard]] impact_report compare_rules(const ruleset& before, const ruleset& after,
                                          const std::vector<std::filesystem::path>& profiles,
                                          date as_of, bool include_drafts = false);

[[nodiscard]] std::string render_impact_text(const impact_report& r, const render_options& o);
[[nodiscard]] std::string render_impact_markdown(const impact_report& r, const render_options& o);
[[nodiscard]] std::string render_impact_json(const impact_report& r);
// Two bar charts in one SVG: the change of each changed company's total (ceilings), and the
// budget impact per provision; labels in `o.lang`.
[[nodiscard]] std::string render_impact_svg(const impact_report& r, const render_options& o);

}  // namespace elig
