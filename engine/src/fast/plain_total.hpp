#pragma once
// The total when no take-highest group has two counted members and no cap has a counted one, as
// most profiles meet them: the sum of the counted provisions. Written once over a rule set's
// shape: combine.cpp reads the shape from the plan, a synthesised pass (synth_writer.cpp) has
// it as constants, and the compiler unrolls the loops.
#include <cstddef>
#include <cstdint>
#include <span>

#include "elig/decision.hpp"
#include "fast/shape.hpp"

namespace elig::fast {

// False, with nothing but the caps' marks written, when some group or cap acts: combine.cpp
// then works out each part's share. `counted_in_total` is set already, as each provision was
// decided.
template <typename Shape>
[[gnu::always_inline]] inline bool plain_total(const Shape& shape, detail::decision_state& d) {
  const verdict* verdicts = d.verdicts.data();
  std::uint8_t* caps = d.caps.data();
  bool acts = false;
  for (std::size_t c = 0; c < shape.combinations(); ++c) {
    caps[c] = 0;  // no cap applied, unless one is
    std::size_t counted = 0;
    for (const auto& [prov, part] : shape.members(c)) counted += verdicts[prov].counted_in_total;
    acts = acts || counted >= shape.acts_from(c);
  }
  if (acts) return false;
  decimal lo, hi;
  for (std::size_t i = 0; i < shape.provisions(); ++i)
    if (verdicts[i].counted_in_total) {
      lo = lo + verdicts[i].value.min;
      hi = hi + verdicts[i].value.max;
    }
  d.total.min = lo;
  d.total.max = hi;
  return true;
}

}  // namespace elig::fast
