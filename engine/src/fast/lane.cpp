#include "fast/lane.hpp"

#include <optional>

#include "fast/machine.hpp"
#include "fast/plan.hpp"

namespace elig::fast {
namespace {

// A lane reaches at most this many nodes, definitions expanded: its evaluation then stays far
// below the step limit, so the general path could not fail on the limit where the lane decides.
constexpr std::size_t k_max_reach = 100'000;
// Definitions inlined into a lane, one inside another, at most this deep.
constexpr int k_max_inline = 8;
// A definition inlined is small (its nodes, definitions expanded), so that inlining cannot
// multiply a rule set's atoms.
constexpr std::size_t k_max_inlined_reach = 64;
// Nesting followed while measuring; deeper expressions get no lane.
constexpr int k_max_depth = 256;

class lane_compiler {
 public:
  explicit lane_compiler(plan& p) : p_(p), t_(p.lanes), define_reach_(p.defines.size()) {}

  void run() {
    const std::size_t n_ex = p_.exclusions.size();
    // Shared conditions (exclusions, then documents' conditions) get their atoms once.
    std::vector<std::optional<std::uint32_t>> shared(n_ex + p_.conditions.size());
    // The exclusions are every provision's first conditions: decided once a profile, before the
    // lanes, and a lane only where every one has atoms.
    t_.exclusions_usable = true;
    for (std::size_t i = 0; i < n_ex; ++i)
      if (!conjuncts(p_.exclusions[i], static_cast<std::int32_t>(i), t_.exclusions))
        t_.exclusions_usable = false;
    for (const auto& d : p_.documents)
      for (auto i = d.cond_begin; i < d.cond_end; ++i)
        shared[n_ex + i] = condition(p_.conditions[i]);
    for (const auto& pr : p_.provisions) t_.provisions.push_back(provision(pr, shared));
    link_programs();
  }

 private:
  lane provision(const pprovision& pr, const std::vector<std::optional<std::uint32_t>>& shared) {
    lane ln;
    if (!pr.encodable || pr.part_end - pr.part_begin != 1) return ln;
    const ppart& part = p_.parts[pr.part_begin];
    const pbenefit& b = part.pays;
    if (!part.encodable || part.cond_begin != part.cond_end || b.per_item) return ln;
    if (b.first < 0 || !bounded(b.first) || (b.second >= 0 && !bounded(b.second))) return ln;
    if (pr.once && !p_.history_fact) return ln;
    if (!t_.exclusions_usable) return ln;
    std::vector<lane_condition> conds;
    const std::size_t n_ex = p_.exclusions.size();
    const pdocument& doc = p_.documents[pr.doc];
    for (auto i = doc.cond_begin; i < doc.cond_end; ++i) {
      if (!shared[n_ex + i]) return ln;
      conds.push_back({*shared[n_ex + i], static_cast<std::int32_t>(n_ex + i)});
    }
    for (auto i = pr.cond_begin; i < pr.cond_end; ++i)
      if (!conjuncts(p_.conditions[i], -1, conds)) return ln;
    ln.usable = true;
    ln.once = pr.once;
    ln.outcome_begin = pr.outcome_begin;
    ln.part = pr.part_begin;
    ln.draft = pr.draft;
    ln.kind = b.kind;
    ln.first = static_cast<std::int32_t>(calc(b.first));
    ln.second = b.second >= 0 ? static_cast<std::int32_t>(calc(b.second)) : -1;
    ln.cond_begin = static_cast<std::uint32_t>(t_.conditions.size());
    t_.conditions.insert(t_.conditions.end(), conds.begin(), conds.end());
    ln.cond_end = static_cast<std::uint32_t>(t_.conditions.size());
    return ln;
  }

  // A condition's atom, holding when the condition passes: an `unless` or an exclusion holds
  // when its test fails.
  std::optional<std::uint32_t> condition(const pcondition& c) {
    auto a = atom(c.test, 0);
    if (!a || !c.negative) return a;
    return negated(*a);
  }

