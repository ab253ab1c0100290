#pragma once
// The compiled path from a typed profile to a plain decision.
#include <memory>

#include "elig/decision.hpp"
#include "elig/profile.hpp"
#include "fast/plan.hpp"

namespace elig::fast {

class decider {
 public:
  static void decide(const plan& p, const ruleset* rules, const profile& prof,
                     const decide_options& opts, decision& out);

 private:
  // Take-highest groups, caps, drafts and the total (combine.cpp), on plain data.
  static void combine(const plan& p, decision& d);
};

}  // namespace elig::fast
