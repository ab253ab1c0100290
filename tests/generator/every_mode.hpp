#pragma once
// The ways to decide one profile: fast lanes on and off; every condition's outcome, those up to
// the first that fails, or none; open facts or not. Tests and fuzzers decide in each and
// compare.
#include <elig/decision.hpp>
#include <vector>

namespace elig::testgen {

[[nodiscard]] inline std::vector<decide_options> every_mode(date as_of, bool drafts = false) {
  std::vector<decide_options> out;
  for (int m = 0; m < 12; ++m) {
    decide_options o;
    o.as_of = as_of;
    o.include_drafts_in_total = drafts;
    o.fast_lanes = (m & 1) != 0;
    o.open_facts = (m & 2) != 0;
    o.every_condition = m / 4 == 1;
    o.condition_outcomes = m / 4 != 2;
    out.push_back(o);
  }
  return out;
}

}  // namespace elig::testgen
