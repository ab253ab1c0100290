#pragma once
// The meaning of each step of a fast lane (lane.hpp): a test of one fact, one arithmetic step of
// an amount. The lanes' interpreter (lane_run.hpp) and the C++ synthesised from a rule set's
// lanes (synth_writer.cpp) both call these, the one with the step's fields read from the table,
// the other with them written in as constants: one meaning, two ways to run it.
#include <cstdint>

#include "elig/decimal.hpp"
#include "fast/lane.hpp"
#include "fast/machine.hpp"
#include "support/typed_value.hpp"

namespace elig::fast::lane_steps {

// A test's answer: 0 fails, 1 holds, given_up when it cannot say two-valued.
inline constexpr unsigned given_up = 2;

// A 128-bit constant from its two halves (no literal suffix holds one).
constexpr int128_t raw128(std::uint64_t high, std::uint64_t low) {
  return static_cast<int128_t>((static_cast<uint128_t>(high) << 64) | low);
}

// An enum or bool fact: its member in `mask` (or not, `negate`). `bounded`: the member index is
// below 64 whatever the profile (lane_atom::bounded).
[[gnu::always_inline]] inline unsigned fact_in_mask(const fval& v, std::uint64_t mask, bool negate,
                                                    bool bounded) {
  if (!v.known()) return given_up;
  return ((bounded || v.idx < 64) && ((mask >> (v.idx & 63u)) & 1u) != 0) != negate;
}

// A number (raw decimal), a day or a member index within [lo, hi] (or outside it, `negate`).
[[gnu::always_inline]] inline unsigned fact_num_range(const fval& v, int128_t lo, int128_t hi,
                                                      bool negate) {
  if (!v.known()) return given_up;
  return (lo <= v.num && v.num <= hi) != negate;
}
[[gnu::always_inline]] inline unsigned fact_day_range(const fval& v, int128_t lo, int128_t hi,
                                                      bool negate) {
  if (!v.known()) return given_up;
  return (lo <= v.day && v.day <= hi) != negate;
}
[[gnu::always_inline]] inline unsigned fact_idx_range(const fval& v, int128_t lo, int128_t hi,
                                                      bool negate) {
  if (!v.known()) return given_up;
  return (lo <= v.idx && v.idx <= hi) != negate;
}

// Some member of a list of enum values in `mask` (none, `negate`).
inline unsigned fact_any_in_mask(const fval& v, std::uint64_t mask, bool negate) {
  if (!v.known()) return given_up;
  return any_in_mask(v, mask) != negate;
}

// Two values' order (-1, 0, 1) tested against a mask of the orders that hold (bit order + 1).
template <typename T>
[[gnu::always_inline]] inline unsigned ordered(std::uint64_t mask, T a, T b) {
  const int o = a < b ? -1 : (b < a ? 1 : 0);
  return static_cast<unsigned>((mask >> (o + 1)) & 1u);
}

// + - * / on raw decimals: decimal's own operators (overflow and division by zero throw).
[[gnu::always_inline]] inline int128_t arithmetic(lane_calc op, int128_t x, int128_t y) {
  const decimal a = decimal::from_raw(x), b = decimal::from_raw(y);
  return (op == lane_calc::add   ? a + b
          : op == lane_calc::sub ? a - b
          : op == lane_calc::mul ? a * b
                                 : a / b)
      .raw();
}

// The lesser (min) or greater (max) of two raw decimals.
[[gnu::always_inline]] inline int128_t pick(lane_calc op, int128_t x, int128_t y) {
  return (op == lane_calc::max ? x < y : y < x) ? y : x;
}

}  // namespace elig::fast::lane_steps
