#pragma once
// Runs a provision's fast lane (lane.hpp) for one profile: its tests on known facts, its amount
// in lane arithmetic, its verdict written once. Anything a lane cannot say two-valued (an absent
// fact, an evaluation error, a bracket without a row) gives the provision up to the general path
// (decide.cpp), which decides it from the start. A pass synthesised as C++ for one rule set
// (synth_writer.cpp) is decide_all unrolled: it calls the public steps below and lane_steps.hpp.
#include "elig/decision.hpp"
#include "fast/lane_steps.hpp"
#include "fast/machine.hpp"

namespace elig::fast {

class lane_runner {
 public:
  static constexpr unsigned k_given_up = lane_steps::given_up;

  lane_runner(const plan& p, machine& m, scratch& s, const fval* facts)
      : p_(p), m_(m), s_(s), facts_(facts) {}

  // Every provision decided in its lane where it has one: those left (no lane, not in force,
  // or given up by their lane) are written to `general` in the rule set's order, and their count
  // returned. The global exclusions are decided once, first. A lane stops at the first
  // condition that fails: a decision asking for every condition's outcome runs no lanes.
  // `Outcomes`: the conditions' outcomes are written to `outcomes` (the decision asked for them).
  template <bool Outcomes>
  [[gnu::noinline]] std::size_t decide_all(bool include_drafts, verdict* verdicts,
                                           outcome* outcomes, part_verdict* parts,
                                           std::uint32_t* general) {
    static_assert(static_cast<unsigned>(outcome::yes) == 0 &&
                  static_cast<unsigned>(outcome::no) == 1);
    const std::size_t n = p_.provisions.size();
    const std::uint8_t* in_lane = s_.in_lane.data();
    const lane* lanes = p_.lanes.provisions.data();
    std::size_t n_general = 0;
    const unsigned ex = exclusions<Outcomes>();
    if (ex == k_given_up) return all_general(general);
    const bool excluded = ex == 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (in_lane[i] == 0) {
        general[n_general++] = static_cast<std::uint32_t>(i);
        continue;
      }
      const lane& ln = lanes[i];
      outcome* o = nullptr;
      if constexpr (Outcomes) o = exclusion_outcomes(outcomes + ln.outcome_begin);
      const unsigned r =
          excluded ? 0u : decide<Outcomes>(ln, i, include_drafts, verdicts[i], parts[ln.part], o);
      if (r == k_given_up) {
        general[n_general++] = static_cast<std::uint32_t>(i);
        continue;
      }
      if (r == 0) lane_result(verdicts[i], parts[ln.part], status::ineligible, {});
    }
    return n_general;
  }

  // The steps decide_all is made of, public for a synthesised pass.

  const fval* facts() const { return facts_; }
  const std::uint8_t* in_lane() const { return s_.in_lane.data(); }

  // Every provision to the general path, in order: an exclusion gave up.
  std::size_t all_general(std::uint32_t* general) const {
    const std::size_t n = p_.provisions.size();
    for (std::size_t i = 0; i < n; ++i) general[i] = static_cast<std::uint32_t>(i);
    return n;
  }

  // Runs `body` (a test or a whole lane): an evaluation error gives up, and the general path
  // decides with the error in its place.
  template <typename Body>
  [[gnu::always_inline]] static unsigned guarded(Body&& body) {
    try {
      return body();
    } catch (const failure&) {
      return k_given_up;
    } catch (const decimal_overflow&) {
      return k_given_up;
    } catch (const division_by_zero&) {
      return k_given_up;
    }
  }

  // The global exclusions, once a profile before any lane: each lane starts from their result,
  // 1 when none holds, 0 when one does, k_given_up for the general path. Steps are counted from
  // here for all lanes: a lane that reached the limit would give up, and the general path
  // (which counts per provision) would decide.
  template <bool Outcomes>
  unsigned exclusions() {
    if (!begin_exclusions()) return k_given_up;
    return guarded([&]() __attribute__((always_inline)) {
      for (const lane_condition& c : p_.lanes.exclusions) {
        const unsigned r = test_atom(c.atom);
        if (r == k_given_up) return r;
        if (r == 0 || c.last) exclusion_decided<Outcomes>(c.shared, r);
        if (r == 0) return 0u;
      }
      return 1u;
    });
  }
  // Before the exclusions: false when some exclusion has no atoms (then no lane is usable).
  bool begin_exclusions() {
    m_.reset_steps();
    excluded_at_ = 0;
    return p_.lanes.exclusions_usable;
  }
  // An exclusion decided (1: it does not hold), shared with the general path and the report;
  // with `Outcomes`, the first that holds is where every provision's outcomes stop.
  template <bool Outcomes>
  void exclusion_decided(std::int32_t shared, unsigned r) {
    auto& sh = s_.shared[static_cast<std::size_t>(shared)];
    sh.error.reset();
    sh.result = static_cast<outcome>(r ^ 1u);
    sh.missing = 0;
    sh.state = s_.generation;
    if constexpr (Outcomes)
      excluded_at_ = r == 0 ? static_cast<std::uint32_t>(shared)
                            : static_cast<std::uint32_t>(p_.exclusions.size());
  }