  // A condition as the atoms that must all hold for it to pass, in the order they are tested:
  // `a and b` is a, then b; `unless a or b` is not a, then not b. The last one ends the
  // condition. The answer is the whole atom's: the first atom that gives up gives it up, the
  // first that fails fails it. False when the condition has no atoms.
  bool conjuncts(const pcondition& c, std::int32_t shared, std::vector<lane_condition>& out) {
    auto a = atom(c.test, 0);
    if (!a) return false;
    split(*a, c.negative, shared, out);
    out.back().last = true;
    return true;
  }

  void split(std::uint32_t atom, bool negate, std::int32_t shared,
             std::vector<lane_condition>& out) {
    const lane_atom t = t_.atoms[atom];
    if ((t.test == lane_test::and_ && !negate) || (t.test == lane_test::or_ && negate)) {
      split(t.a.ref, negate, shared, out);
      split(t.b.ref, negate, shared, out);
    } else if (t.test == lane_test::not_) {
      split(t.a.ref, !negate, shared, out);
    } else {
      out.push_back({negate ? negated(atom) : atom, shared, false});
    }
  }

  // An atom holding where `atom` fails.
  std::uint32_t negated(std::uint32_t atom) {
    lane_atom t = t_.atoms[atom];
    switch (t.test) {
      case lane_test::fact_num_range:
      case lane_test::fact_day_range:
      case lane_test::fact_idx_range:
      case lane_test::fact_in_mask:
      case lane_test::fact_any_in_mask:
        t.negate = !t.negate;
        return add(t);
      case lane_test::day_compare:
      case lane_test::num_compare:
        t.mask ^= 0b111;
        return add(t);
      default:
        return add(through(lane_test::not_, t.node, {lane_source::node, atom}));
    }
  }

  std::uint32_t add_value(lane_value v) {
    t_.values.push_back(v);
    return static_cast<std::uint32_t>(t_.values.size() - 1);
  }

  // An amount (bounded: checked by the caller) as lane arithmetic. What has no lane operation
  // of its own (a definition, a date difference, ...) is left to the machine, which evaluates
  // it as the general path does.
  std::uint32_t calc(std::int32_t id) {
    const pnode& n = at(id);
    lane_value v;
    v.node = id;
    if (n.memo == 0) switch (n.op) {
        case code::literal:
          v.op = lane_calc::literal;
          v.num = p_.literals[n.ref].num;
          return add_value(v);
        case code::fact:
          v.op = lane_calc::fact;
          v.ref = n.ref;
          return add_value(v);
        case code::neg:
          v.op = lane_calc::neg;
          v.a = calc(n.a);
          return add_value(v);
        case code::add_num:
        case code::sub_num:
        case code::mul_num:
        case code::div_num:
          v.op = n.op == code::add_num   ? lane_calc::add
                 : n.op == code::sub_num ? lane_calc::sub
                 : n.op == code::mul_num ? lane_calc::mul
                                         : lane_calc::div;
          v.a = calc(n.a);
          v.b = calc(n.b);
          return add_value(v);
        case code::builtin:
          if (builtin(n, v)) return add_value(v);
          break;
        case code::if_:
          if (auto cond = atom(n.a, 0)) {
            v.op = lane_calc::if_;
            v.a = *cond;
            v.b = calc(n.b);
            v.c = calc(n.c);
            return add_value(v);
          }
          break;
        case code::define_ref:
          // A small definition without parameters (`first_year`) as its body's arithmetic.
          if (p_.defines[n.ref].memo && reach(p_.defines[n.ref].body, 0) <= k_max_inlined_reach)
            return calc(p_.defines[n.ref].body);
          break;
        case code::bracket:
          v.op = lane_calc::bracket;
          v.a = calc(n.a);
          v.ref = n.ref;
          return add_value(v);
        default:
          break;
      }
    v.op = lane_calc::node;
    return add_value(v);
  }

