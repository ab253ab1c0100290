#pragma once
// The compiled path from a typed profile to a plain decision, traced or not.
#include <memory>

#include "elig/decision.hpp"
#include "elig/profile.hpp"
#include "fast/plan.hpp"

namespace elig::fast {

class observer;

// A decision's buffers, for the decider's helpers to fill.
struct decision_parts {
  std::shared_ptr<const ruleset>& rules;
  std::vector<verdict>& verdicts;
  std::vector<part_verdict>& parts;
  std::vector<outcome>& conditions;
  std::vector<std::uint64_t>& missing;
  std::uint32_t& words;
  std::vector<decision::item_field>& places;
  std::vector<outcome>& exclusions;
  std::vector<std::uint8_t>& caps;
  bool& excluded;
};

class decider {
 public:
  static void decide(const plan& p, const ruleset* rules, const profile& prof,
                     const decide_options& opts, decision& out);
  // The same decision, with every condition evaluated and the observer shown each condition,
  // amount and error as they are decided (explain/ renders the explanation from them).
  static void trace(const plan& p, const ruleset* rules, const profile& prof,
                    const decide_options& opts, decision& out, observer& watch);

 private:
  static decision_parts parts_of(decision& d) {
    return {d.rules_, d.verdicts_, d.parts_,      d.conditions_, d.missing_,
            d.words_, d.places_,   d.exclusions_, d.caps_,       d.excluded_};
  }
  // Take-highest groups, caps, drafts and the total (combine.cpp), on plain data.
  static void combine(const plan& p, decision& d);
};

}  // namespace elig::fast