 private:
  // A provision past the exclusions: 1 eligible (its verdict and part written), 0 a condition
  // fails, k_given_up for the general path. With `Outcomes`, each condition's outcome is
  // written to `o` as the general path writes it: `yes` up to the one that fails (`no`).
  template <bool Outcomes>
  [[gnu::always_inline]] unsigned decide(const lane& ln, std::size_t index, bool include_drafts,
                                         verdict& v, part_verdict& part, outcome* o) {
    return guarded([&]() __attribute__((always_inline)) {
      const lane_condition* c = p_.lanes.conditions.data() + ln.cond_begin;
      const lane_condition* const end = p_.lanes.conditions.data() + ln.cond_end;
      for (; c != end; ++c) {
        const unsigned r = c->shared < 0 ? test_atom(c->atom) : shared_atom(*c);
        if (!condition_done<Outcomes>(r, c->last, o)) return r;
      }
      if (ln.once)
        if (const unsigned r = once<Outcomes>(index, o); r != 1) return r;
      gave_up_ = false;
      const int128_t a = calc(static_cast<std::uint32_t>(ln.first));
      const int128_t z = ln.second < 0 ? a : calc(static_cast<std::uint32_t>(ln.second));
      if (gave_up_) return k_given_up;
      return paid(v, part, ln.kind, ln.draft, include_drafts, a, z);
    });
  }

 public:
  // A condition's test done (r as test_atom's): true when the lane goes on. With `Outcomes`,
  // the outcome is written as the general path writes it: `yes` up to the one that fails.
  template <bool Outcomes>
  [[gnu::always_inline]] static bool condition_done(unsigned r, bool last, outcome*& o) {
    if (r == k_given_up) return false;
    if constexpr (Outcomes)
      if (r == 0 || last) *o++ = static_cast<outcome>(r ^ 1u);
    return r != 0;
  }

  // `pays once`, after the conditions: 1 when the history shows no award of it.
  template <bool Outcomes>
  unsigned once(std::size_t index, outcome* o) {
    const fval& history = facts_[*p_.history_fact];
    if (!history.known()) return k_given_up;
    const bool before = awarded_before(history, p_.provisions[index].id);
    if constexpr (Outcomes) *o = before ? outcome::no : outcome::yes;
    return before ? 0 : 1;
  }

  // An eligible lane's verdict and part: its amount (raw values, from and to) in fen.
  [[gnu::always_inline]] static unsigned paid(verdict& v, part_verdict& part, amount_kind kind,
                                              bool draft, bool include_drafts, int128_t from,
                                              int128_t to) {
    const decimal a = to_fen(from);
    const decimal z = from == to ? a : to_fen(to);
    lane_result(v, part, status::eligible,
                {part_kind(kind), kind == amount_kind::up_to ? decimal{} : a, z});
    v.counted_in_total = !draft || include_drafts;
    return 1;
  }

  // The exclusions' outcomes, first in every provision's (`yes` where an exclusion does not
  // hold): where the provision's own begin.
  outcome* exclusion_outcomes(outcome* o) const {
    const auto n_ex = static_cast<std::uint32_t>(p_.exclusions.size());
    for (std::uint32_t k = 0; k < n_ex && k <= excluded_at_; ++k)
      o[k] = k < excluded_at_ ? outcome::yes : outcome::no;
    return o + n_ex;
  }

  // A shared condition in a lane: decided once a profile, by whichever path gets to it first.
  unsigned shared_atom(std::uint32_t condition) {
    return shared_atom(p_.lanes.conditions[condition]);
  }
  unsigned shared_atom(const lane_condition& c) {
    auto& sh = s_.shared[static_cast<std::size_t>(c.shared)];
    if (sh.state == s_.generation)
      return sh.result == outcome::unknown || sh.error ? k_given_up : sh.result == outcome::yes;
    const unsigned r = test_atom(c.atom);
    if (r == k_given_up) return r;
    sh.error.reset();
    sh.result = static_cast<outcome>(r ^ 1u);
    sh.missing = 0;
    sh.state = s_.generation;
    return r;
  }