  // `min`/`max` of two numbers, a rounding to whole units or to constant places.
  bool builtin(const pnode& n, lane_value& v) {
    const bool numeric = n.kind == check::base::number || n.kind == check::base::money ||
                         n.kind == check::base::percent;
    if (n.nargs == 2 && numeric && (n.fn == check::builtin::min || n.fn == check::builtin::max)) {
      v.op = n.fn == check::builtin::min ? lane_calc::min : lane_calc::max;
      v.a = calc(p_.args[n.args]);
      v.b = calc(p_.args[n.args + 1]);
      return true;
    }
    const bool rounds = n.fn == check::builtin::round || n.fn == check::builtin::floor ||
                        n.fn == check::builtin::ceil || n.fn == check::builtin::truncate ||
                        n.fn == check::builtin::round_half_even;
    if (!rounds || n.nargs < 1 || n.nargs > 2) return false;
    if (n.nargs == 2) {  // places: a literal whole number the rounding takes as it is
      const pnode& places = at(p_.args[n.args + 1]);
      if (places.op != code::literal) return false;
      const decimal d = decimal::from_raw(p_.literals[places.ref].num);
      if (!d.is_integer() || d < decimal{} || d > decimal::from_int(decimal::scale_digits))
        return false;
      v.places = static_cast<std::int32_t>(d.to_int());
    }
    v.op = lane_calc::round;
    v.mode = mode_of(n.fn);
    v.a = calc(p_.args[n.args]);
    return true;
  }

  // The values a lane runs (amounts, and the numbers compared) as postfix programs.
  void link_programs() {
    for (auto& ln : t_.provisions) {
      if (!ln.usable) continue;
      ln.first = static_cast<std::int32_t>(program(static_cast<std::uint32_t>(ln.first)));
      if (ln.second >= 0)
        ln.second = static_cast<std::int32_t>(program(static_cast<std::uint32_t>(ln.second)));
    }
    for (auto& t : t_.atoms)
      if (t.test == lane_test::num_compare) {
        t.a.ref = program(t.a.ref);
        t.b.ref = program(t.b.ref);
      }
  }

  // One value's program, from its first step.
  std::uint32_t program(std::uint32_t value) {
    const auto start = static_cast<std::uint32_t>(t_.program.size());
    if (depth(value) <= k_lane_stack) {
      emit(value);
    } else {
      lane_value whole;
      whole.node = t_.values[value].node;
      t_.program.push_back(whole);
    }
    lane_value end;
    end.op = lane_calc::end;
    t_.program.push_back(end);
    return start;
  }

  // The values an operation takes from the stack (an `if`'s branches are apart).
  static int arity(lane_calc op) {
    switch (op) {
      case lane_calc::neg:
      case lane_calc::round:
      case lane_calc::bracket:
        return 1;
      case lane_calc::add:
      case lane_calc::sub:
      case lane_calc::mul:
      case lane_calc::div:
      case lane_calc::min:
      case lane_calc::max:
        return 2;
      default:
        return 0;
    }
  }

  // The stack a value's program needs.
  std::uint32_t depth(std::uint32_t value) const {
    const lane_value& v = t_.values[value];
    if (v.op == lane_calc::if_) return std::max(depth(v.b), depth(v.c));
    switch (arity(v.op)) {
      case 1:
        return depth(v.a);
      case 2:
        return std::max(depth(v.a), depth(v.b) + 1);
      default:
        return 1;
    }
  }

  void emit(std::uint32_t value) {
    const lane_value v = t_.values[value];
    if (v.op == lane_calc::if_) {
      const std::size_t branch = t_.program.size();
      t_.program.push_back(v);  // its `b`: where the `else` starts
      emit(v.b);
      const std::size_t skip = t_.program.size();
      lane_value jump;
      jump.op = lane_calc::jump;
      t_.program.push_back(jump);
      t_.program[branch].b = static_cast<std::uint32_t>(t_.program.size());
      emit(v.c);
      t_.program[skip].b = static_cast<std::uint32_t>(t_.program.size());
      return;
    }
    if (arity(v.op) >= 1) emit(v.a);
    if (arity(v.op) == 2) {
      const lane_value& b = t_.values[v.b];
      if (b.op == lane_calc::literal) {  // `min(x, 1000)`, `x * 365`: one step, not two
        lane_value step = v;
        step.immediate = true;
        step.num = b.num;
        t_.program.push_back(step);
        return;
      }
      emit(v.b);
    }
    t_.program.push_back(v);
  }

  const pnode& at(std::int32_t id) const { return p_.nodes[static_cast<std::size_t>(id)]; }

  static lane_atom through(lane_test test, std::int32_t node, lane_operand a, lane_operand b = {}) {
    lane_atom t;
    t.test = test;
    t.node = node;
    t.a = a;
    t.b = b;
    return t;
  }

