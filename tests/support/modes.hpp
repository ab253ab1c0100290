#pragma once
// One meaning in every mode (the Soufflé pattern): a profile decided traced (ruleset::explain)
// and untraced (ruleset::decide), with the fast lanes on and off, each condition, only up to
// the first that fails or none, open facts or not, must give the same verdicts, amounts, open
// facts, errors, condition outcomes, parts, combination effects and total (elig::disagreements).
// test::run checks this for every profile a test decides.
#include <gtest/gtest.h>

#include <elig/elig.hpp>
#include <string>

#include "generator/every_mode.hpp"

namespace elig::test {

// The number of disagreements between `traced` (a report of `prof`) and the decision in each
// mode (testgen::every_mode); each of the first few is a test failure naming `what`.
inline int differences_between_modes(const ruleset& rules, const profile& prof,
                                     const report& traced, date as_of, bool drafts,
                                     const std::string& what) {
  int diffs = 0;
  // The decision the report carries is the traced run's, every condition evaluated.
  decide_options traced_options;
  traced_options.every_condition = true;
  for (const auto& line : disagreements(traced, traced.decided, traced_options))
    if (++diffs <= 3) ADD_FAILURE() << what << " (the report's own decision): " << line;
  for (const decide_options& o : testgen::every_mode(as_of, drafts))
    for (const auto& line : disagreements(traced, rules.decide(prof, o), o))
      if (++diffs <= 3)
        ADD_FAILURE() << what << " (lanes " << o.fast_lanes << ", synthesised "
                      << o.synthesised_lanes << ", every condition " << o.every_condition
                      << ", outcomes " << o.condition_outcomes << ", open facts " << o.open_facts
                      << "): " << line;
  return diffs;
}

// The same, explaining the profile first.
inline int differences_between_modes(const ruleset& rules, const profile& prof, date as_of,
                                     bool drafts, const std::string& what) {
  explain_options eo;
  eo.as_of = as_of;
  eo.include_drafts_in_total = drafts;
  return differences_between_modes(rules, prof, rules.explain(prof, eo), as_of, drafts, what);
}

}  // namespace elig::test