  // A lane's verdict and its one part, every field written once.
  static void lane_result(verdict& v, part_verdict& part, status result, amount value) {
    v.result = result;
    v.value = value;
    v.counted_in_total = false;
    v.superseded_by = v.superseded_by_part = -1;
    v.error.reset();
    part.result = result;
    part.value = value;
  }

  // One lane test: 0 fails, 1 holds, k_given_up when it cannot say two-valued. The tests of one
  // fact are inlined where they are asked; the rest are out of line.
  [[gnu::always_inline]] unsigned test_atom(std::uint32_t i) {
    const lane_atom& t = p_.lanes.atoms[i];
    // The commonest tests (a bool or an enum fact, a number against a bound) before the jump
    // table: a compare each instead of an indirect jump.
    if (t.test == lane_test::fact_in_mask)
      return lane_steps::fact_in_mask(facts_[t.slot], t.mask, t.negate, t.bounded);
    if (t.test == lane_test::fact_num_range)
      return lane_steps::fact_num_range(facts_[t.slot], t.lo, t.hi, t.negate);
    switch (t.test) {
      case lane_test::fact_day_range:
        return lane_steps::fact_day_range(facts_[t.slot], t.lo, t.hi, t.negate);
      case lane_test::fact_idx_range:
        return lane_steps::fact_idx_range(facts_[t.slot], t.lo, t.hi, t.negate);
      case lane_test::fact_any_in_mask:
        return lane_steps::fact_any_in_mask(facts_[t.slot], t.mask, t.negate);
      case lane_test::day_compare:
        return compare_days(t);
      default:
        return test_other(t);
    }
  }

  // A day (node_day) or a number (node_num) worked out by the machine, a number looked up in
  // bracket `ref` (in place): false when unknown or in no row, and the lane gives up.
  bool node_day(std::uint32_t node, std::int32_t& day) {
    const fval f = m_.operand(static_cast<std::int32_t>(node));
    day = f.day;
    return f.known();
  }
  // The same for a node the synthesiser knows to be a definition's value or an as-of value
  // (machine::operand's own cases).
  bool define_day(std::uint32_t define_ref, std::int32_t& day) {
    const fval f = m_.define_value(define_ref);
    day = f.day;
    return f.known();
  }
  bool as_of_day(std::uint32_t memo, std::uint32_t node, std::int32_t& day) {
    const fval f = m_.as_of_value(memo, static_cast<std::int32_t>(node));
    day = f.day;
    return f.known();
  }
  std::int32_t as_of() const { return m_.as_of(); }
  bool node_num(std::int32_t node, int128_t& x) {
    const fval f = m_.eval(node);
    x = f.num;
    return f.known();
  }
  bool bracket(std::uint32_t ref, int128_t& x) const {
    const fval* row = bracket_row(p_.brackets[ref], x);
    if (!row) return false;
    x = row->num;
    return true;
  }

 private:
  // `and`, `or`, `not`, two numbers compared, and the tests through the machine.
  [[gnu::noinline]] unsigned test_other(const lane_atom& t) {
    switch (t.test) {
      case lane_test::and_: {
        const unsigned a = test_atom(t.a.ref);
        return a == 1 ? test_atom(t.b.ref) : a;
      }
      case lane_test::or_: {
        const unsigned a = test_atom(t.a.ref);
        return a == 0 ? test_atom(t.b.ref) : a;
      }
      case lane_test::not_: {
        const unsigned a = test_atom(t.a.ref);
        return a == k_given_up ? a : 1 - a;
      }
      case lane_test::num_compare:
        return compare_nums(t);
      default:
        return test_through(t);
    }
  }

  // Two days compared: no 32-byte values, no dispatch on the node.
  [[gnu::noinline]] unsigned compare_days(const lane_atom& t) {
    std::int32_t a = 0, b = 0;
    if (!day_of(t.a, a) || !day_of(t.b, b)) return k_given_up;
    return lane_steps::ordered(t.mask, a, b);
  }