  std::uint32_t add(lane_atom a) {
    // A bool or an enum fact's member within a range: one bit test.
    if (a.test == lane_test::fact_idx_range && a.lo >= 0 && a.lo <= a.hi && a.hi < 64) {
      const int lo = static_cast<int>(a.lo), hi = static_cast<int>(a.hi);
      a.test = lane_test::fact_in_mask;
      a.mask = (hi == 63 ? ~std::uint64_t{0} : (std::uint64_t{1} << (hi + 1)) - 1) &
               ~((std::uint64_t{1} << lo) - 1);
    }
    t_.atoms.push_back(a);
    return static_cast<std::uint32_t>(t_.atoms.size() - 1);
  }

  // A condition's test as lane atoms; nothing when some part of it cannot be in a lane.
  std::optional<std::uint32_t> atom(std::int32_t id, int inlined) {
    const pnode& n = at(id);
    if (auto t = fact_test(id)) return add(*t);
    if (n.memo == 0) switch (n.op) {
        case code::define_ref:
          // A yes-or-no definition (`hangzhou`) becomes its body's test, without the cache.
          if (inlined < k_max_inline && p_.defines[n.ref].memo &&
              reach(p_.defines[n.ref].body, 0) <= k_max_inlined_reach)
            if (auto body = atom(p_.defines[n.ref].body, inlined + 1)) return body;
          break;
        case code::not_: {
          auto a = atom(n.a, inlined);
          if (!a) return std::nullopt;
          return add(through(lane_test::not_, id, {lane_source::node, *a}));
        }
        case code::and_:
        case code::or_: {
          auto a = atom(n.a, inlined);
          auto b = a ? atom(n.b, inlined) : std::nullopt;
          if (!b) return std::nullopt;
          return add(through(n.op == code::and_ ? lane_test::and_ : lane_test::or_, id,
                             {lane_source::node, *a}, {lane_source::node, *b}));
        }
        case code::cmp_num:
        case code::cmp_day:
        case code::cmp_idx: {
          auto a = operand(n.a);
          auto b = a ? operand(n.b) : std::nullopt;
          if (!b) return std::nullopt;
          lane_atom t = through(lane_test::compare, id, *a, *b);
          if (n.op == code::cmp_num) {
            t.test = lane_test::num_compare;
            t.mask = order_mask(n.rel);
            t.a = {lane_source::node, calc(n.a)};
            t.b = {lane_source::node, calc(n.b)};
          } else if (n.op == code::cmp_day) {
            t.test = lane_test::day_compare;
            t.mask = order_mask(n.rel);
          }
          return add(t);
        }
        case code::in_mask:
        case code::any_in_mask: {
          auto a = operand(n.a);
          if (!a) return std::nullopt;
          return add(
              through(n.op == code::in_mask ? lane_test::in_mask : lane_test::any_in_mask, id, *a));
        }
        default:
          break;
      }
    auto v = operand(id);
    if (!v) return std::nullopt;
    return add(through(lane_test::truth, id, *v));
  }

