#pragma once
// The global exclusions as a decision reports them, from what the provisions decided of them
// (or evaluated here when none got that far). Written once over a rule set's shape (shape.hpp):
// decide.cpp reads it from the plan, a synthesised pass has it as constants.
#include "fast/machine.hpp"
#include "fast/observer.hpp"
#include "fast/shape.hpp"

namespace elig::fast {

// The global exclusions as the decision reports them (`yes`: it holds).
template <typename Shape, typename Machine>
[[gnu::always_inline]] inline void report_exclusions(const Shape& shape, const plan& p, Machine& m,
                                                     scratch& s, outcome* exclusions,
                                                     bool& excluded, observer* watch) {
  excluded = false;
  for (std::size_t i = 0; i < shape.exclusions(); ++i) {
    // Decided already when some provision got as far as its exclusions; as a provision's
    // condition it is negative (`yes` there means the exclusion does not hold).
    std::uint32_t missing = 0;
    outcome holds = outcome::unknown;
    if (const auto& sh = s.shared[i]; sh.state == s.generation) {
      holds = sh.error || sh.result == outcome::unknown ? outcome::unknown
              : sh.result == outcome::no                ? outcome::yes
                                                        : outcome::no;
      missing = sh.error ? 0 : sh.missing;
    } else {
      m.reset_steps();
      try {
        const fval v = m.eval(p.exclusions[i].test);
        holds = !v.known() ? outcome::unknown : v.truth() ? outcome::yes : outcome::no;
        missing = v.missing;
      } catch (const failure&) {
        holds = outcome::unknown;
      }
    }
    exclusions[i] = holds;
    excluded = excluded || holds == outcome::yes;
    if constexpr (Machine::traced) watch->exclusion(i, holds, missing);
  }
}

}  // namespace elig::fast
