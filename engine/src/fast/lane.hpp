#pragma once
// A provision's fast lane: its conditions as a few fused tests ("an enum fact in a constant
// set", "a fact compared with a literal", "any tag of a list in a set") over known values, and
// its one plain amount. Most profiles give every fact a provision reads, so most provisions are
// decided here; the moment a lane meets an absent fact, an evaluation error or anything else it
// does not decide two-valued, it gives the provision up and the general path (decide.cpp)
// decides it from the start. A lane's answer is therefore always the general path's answer.
#include <cstdint>
#include <vector>

#include "elig/decimal.hpp"
#include "elig/report.hpp"

namespace elig::fast {

struct plan;

enum class lane_test : std::uint8_t {
  // A fact read in place: known, and its value (raw decimal, day number, member index; a bool
  // is 0 or 1) within [lo, hi], or outside it when `negate` (`!=`).
  fact_num_range,
  fact_day_range,
  fact_idx_range,
  fact_in_mask,      // an enum fact's member in `mask` (`not in`: negate)
  fact_any_in_mask,  // some member of a list-of-enum fact in `mask` (none: negate)
  // Two dates, each a fact, a literal, the as-of date or a bounded expression (`settle_date >=
  // today - 24 months`): holds when bit (order + 1) of `mask` is set (less, equal, greater).
  day_compare,
  // Two numbers (or years) worked out with lane arithmetic (`claimed_year < first_year + 3`):
  // a.ref and b.ref are programs; holds when bit (order + 1) of `mask` is set.
  num_compare,
  // Through operands, for anything else that is bounded.
  truth,        // a bool operand
  compare,      // a cmp_num, cmp_day or cmp_idx node's two operands
  in_mask,      // an enum operand in the node's constant set
  any_in_mask,  // any member of a list operand in the node's constant set
  and_,
  or_,
  not_
};

// Where a test reads a value: a fact slot, a literal and the as-of date are read in place; any
// other bounded expression goes through the machine (which keeps definitions and as-of values
// cached).
enum class lane_source : std::uint8_t { fact, literal, today, node };

struct lane_operand {
  lane_source source = lane_source::node;
  std::uint32_t ref = 0;  // fact slot, literal index or plan node
};

struct lane_atom {
  lane_test test = lane_test::truth;
  bool negate = false;
  std::uint32_t slot = 0;  // fact_*: the fact
  std::int32_t node = -1;  // the plan node it stands for
  std::uint64_t mask = 0;  // *_in_mask: the members
  // fact_in_mask: the fact's every member index is below 64 (a bool, an enum of at most 64
  // members), so the test needs no bound check.
  bool bounded = false;
  int128_t lo = 0, hi = 0;
  lane_operand a, b;  // and_, or_, not_: a.ref and b.ref are atoms
};

// An amount's arithmetic in a lane, on raw decimals; anything else through the machine.
enum class lane_calc : std::uint8_t {
  literal,
  fact,
  neg,
  add,
  sub,
  mul,
  div,
  min,  // of two numbers
  max,
  round,    // to `places` with `mode` (floor, ceil, ...)
  if_,      // a: the condition's atom; b, c: the branches
  bracket,  // a: the value looked up in bracket `ref`
  node,     // evaluated by the machine
  // Only in lane_table::program:
  jump,  // on to step `b` (past an `if`'s other branch)
  end    // the value is the one on the stack
};

// The most values an amount's program holds at once; a deeper amount is worked out by the
// machine as one `node` step.
inline constexpr std::uint32_t k_lane_stack = 16;

// A value as compiled (a tree: operands are values), and a step of an amount's program (operands
// are on the stack; an if_'s `b` is the step its `else` starts at).
struct lane_value {
  lane_calc op = lane_calc::node;
  rounding mode = rounding::half_up;
  std::int32_t places = 0;
  std::uint32_t a = 0, b = 0, c = 0;  // operands (values; if_'s a is an atom)
  std::uint32_t ref = 0;              // fact slot, bracket
  std::int32_t node = -1;             // the plan node it stands for
  int128_t num = 0;                   // literal
  // In a program: a binary operation's second operand is `num`, not on the stack.
  bool immediate = false;
};

// A condition: its atom holds when the condition passes (an `unless` or an exclusion is
// negated when compiled).
struct lane_condition {
  std::uint32_t atom = 0;
  std::int32_t shared = -1;  // its slot in scratch::shared when provisions share it, else -1
  // A condition may be split into atoms tested one after the other (`a and b`): true on its
  // last, where it has passed.
  bool last = true;
};

struct lane {
  bool usable = false;
  bool once = false;   // `pays once`: the history is read after the conditions
  bool draft = false;  // its document is a draft: left out of the total unless asked
  amount_kind kind = amount_kind::fixed;
  std::int32_t first = -1, second = -1;  // the amount's programs (second: `from … to`)
  // In lane_table::conditions, in decision order, after the exclusions.
  std::uint32_t cond_begin = 0, cond_end = 0;
  std::uint32_t outcome_begin = 0;  // the provision's outcomes in the decision (exclusions first)
  std::uint32_t part = 0;           // its one part, in the decision's parts
};

struct lane_table {
  // Decided once a profile, before the lanes; `shared` is the exclusion's index.
  std::vector<lane_condition> exclusions;
  bool exclusions_usable = false;  // every exclusion has atoms: else no lane is usable
  std::vector<lane_atom> atoms;
  std::vector<lane_condition> conditions;
  std::vector<lane_value> values;
  // The amounts, and the numbers a num_compare compares, as postfix programs over a small stack
  // (lane_run.hpp): a loop over steps instead of a recursion over the values' tree.
  std::vector<lane_value> program;
  std::vector<lane> provisions;  // by provision
};

// Fills p.lanes from the rest of the plan.
void compile_lanes(plan& p);

}  // namespace elig::fast