  // The tests that read one fact in place: a bool fact, a fact compared with a literal, an enum
  // fact (or a list of them) in a constant set.
  std::optional<lane_atom> fact_test(std::int32_t id) const {
    const pnode& n = at(id);
    if (n.memo != 0) return std::nullopt;
    lane_atom t;
    t.node = id;
    switch (n.op) {
      case code::fact:  // a bool fact: its member index is 1
        t.test = lane_test::fact_idx_range;
        t.slot = n.ref;
        t.lo = t.hi = 1;
        t.bounded = true;
        return t;
      case code::in_mask:
      case code::any_in_mask:
        if (at(n.a).op != code::fact) return std::nullopt;
        t.test = n.op == code::in_mask ? lane_test::fact_in_mask : lane_test::fact_any_in_mask;
        t.slot = at(n.a).ref;
        t.mask = n.mask;
        t.negate = n.negate;
        t.bounded = true;  // the plan makes a mask only of an enum of at most 64 members
        return t;
      case code::cmp_num:
      case code::cmp_day:
      case code::cmp_idx:
        break;
      default:
        return std::nullopt;
    }
    relation rel = n.rel;
    const pnode* fact = &at(n.a);
    const pnode* lit = &at(n.b);
    if (fact->op == code::literal && lit->op == code::fact) {  // `10 <= employees`
      std::swap(fact, lit);
      rel = flipped(rel);
    }
    if (fact->op != code::fact || lit->op != code::literal) return std::nullopt;
    const fval& c = p_.literals[lit->ref];
    const int128_t value = n.op == code::cmp_num   ? c.num
                           : n.op == code::cmp_day ? int128_t{c.day}
                                                   : int128_t{c.idx};
    if (value == k_least || value == k_greatest) return std::nullopt;
    t.test = n.op == code::cmp_num   ? lane_test::fact_num_range
             : n.op == code::cmp_day ? lane_test::fact_day_range
                                     : lane_test::fact_idx_range;
    t.slot = fact->ref;
    t.lo = rel == relation::lt || rel == relation::le ? k_least
           : rel == relation::gt                      ? value + 1
                                                      : value;
    t.hi = rel == relation::gt || rel == relation::ge ? k_greatest
           : rel == relation::lt                      ? value - 1
                                                      : value;
    t.negate = rel == relation::ne;
    return t;
  }

  // The orders (bit 0 less, 1 equal, 2 greater) in which a relation holds.
  static std::uint64_t order_mask(relation r) {
    switch (r) {
      case relation::eq:
        return 0b010;
      case relation::ne:
        return 0b101;
      case relation::lt:
        return 0b001;
      case relation::le:
        return 0b011;
      case relation::gt:
        return 0b100;
      case relation::ge:
        return 0b110;
    }
    return 0;
  }

  static relation flipped(relation r) {
    switch (r) {
      case relation::lt:
        return relation::gt;
      case relation::le:
        return relation::ge;
      case relation::gt:
        return relation::lt;
      case relation::ge:
        return relation::le;
      default:
        return r;
    }
  }

  static constexpr int128_t k_greatest = static_cast<int128_t>(~static_cast<uint128_t>(0) >> 1);
  static constexpr int128_t k_least = -k_greatest - 1;

  std::optional<lane_operand> operand(std::int32_t id) {
    const pnode& n = at(id);
    if (n.op == code::fact) return lane_operand{lane_source::fact, n.ref};
    if (n.op == code::literal) return lane_operand{lane_source::literal, n.ref};
    if (n.op == code::today) return lane_operand{lane_source::today, 0};
    if (!bounded(id)) return std::nullopt;
    return lane_operand{lane_source::node, static_cast<std::uint32_t>(id)};
  }

  bool bounded(std::int32_t id) { return reach(id, 0) <= k_max_reach; }

  // The nodes an evaluation of id can visit, definitions expanded; over k_max_reach when it
  // could visit a node per list item (a loop, a call) or nests too deep to follow.
  std::size_t reach(std::int32_t id, int depth) {
    if (id < 0) return 0;
    if (depth > k_max_depth) return k_max_reach + 1;
    const pnode& n = at(id);
    if (is_loop(n.op) || n.op == code::call_define || n.op == code::var) return k_max_reach + 1;
    std::size_t total = 1;
    auto add_reach = [&](std::size_t r) { total = std::min(total + r, k_max_reach + 1); };
    add_reach(reach(n.a, depth + 1));
    // A set test's list, and `any`'s test of its variable, are folded into the mask.
    if (n.op != code::in_mask && n.op != code::any_in_mask) {
      add_reach(reach(n.b, depth + 1));
      add_reach(reach(n.c, depth + 1));
    }
    for (std::uint32_t i = 0; i < n.nargs; ++i) add_reach(reach(p_.args[n.args + i], depth + 1));
    if (n.op == code::define_ref) {
      auto& known = define_reach_[n.ref];
      if (!known) {
        known = k_max_reach + 1;  // while measuring: a definition reaching itself is unbounded
        known = reach(p_.defines[n.ref].body, depth + 1);
      }
      add_reach(*known);
    }
    return total;
  }

  plan& p_;
  lane_table& t_;
  std::vector<std::optional<std::size_t>> define_reach_;
};

}  // namespace

void compile_lanes(plan& p) { lane_compiler(p).run(); }

}  // namespace elig::fast