  // Two numbers worked out in the lane. An amount's calc may be under way (an `if` asks this
  // test): its give-up mark is kept apart.
  [[gnu::noinline]] unsigned compare_nums(const lane_atom& t) {
    const bool outer = gave_up_;
    gave_up_ = false;
    const int128_t a = calc(t.a.ref);
    const int128_t b = calc(t.b.ref);
    const bool lost = gave_up_;
    gave_up_ = outer;
    if (lost) return k_given_up;
    return lane_steps::ordered(t.mask, a, b);
  }

  // A day read in place or, for an expression, through the machine: false when unknown.
  bool day_of(const lane_operand& o, std::int32_t& day) {
    switch (o.source) {
      case lane_source::fact: {
        const fval& f = facts_[o.ref];
        day = f.day;
        return f.known();
      }
      case lane_source::literal:
        day = p_.literals[o.ref].day;
        return true;
      case lane_source::today:
        day = m_.as_of();
        return true;
      case lane_source::node:
        break;
    }
    return node_day(o.ref, day);
  }

  // A lane test that reads its operands through the machine: out of line, so that the tests of
  // facts above need no registers saved.
  [[gnu::noinline]] unsigned test_through(const lane_atom& t) {
    const fval a = value(t.a);
    if (!a.known()) return k_given_up;
    const pnode& n = p_.nodes[static_cast<std::size_t>(t.node)];
    switch (t.test) {
      case lane_test::in_mask:
        return in_mask_holds(n, a);
      case lane_test::any_in_mask:
        return any_in_mask(a, n.mask) != n.negate;
      case lane_test::compare: {
        const fval b = value(t.b);
        if (!b.known()) return k_given_up;
        return compare_holds(n, a, b);
      }
      default:
        return a.truth();
    }
  }

  fval value(const lane_operand& o) {
    switch (o.source) {
      case lane_source::fact:
        return facts_[o.ref];
      case lane_source::literal:
        return p_.literals[o.ref];
      case lane_source::today:
        return fval::of_day(m_.as_of());
      case lane_source::node:
        break;
    }
    return m_.operand(static_cast<std::int32_t>(o.ref));
  }

  // An amount's raw value, its program run from step `pc`. An absent fact or a bracket without a
  // row sets gave_up_: the value is then meaningless and the lane gives the provision up.
  int128_t calc(std::uint32_t pc) {
    const lane_value* const steps = p_.lanes.program.data();
    int128_t stack[k_lane_stack];
    std::uint32_t top = 0;  // values on the stack
    for (;; ++pc) {
      const lane_value& v = steps[pc];
      switch (v.op) {
        case lane_calc::literal:
          stack[top++] = v.num;
          break;
        case lane_calc::fact: {
          const fval& f = facts_[v.ref];
          if (!f.known()) return give_up();
          stack[top++] = f.num;
          break;
        }
        case lane_calc::neg:  // the least value's negation overflows: the general path says so
          if (!negatable(stack[top - 1])) return give_up();
          stack[top - 1] = -stack[top - 1];
          break;
        case lane_calc::add:
        case lane_calc::sub:
        case lane_calc::mul:
        case lane_calc::div: {
          if (!v.immediate) --top;
          stack[top - 1] =
              lane_steps::arithmetic(v.op, stack[top - 1], v.immediate ? v.num : stack[top]);
          break;
        }
        case lane_calc::min:
        case lane_calc::max: {
          if (!v.immediate) --top;
          stack[top - 1] = lane_steps::pick(v.op, stack[top - 1], v.immediate ? v.num : stack[top]);
          break;
        }
        case lane_calc::round:
          stack[top - 1] = decimal::from_raw(stack[top - 1]).round(v.places, v.mode).raw();
          break;
        case lane_calc::if_: {
          const unsigned r = test_atom(v.a);
          if (r == k_given_up) return give_up();
          if (r == 0) pc = v.b - 1;  // the `else` branch
          break;
        }
        case lane_calc::jump:
          pc = v.b - 1;
          break;
        case lane_calc::bracket:
          if (!bracket(v.ref, stack[top - 1])) return give_up();
          break;
        case lane_calc::node:
          if (!node_num(v.node, stack[top++])) return give_up();
          break;
        case lane_calc::end:
          return stack[0];
      }
    }
  }

  int128_t give_up() {
    gave_up_ = true;
    return 0;
  }

  const plan& p_;
  machine& m_;
  scratch& s_;
  const fval* facts_;
  bool gave_up_ = false;
  std::uint32_t excluded_at_ = 0;  // the first exclusion that holds (or gave up)
};

}  // namespace elig::fast
