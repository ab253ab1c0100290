#pragma once
// Evaluates plan nodes against one profile's typed facts. Three-valued: an unknown value carries
// the set of absent facts that made it so, as an id into a table of bit sets kept in the
// scratch. Nothing is allocated once the scratch has grown to the rule set's needs.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "elig/diagnostic.hpp"
#include "elig/report.hpp"
#include "fast/plan.hpp"

namespace elig::fast {

// An evaluation problem at a node (overflow, no parameter value, ...): the provision it occurs
// in becomes undetermined.
struct failure {
  diag_code code;
  std::int32_t node;
};

// Work done for one provision, bounded so that no profile (say, 100,000 loans compared with each
// other) keeps an evaluation running for long: past it the provision is undetermined (E3105).
// A step is a node of a loop's body per list item, or of a definition's body per call: all
// other work is bounded by the size of the rules.
inline constexpr std::uint64_t max_steps = 20'000'000;

// Per-thread working memory, reused from one evaluation to the next.
struct scratch {
  std::uint64_t owner = 0;  // the id of the plan the buffers are sized for
  std::vector<fval> vars;
  std::vector<fval> define_cache;
  std::vector<std::uint32_t> define_done;  // == generation: computed for this profile
  std::uint32_t generation = 0;            // one per evaluation, so nothing needs clearing
  // `words` words per set; set 0 is empty, 1..elements the singletons: fact slots, then the
  // profile's places (absent fields of list items), so sets grow past the plan's facts only
  // for a profile with such places.
  std::vector<std::uint64_t> sets;
  std::uint32_t set_count = 0;
  std::uint32_t words = 0;
  std::uint32_t elements = 0;                   // this profile's
  std::uint32_t built = 0;                      // the singletons in `sets`
  std::vector<std::unique_ptr<fval[]>> chunks;  // list literals built during evaluation
  std::vector<std::uint32_t> chunk_sizes;
  std::size_t chunk = 0, used = 0;
  std::uint64_t steps = 0;
  // Values that depend only on the as-of date, kept while it stays the same.
  std::vector<fval> memo_value;
  std::vector<std::uint8_t> memo_done;
  std::int32_t memo_as_of = 0;
  // Per provision, for that date: whether it is in force and encodable, so to be decided.
  enum class standing : std::uint8_t { decide, not_in_force, not_encodable };
  std::vector<standing> standings;
  std::vector<std::uint8_t> in_lane;   // to be decided, and it has a lane
  std::vector<std::uint32_t> general;  // this profile's provisions left to the general path
  std::vector<outcome> outcomes;       // written, never read, when a decision wants none
  // Conditions shared by many provisions (exclusions, a document's), decided once a profile.
  struct shared_outcome {
    std::uint32_t state = 0;  // == generation: decided for this profile
    outcome result = outcome::not_evaluated;
    std::uint32_t missing = 0;
    std::optional<failure> error;
  };
  std::vector<shared_outcome> shared;  // exclusions, then plan::conditions
  // Calls of one-record definitions already worked out for this profile, per definition.
  struct call_result {
    const frecord* rec;
    fval value;
    std::uint64_t steps;  // what working it out cost, charged again on every reuse
  };
  struct call_memo {
    std::uint32_t state = 0;  // == generation: the entries are this profile's
    std::vector<call_result> done;
  };
  std::vector<call_memo> calls;  // by definition

