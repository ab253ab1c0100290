#pragma once
// The compiled path from a typed profile to a plain decision, traced or not.
#include <memory>

#include "elig/decision.hpp"
#include "elig/profile.hpp"
#include "fast/plan.hpp"
#include "support/profile_data.hpp"

namespace elig::fast {

class observer;

class decider {
 public:
  static void decide(const plan& p, const ruleset* rules, const detail::profile_data& prof,
                     const decide_options& opts, detail::decision_state& out);
  // The same decision, with every condition evaluated and the observer shown each condition,
  // amount and error as they are decided (explain/ renders the explanation from them).
  static void trace(const plan& p, const ruleset* rules, const detail::profile_data& prof,
                    const decide_options& opts, detail::decision_state& out, observer& watch);

 private:
  // What a run leaves of combination: all of it, the groups (a synthesised pass found the plain
  // total does not apply), or nothing (it worked out the total).
  enum class settled { not_yet, groups, total };
  template <bool Traced>
  [[gnu::always_inline]] static inline settled run_all(const plan& p, const ruleset* rules,
                                                       const detail::profile_data& prof,
                                                       const decide_options& opts,
                                                       detail::decision_state& out,
                                                       observer* watch);
  // Take-highest groups, caps, drafts and the total (combine.cpp), on plain data.
  static void combine(const plan& p, detail::decision_state& d);
  // The same where plain_total (plain_total.hpp) has found that a group or a cap acts.
  static void combine_groups(const plan& p, detail::decision_state& d);
};

}  // namespace elig::fast
