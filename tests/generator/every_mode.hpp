#pragma once
// The ways to decide one profile: fast lanes off, interpreted or synthesised (where the program
// links a synthesised pass for the rules); every condition's outcome, those up to the first
// that fails, or none; open facts or not. Tests and fuzzers decide in each and compare.
#include <elig/decision.hpp>
#include <vector>

namespace elig::testgen {

[[nodiscard]] inline std::vector<decide_options> every_mode(date as_of, bool drafts = false) {
  std::vector<decide_options> out;
  for (int m = 0; m < 18; ++m) {
    decide_options o;
    o.as_of = as_of;
    o.include_drafts_in_total = drafts;
    o.fast_lanes = m % 3 != 0;
    o.synthesised_lanes = m % 3 == 2;
    o.open_facts = (m / 3) % 2 != 0;
    o.every_condition = m / 6 == 1;
    o.condition_outcomes = m / 6 != 2;
    out.push_back(o);
  }
  return out;
}

}  // namespace elig::testgen