  // Once per evaluation; `places` is the profile's count of absent item fields. Inline for the
  // usual case, the rule set and date of the last evaluation: a new generation, nothing else.
  void prepare(const plan& p, std::int32_t as_of, std::uint32_t places) {
    const std::uint32_t n = p.facts + places;
    if (owner == p.id && memo_as_of == as_of && built != 0 && n <= built && generation + 1 != 0) {
      elements = n;
      ++generation;
      set_count = built + 1;
      chunk = used = 0;
      steps = 0;
      return;
    }
    renew(p, as_of, places);
  }
  void renew(const plan& p, std::int32_t as_of, std::uint32_t places);
  fval* allocate(std::uint32_t n);
};

template <typename T>
int order(T x, T y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

inline bool holds(relation r, int c) {
  switch (r) {
    case relation::eq:
      return c == 0;
    case relation::ne:
      return c != 0;
    case relation::lt:
      return c < 0;
    case relation::le:
      return c <= 0;
    case relation::gt:
      return c > 0;
    case relation::ge:
      return c >= 0;
  }
  return false;
}

// An in_mask node's test of a known enum value: its member is in the set (or, `not in`, not).
inline bool in_mask_holds(const pnode& n, const fval& a) {
  return (a.idx < 64 && ((n.mask >> a.idx) & 1u) != 0) != n.negate;
}

// Some member of a known list of enum values is in the set: `any t in tags where t in [...]`.
inline bool any_in_mask(const fval& list, std::uint64_t mask) {
  for (std::uint32_t i = 0; i < list.list.size; ++i) {
    const std::uint32_t m = list.list.data[i].idx;
    if (m < 64 && ((mask >> m) & 1u) != 0) return true;
  }
  return false;
}

// A history of awards (a known list of records, the provision id first) names the provision.
inline bool awarded_before(const fval& history, std::string_view provision_id) {
  for (std::uint32_t i = 0; i < history.list.size; ++i) {
    const fval& id = history.list.data[i].rec->fields[0];
    if (id.known() && std::string_view(id.text.data, id.text.size) == provision_id) return true;
  }
  return false;
}

// Whether a raw decimal's negation fits: all but the least value.
inline bool negatable(int128_t raw) {
  return raw != -static_cast<int128_t>(~uint128_t{0} >> 1) - 1;
}

// An amount as paid: never below zero, rounded half up to the fen.
inline decimal to_fen(int128_t raw) {
  // Whole fen already, as most amounts are: no rounding to do (10^10 raw units to a fen).
  if (raw >= 0 && decimal::fits_64(raw) && static_cast<std::int64_t>(raw) % 10'000'000'000 == 0)
    return decimal::from_raw(raw);
  return std::max(decimal::from_raw(raw), decimal{}).round(2, rounding::half_up);
}

// A part's amount kind as reported: a fixed sum, a ceiling, or a range.
inline amount_kind part_kind(amount_kind k) {
  return k == amount_kind::fixed   ? amount_kind::fixed
         : k == amount_kind::up_to ? amount_kind::up_to
                                   : amount_kind::range;
}

// Whether a value falls in a bracket row, `from` (unless open) up to `below` (unless open).
[[gnu::always_inline]] inline bool in_row(int128_t x, bool has_from, int128_t from, bool has_below,
                                          int128_t below) {
  return (!has_from || !(x < from)) && (!has_below || x < below);
}

// The row of a bracket table a value falls in, or null when it falls in none.
inline const fval* bracket_row(const pbracket& br, int128_t x) {
  for (std::size_t i = 0; i < br.values.size(); ++i)
    if (in_row(x, br.from[i].has_value(), br.from[i].value_or(0), br.below[i].has_value(),
               br.below[i].value_or(0)))
      return &br.values[i];
  return nullptr;
}

// The rounding a rounding builtin (`floor`, `round`, ...) applies.
rounding mode_of(check::builtin fn);

// A cmp_num, cmp_day or cmp_idx node's relation between two known values.
inline bool compare_holds(const pnode& n, const fval& a, const fval& b) {
  const int c = n.op == code::cmp_num   ? order(a.num, b.num)
                : n.op == code::cmp_day ? order(a.day, b.day)
                                        : order(a.idx, b.idx);
  return holds(n.rel, c);
}

// Each node's value as a traced run last evaluated it, for the explanation (explain/): a node
// counts as evaluated in this run when its mark is the run's epoch, so starting a run is one
// increment. Values view into the profile and the scratch, valid until the run ends.
class trace_store {
 public:
  void start(std::size_t nodes) {
    if (values_.size() != nodes) {
      values_.assign(nodes, fval{});
      marks_.assign(nodes, 0);
    }
    if (++epoch_ == 0) {
      std::fill(marks_.begin(), marks_.end(), 0u);
      epoch_ = 1;
    }
  }
  void record(std::int32_t id, const fval& v) {
    values_[static_cast<std::size_t>(id)] = v;
    marks_[static_cast<std::size_t>(id)] = epoch_;
  }
  // Null when the node was not evaluated in this run (the right side of a decided `and`).
  [[nodiscard]] const fval* value(std::int32_t id) const {
    const auto i = static_cast<std::size_t>(id);
    return i < marks_.size() && marks_[i] == epoch_ ? &values_[i] : nullptr;
  }

 private:
  std::vector<fval> values_;
  std::vector<std::uint32_t> marks_;
  std::uint32_t epoch_ = 0;
};

// The one evaluator of the rule language. `Traced` records every node's value into a
// trace_store and reads every operand through eval (no inline reads, no as-of cache) so that
// each value an explanation shows is recorded; the untraced machine pays nothing for it.
template <bool Traced>
class basic_machine {
 public:
  static constexpr bool traced = Traced;
  basic_machine(const plan& p, scratch& s, const fval* facts, date as_of,
                trace_store* trace = nullptr)
      : p_(p), s_(s), facts_(facts), as_of_(as_of.days()), trace_(trace) {}

  fval eval(std::int32_t id);
  // A condition's test. The shapes most conditions have (a fact compared with a constant, an
  // enum fact in a constant set, a bool fact, a definition decided already) are read inline;
  // the rest go through eval. Measured: 8% of the instructions of a reference decision.
  fval test(std::int32_t id) {
    if constexpr (Traced) return eval(id);
    const pnode& n = p_.nodes[static_cast<std::size_t>(id)];
    switch (n.op) {
      case code::fact:
        return facts_[n.ref];
      case code::define_ref:
        if (s_.define_done[n.ref] == s_.generation) return s_.define_cache[n.ref];
        return define(n.ref);
      case code::in_mask:
        if (n.a_fact >= 0) {
          const fval& a = facts_[n.a_fact];
          if (!a.known()) return a;
          return fval::of_bool(in_mask_holds(n, a));
        }
        break;
      case code::cmp_num:
      case code::cmp_day:
      case code::cmp_idx:
        if (n.a_fact >= 0 && n.b_literal >= 0 && n.memo == 0) {
          const fval& a = facts_[n.a_fact];
          if (!a.known()) return a;
          const fval& b = p_.literals[static_cast<std::size_t>(n.b_literal)];
          return fval::of_bool(compare_holds(n, a, b));
        }
        break;
      default:
        break;
    }
    return eval(id);
  }
  // A truth value, or the set of facts it waits for: eight bytes, returned in a register where
  // an fval (32) goes through memory.
  struct truth {
    std::uint32_t missing;
    std::uint32_t holds;
  };
  // An operand of `and`, `or`, `not`. Comparisons and set tests read their operands with
  // operand(), without a call of eval.
  truth predicate(std::int32_t id) {
    if constexpr (Traced) {
      const fval v = eval(id);
      return {v.missing, v.missing ? 0u : static_cast<std::uint32_t>(v.truth())};
    }
    const pnode& n = p_.nodes[static_cast<std::size_t>(id)];
    if (n.memo == 0) switch (n.op) {
        case code::in_mask: {
          const fval a = operand(n.a);
          if (!a.known()) return {a.missing, 0};
          return {0, in_mask_holds(n, a)};
        }
        case code::cmp_num:
        case code::cmp_day:
        case code::cmp_idx: {
          const fval a = operand(n.a);
          const fval b = operand(n.b);
          if (!a.known() || !b.known()) return {merge(a.missing, b.missing), 0};
          return {0, compare_holds(n, a, b)};
        }
        default:
          break;
      }
    const fval v = operand(id);
    return {v.missing, v.missing ? 0u : static_cast<std::uint32_t>(v.truth())};
  }
  // A child's value. Leaves (a literal, a fact, a variable, today, a definition or as-of value
  // decided already) are read here, without a call of eval: that call's prologue and epilogue
  // were a tenth of a reference decision.
  [[gnu::always_inline]] fval operand(std::int32_t id) {
    if constexpr (Traced) return eval(id);
    const pnode& n = p_.nodes[static_cast<std::size_t>(id)];
    switch (n.op) {
      case code::literal:
        return p_.literals[n.ref];
      case code::fact:
        return facts_[n.ref];
      case code::var:
        return s_.vars[n.ref];
      case code::define_ref:
        return define_value(n.ref);
      case code::field: {
        // A field of a loop's or a call's record (`l.principal`).
        const pnode& r = p_.nodes[static_cast<std::size_t>(n.a)];
        if (n.memo != 0 || r.op != code::var) break;
        const fval& rec = s_.vars[r.ref];
        if (!rec.known()) return rec;
        return rec.rec->fields[n.ref];
      }
      default:
        if (n.memo == 0) break;
        return as_of_value(n.memo, id);
    }
    return eval(id);
  }
  // A definition without parameters, worked out once a profile.
  [[gnu::always_inline]] fval define_value(std::uint32_t define_ref) {
    if (s_.define_done[define_ref] != s_.generation) return define(define_ref);
    return s_.define_cache[define_ref];
  }
  // Node `id`, whose value depends only on the as-of date: worked out once a date (`memo`, from
  // 1, is its slot).
  [[gnu::always_inline]] fval as_of_value(std::uint32_t memo, std::int32_t id) {
    if (!s_.memo_done[memo - 1]) return eval(id);
    return s_.memo_value[memo - 1];
  }
  std::uint32_t merge(std::uint32_t a, std::uint32_t b);
  std::uint32_t intersect(std::uint32_t a, std::uint32_t b);  // 0 when nothing is shared
  [[nodiscard]] const std::uint64_t* set(std::uint32_t id) const {
    return s_.sets.data() + static_cast<std::size_t>(id) * s_.words;
  }
  void bind(std::uint32_t slot, fval v) { s_.vars[slot] = v; }
  void reset_steps() { s_.steps = 0; }
  [[nodiscard]] std::int32_t as_of() const { return as_of_; }

 private:
  // Inlined into eval: one call per node instead of two (measured: 4% of a decision).
  [[gnu::always_inline]] inline fval eval_node(const pnode& n, std::int32_t id);
  [[gnu::noinline]] fval eval_memo(const pnode& n, std::int32_t id);
  // A definition without parameters, worked out once per profile: its body evaluated directly,
  // not through a call of eval for the reference first.
  fval define(std::uint32_t ref) {
    fval v = eval(p_.defines[ref].body);
    s_.define_cache[ref] = v;
    s_.define_done[ref] = s_.generation;
    return v;
  }
  fval loop(const pnode& n, std::int32_t id);
  fval builtin(const pnode& n, std::int32_t id);
  fval builtin_n(const pnode& n, std::int32_t id);
  fval binary(const pnode& n, std::int32_t id, const fval& a, const fval& b);
  fval param_at(const pnode& n, std::int32_t id, std::int32_t day) const;
  [[noreturn]] static void fail(diag_code code, std::int32_t id) { throw failure{code, id}; }
  // Steps are charged where work can grow with the profile: `cost` (the nodes of the body, see
  // pnode::cost) per list item a loop visits and per call of a definition.
  void charge(std::uint64_t cost, std::int32_t id) {
    s_.steps += cost;
    if (s_.steps > max_steps) fail(diag_code::eval_limit, id);
  }

  const plan& p_;
  scratch& s_;
  const fval* facts_;
  std::int32_t as_of_;
  trace_store* trace_;
};

using machine = basic_machine<false>;
using traced_machine = basic_machine<true>;

// Compares two known values of one type: <0, 0, >0. Lists and records compare equal, as the
// explaining evaluator does (the checker does not let rules compare them).
int compare(const fval& a, const fval& b, check::base kind);

}  // namespace elig::fast
