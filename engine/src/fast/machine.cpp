#include "fast/machine.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

#include "support/calendar.hpp"

namespace elig::fast {

rounding mode_of(check::builtin fn) {
  switch (fn) {
    case check::builtin::floor:
      return rounding::floor;
    case check::builtin::ceil:
      return rounding::ceiling;
    case check::builtin::truncate:
      return rounding::down;
    case check::builtin::round_half_even:
      return rounding::half_even;
    default:
      return rounding::half_up;
  }
}

namespace {

using check::base;

// Room for a call's values: on the stack for the usual few, on the heap past eight. The stack
// room is left unset (every slot is written before it is read): zeroing eight 32-byte values
// per builtin call was 1% of a bundled decision.
class value_buffer {
 public:
  explicit value_buffer(std::uint32_t n) {
    if (n > k_inline) heap_ = std::make_unique<fval[]>(n);
  }
  fval* data() { return heap_ ? heap_.get() : reinterpret_cast<fval*>(inline_); }

 private:
  static constexpr std::uint32_t k_inline = 8;
  alignas(fval) unsigned char inline_[k_inline * sizeof(fval)];
  std::unique_ptr<fval[]> heap_;
};
static_assert(std::is_trivially_copyable_v<fval> && std::is_trivially_destructible_v<fval>);

}  // namespace

int compare(const fval& a, const fval& b, base kind) {
  switch (kind) {
    case base::number:
    case base::money:
    case base::percent:
    case base::year:
      return order(a.num, b.num);
    case base::date:
      return order(a.day, b.day);
    case base::boolean:
    case base::enumeration:
      return order(a.idx, b.idx);
    case base::text: {
      int c = std::string_view(a.text.data, a.text.size)
                  .compare(std::string_view(b.text.data, b.text.size));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case base::duration: {
      if (a.dur.months == b.dur.months && a.dur.days == b.dur.days) return 0;
      std::int64_t x = std::int64_t{a.dur.months} * 31 + a.dur.days;
      std::int64_t y = std::int64_t{b.dur.months} * 31 + b.dur.days;
      return x < y ? -1 : 1;
    }
    default:
      return 0;
  }
}

void scratch::renew(const plan& p, std::int32_t as_of, std::uint32_t places) {
  if (owner != p.id || memo_as_of != as_of) {
    memo_value.assign(p.memos, fval{});
    memo_done.assign(p.memos, 0);
    memo_as_of = as_of;
    const date day = date::from_days(as_of);
    standings.resize(p.provisions.size());
    in_lane.resize(p.provisions.size());
    general.resize(p.provisions.size());
    outcomes.resize(p.outcomes);
    for (std::size_t i = 0; i < p.provisions.size(); ++i) {
      const pprovision& pr = p.provisions[i];
      const bool in_force = p.documents[pr.doc].status != doc_status::superseded &&
                            !(pr.valid_from && day < *pr.valid_from) &&
                            !(pr.valid_until && *pr.valid_until < day);
      standings[i] = !in_force       ? standing::not_in_force
                     : !pr.encodable ? standing::not_encodable
                                     : standing::decide;
      in_lane[i] = standings[i] == standing::decide && p.lanes.provisions[i].usable ? 1 : 0;
    }
  }
  if (shared.size() != p.exclusions.size() + p.conditions.size())
    shared.assign(p.exclusions.size() + p.conditions.size(), shared_outcome{});
  if (owner != p.id) {
    owner = p.id;
    vars.assign(p.vars, fval{});
    define_cache.assign(p.defines.size(), fval{});
    define_done.assign(p.defines.size(), 0);
    // Kept, not reassigned: the entries' capacity survives a switch between rule sets.
    if (calls.size() < p.defines.size()) calls.resize(p.defines.size());
    for (auto& c : calls) c.state = 0;
    built = 0;
  }
  // Singletons for the profile's places: built once for as many as a profile has had (a profile
  // with fewer uses the first ones), so a screening loop does not rebuild them per profile.
  elements = p.facts + places;
  if (elements > built || sets.empty()) {
    built = std::max(elements, 2 * built);
    words = std::max<std::uint32_t>(p.words, (built + 63) / 64);
    const std::size_t w = words;
    sets.assign((built + 1) * w, 0);
    for (std::uint32_t f = 0; f < built; ++f)
      sets[(f + 1) * w + f / 64] |= std::uint64_t{1} << (f % 64);
  }
  if (++generation == 0) {  // wrapped: start the marks afresh
    std::fill(define_done.begin(), define_done.end(), 0u);
    for (auto& sh : shared) sh.state = 0;
    for (auto& c : calls) c.state = 0;
    generation = 1;
  }
  set_count = built + 1;
  chunk = 0;
  used = 0;
  steps = 0;
}

fval* scratch::allocate(std::uint32_t n) {
  constexpr std::uint32_t k_chunk = 256;
  while (chunk < chunks.size() && used + n > chunk_sizes[chunk]) {
    ++chunk;
    used = 0;
  }
  if (chunk == chunks.size()) {
    std::uint32_t size = std::max(n, k_chunk);
    chunks.push_back(std::make_unique<fval[]>(size));
    chunk_sizes.push_back(size);
    used = 0;
  }
  fval* out = chunks[chunk].get() + used;
  used += n;
  return out;
}

template <bool Traced>
std::uint32_t basic_machine<Traced>::merge(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || a == b) return b;
  if (b == 0) return a;
  const std::size_t w = s_.words;
  std::uint32_t id = s_.set_count++;
  if (s_.sets.size() < (static_cast<std::size_t>(id) + 1) * w)
    s_.sets.resize(std::max(s_.sets.size() * 2, (static_cast<std::size_t>(id) + 1) * w));
  for (std::size_t i = 0; i < w; ++i) s_.sets[id * w + i] = s_.sets[a * w + i] | s_.sets[b * w + i];
  return id;
}

template <bool Traced>
std::uint32_t basic_machine<Traced>::intersect(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b) return a;
  const std::size_t w = s_.words;
  bool any = false;
  for (std::size_t i = 0; i < w && !any; ++i) any = (s_.sets[a * w + i] & s_.sets[b * w + i]) != 0;
  if (!any) return 0;
  std::uint32_t id = s_.set_count++;
  if (s_.sets.size() < (static_cast<std::size_t>(id) + 1) * w)
    s_.sets.resize(std::max(s_.sets.size() * 2, (static_cast<std::size_t>(id) + 1) * w));
  for (std::size_t i = 0; i < w; ++i) s_.sets[id * w + i] = s_.sets[a * w + i] & s_.sets[b * w + i];
  return id;
}

template <bool Traced>
fval basic_machine<Traced>::eval(std::int32_t id) {
  const pnode& n = p_.nodes[static_cast<std::size_t>(id)];
  if constexpr (Traced) {
    // No as-of cache: the values under a cached node are recorded too.
    const fval v = eval_node(n, id);
    trace_->record(id, v);
    return v;
  }
  // One dispatch: leaves mostly come through operand(), which reads them without this call.
  if (n.memo != 0) return eval_memo(n, id);
  return eval_node(n, id);
}

// Values that depend only on the as-of date: worked out once while it stays the same.
template <bool Traced>
fval basic_machine<Traced>::eval_memo(const pnode& n, std::int32_t id) {
  const std::size_t k = n.memo - 1;
  if (s_.memo_done[k]) return s_.memo_value[k];
  fval v = eval_node(n, id);
  s_.memo_value[k] = v;
  s_.memo_done[k] = 1;
  return v;
}

template <bool Traced>
fval basic_machine<Traced>::param_at(const pnode& n, std::int32_t id, std::int32_t day) const {
  const pparam& prm = p_.params[n.ref];
  const fval* found = nullptr;
  for (std::size_t i = 0; i < prm.from.size(); ++i)
    if (prm.from[i] <= day) found = &prm.values[i];
  if (!found) fail(diag_code::eval_no_parameter_value, id);
  return *found;
}

template <bool Traced>
fval basic_machine<Traced>::eval_node(const pnode& n, std::int32_t id) {
  switch (n.op) {
    case code::literal:
      return p_.literals[n.ref];
    case code::fact:
      return facts_[n.ref];
    case code::field: {
      fval r = operand(n.a);
      if (!r.known()) return r;
      return r.rec->fields[n.ref];
    }
    case code::var:
      return s_.vars[n.ref];
    case code::define_ref:
      if (s_.define_done[n.ref] != s_.generation) return define(n.ref);
      return s_.define_cache[n.ref];
    case code::call_define: {
      const pdefine& d = p_.defines[n.ref];
      if (n.memo_call) {
        fval arg = operand(p_.args[n.args]);
        auto& memo = s_.calls[n.ref];
        if (memo.state != s_.generation) {
          memo.state = s_.generation;
          memo.done.clear();
        }
        // A reuse counts the steps the work took, so the evaluation limit falls in one place
        // whether a call is reused or, traced, worked out again to record this record's values.
        if (!Traced && arg.known())
          for (const auto& c : memo.done)
            if (c.rec == arg.rec) {
              s_.steps += c.steps;
              if (s_.steps > max_steps) fail(diag_code::eval_limit, id);
              return c.value;
            }
        const std::uint64_t before = s_.steps;
        charge(n.cost, id);
        fval saved = s_.vars[d.param_slots[0]];
        s_.vars[d.param_slots[0]] = arg;
        fval r = eval(d.body);
        s_.vars[d.param_slots[0]] = saved;
        if (arg.known()) memo.done.push_back({arg.rec, r, s_.steps - before});
        return r;
      }
      charge(n.cost, id);
      // Arguments bind one by one: a later argument sees the earlier ones' parameters unbound.
      value_buffer saved_values(n.nargs);
      fval* saved = saved_values.data();
      for (std::uint32_t i = 0; i < n.nargs; ++i) {
        fval a = operand(p_.args[n.args + i]);
        saved[i] = s_.vars[d.param_slots[i]];
        s_.vars[d.param_slots[i]] = a;
      }
      fval r = eval(d.body);
      for (std::uint32_t i = 0; i < n.nargs; ++i) s_.vars[d.param_slots[i]] = saved[i];
      return r;
    }
    case code::param:
      return param_at(n, id, as_of_);
    case code::param_at: {
      fval d = operand(n.b);
      if (!d.known()) return d;
      return param_at(n, id, d.day);
    }
    case code::today:
      return fval::of_day(as_of_);
    case code::neg: {
      fval x = operand(n.a);
      if (!x.known()) return x;
      if (!negatable(x.num)) fail(diag_code::eval_overflow, id);
      return fval::of_num(-x.num);
    }
    case code::not_: {
      const truth x = predicate(n.a);
      if (x.missing) return fval::unknown(x.missing);
      return fval::of_bool(x.holds == 0);
    }
    case code::and_:
    case code::or_: {
      const bool is_and = n.op == code::and_;
      const truth a = predicate(n.a);
      if (!a.missing && (a.holds != 0) != is_and) return fval::of_bool(!is_and);
      const truth b = predicate(n.b);
      if (!b.missing && (b.holds != 0) != is_and) return fval::of_bool(!is_and);
      if (!a.missing && !b.missing) return fval::of_bool(is_and);
      return fval::unknown(merge(a.missing, b.missing));
    }
    case code::if_: {
      fval c = operand(n.a);
      if (!c.known()) {
        fval t = operand(n.b), f = operand(n.c);
        if (t.known() && f.known() && compare(t, f, n.kind) == 0) return t;
        // The condition is asked first, as in the explaining evaluator.
        return fval::unknown(merge(c.missing, intersect(t.missing, f.missing)));
      }
      return c.truth() ? operand(n.b) : operand(n.c);
    }
    case code::otherwise: {
      fval a = operand(n.a);
      if (a.known()) return a;
      fval b = operand(n.b);
      if (b.known()) return b;
      return fval::unknown(merge(a.missing, b.missing));
    }
    case code::any_in_mask: {
      fval list = operand(n.a);
      if (!list.known()) return list;
      return fval::of_bool(any_in_mask(list, n.mask) != n.negate);
    }
    case code::any:  // is_loop
    case code::all:
    case code::none:
    case code::count:
    case code::sum:
    case code::max_of:
    case code::min_of:
      return loop(n, id);
    case code::list: {
      std::uint32_t missing = 0;
      fval* items = s_.allocate(n.nargs);
      for (std::uint32_t i = 0; i < n.nargs; ++i) {
        items[i] = operand(p_.args[n.args + i]);
        if (!items[i].known()) missing = merge(missing, items[i].missing);
      }
      if (missing) return fval::unknown(missing);
      fval out;
      out.list = {items, n.nargs};
      return out;
    }
    case code::const_list: {
      const auto& stored = p_.stored_lists[n.ref];
      fval out;
      out.list = {stored.data(), static_cast<std::uint32_t>(stored.size())};
      return out;
    }
    case code::builtin:
      return builtin(n, id);
    case code::bracket: {
      fval x = operand(n.a);
      if (!x.known()) return x;
      if (const fval* row = bracket_row(p_.brackets[n.ref], x.num)) return *row;
      fail(diag_code::eval_no_bracket, id);
    }
    case code::ladder: {
      const auto& items = p_.ladder_items[n.ref];
      fval out;
      out.list = {items.data(), static_cast<std::uint32_t>(items.size())};
      return out;
    }
    case code::in_mask: {
      fval a = operand(n.a);  // b is folded into the mask
      if (!a.known()) return a;
      return fval::of_bool(in_mask_holds(n, a));
    }
    default:
      break;
  }
  fval a = operand(n.a);
  fval b = operand(n.b);
  if (!a.known() || !b.known()) return fval::unknown(merge(a.missing, b.missing));
  return binary(n, id, a, b);
}

template <bool Traced>
fval basic_machine<Traced>::binary(const pnode& n, std::int32_t id, const fval& a, const fval& b) {
  try {
    switch (n.op) {
      case code::add_num:
        return fval::of_num((decimal::from_raw(a.num) + decimal::from_raw(b.num)).raw());
      case code::sub_num:
        return fval::of_num((decimal::from_raw(a.num) - decimal::from_raw(b.num)).raw());
      case code::mul_num:
        return fval::of_num((decimal::from_raw(a.num) * decimal::from_raw(b.num)).raw());
      case code::div_num:
        return fval::of_num((decimal::from_raw(a.num) / decimal::from_raw(b.num)).raw());
      case code::add_date:
      case code::sub_date: {
        std::int64_t sign = n.op == code::add_date ? 1 : -1;
        auto r = date::from_days(a.day).shifted(sign * b.dur.months, sign * b.dur.days);
        if (!r) fail(diag_code::eval_overflow, id);
        return fval::of_day(r->days());
      }
      case code::add_dur:
      case code::sub_dur: {
        std::int64_t sign = n.op == code::add_dur ? 1 : -1;
        std::int64_t m = std::int64_t{a.dur.months} + sign * b.dur.months;
        std::int64_t d = std::int64_t{a.dur.days} + sign * b.dur.days;
        if (m < INT32_MIN || m > INT32_MAX || d < INT32_MIN || d > INT32_MAX)
          fail(diag_code::eval_overflow, id);
        fval out;
        out.dur = {static_cast<std::int32_t>(m), static_cast<std::int32_t>(d)};
        return out;
      }
      case code::cmp_num:
      case code::cmp_day:
      case code::cmp_idx:
        return fval::of_bool(compare_holds(n, a, b));
      case code::cmp_text:
      case code::cmp_dur:
        return fval::of_bool(holds(n.rel, compare(a, b, n.kind)));
      case code::in_list: {
        charge(b.list.size, id);  // a list fact searched: grows with the profile
        bool found = false;
        for (std::uint32_t i = 0; i < b.list.size; ++i)
          if (b.list.data[i].known() && compare(b.list.data[i], a, n.kind) == 0) found = true;
        return fval::of_bool(found != n.negate);
      }
      default:
        break;
    }
  } catch (const decimal_overflow&) {
    fail(diag_code::eval_overflow, id);
  } catch (const division_by_zero&) {
    fail(diag_code::eval_division_by_zero, id);
  }
  fail(diag_code::eval_limit, id);
}

template <bool Traced>
fval basic_machine<Traced>::loop(const pnode& n, std::int32_t id) {
  fval list = operand(n.a);
  if (!list.known()) return list;
  std::uint32_t unknown = 0;
  bool any_true = false, any_false = false, have = false;
  std::int64_t count = 0;
  fval acc;
  try {
    for (std::uint32_t i = 0; i < list.list.size; ++i) {
      charge(n.cost, id);
      fval item = list.list.data[i];
      item.missing = 0;
      s_.vars[n.ref] = item;
      bool selected = true;
      if (n.b >= 0) {
        fval w = operand(n.b);
        if (!w.known()) {
          unknown = merge(unknown, w.missing);
          continue;
        }
        selected = w.truth();
      }
      (selected ? any_true : any_false) = true;
      if (!selected) continue;
      ++count;
      if (n.c >= 0) {
        fval body = operand(n.c);
        if (!body.known()) {
          unknown = merge(unknown, body.missing);
          continue;
        }
        const check::base kind = p_.nodes[static_cast<std::size_t>(n.c)].kind;
        if (!have) {
          acc = body;
          have = true;
        } else if (n.op == code::sum) {
          acc = fval::of_num((decimal::from_raw(acc.num) + decimal::from_raw(body.num)).raw());
        } else if ((n.op == code::max_of) == (compare(body, acc, kind) > 0)) {
          acc = body;
        }
      }
    }
  } catch (const decimal_overflow&) {
    fail(diag_code::eval_overflow, id);
  }
  switch (n.op) {
    case code::any:
      if (any_true) return fval::of_bool(true);
      return unknown ? fval::unknown(unknown) : fval::of_bool(false);
    case code::all:
      if (any_false) return fval::of_bool(false);
      return unknown ? fval::unknown(unknown) : fval::of_bool(true);
    case code::none:
      if (any_true) return fval::of_bool(false);
      return unknown ? fval::unknown(unknown) : fval::of_bool(true);
    case code::count:
      return unknown ? fval::unknown(unknown) : fval::of_num(decimal::from_int(count).raw());
    case code::sum:
      if (unknown) return fval::unknown(unknown);
      return have ? acc : fval::of_num(0);
    default:
      if (unknown) return fval::unknown(unknown);
      if (!have) fail(diag_code::eval_empty_list, id);
      return acc;
  }
}

template <bool Traced>
fval basic_machine<Traced>::builtin(const pnode& n, std::int32_t id) {
  using fn = check::builtin;
  // Builtins of one or two arguments read them directly, without the argument buffer: the
  // loan arithmetic calls days_between, days_in_year, round and position per loan. Unknown
  // arguments merge in order, as the general form below merges them.
  const auto arg = [&](std::uint32_t i) { return operand(p_.args[n.args + i]); };
  try {
    switch (n.fn) {
      case fn::given:
        return fval::of_bool(arg(0).known());
      case fn::min:
      case fn::max: {
        // `min(x, cap)` of two numbers or dates, without the generic comparison.
        const bool numeric = n.kind == base::number || n.kind == base::money ||
                             n.kind == base::percent || n.kind == base::year;
        const bool dates = n.kind == base::date;
        if (n.nargs != 2 || !(numeric || dates)) break;
        const fval a = arg(0);
        const fval b = arg(1);
        if (!a.known() || !b.known()) return fval::unknown(merge(a.missing, b.missing));
        const bool a_below_b = dates ? a.day < b.day : a.num < b.num;
        const bool b_below_a = dates ? b.day < a.day : b.num < a.num;
        return (n.fn == fn::max ? a_below_b : b_below_a) ? b : a;
      }
      case fn::round:
      case fn::floor:
      case fn::ceil:
      case fn::truncate:
      case fn::round_half_even: {
        const fval x = arg(0);
        const fval places = n.nargs > 1 ? arg(1) : fval{};
        if (!x.known() || !places.known()) return fval::unknown(merge(x.missing, places.missing));
        const int to = n.nargs > 1 ? static_cast<int>(decimal::from_raw(places.num).to_int()) : 0;
        return fval::of_num(decimal::from_raw(x.num).round(to, mode_of(n.fn)).raw());
      }
      case fn::days_between: {
        const fval a = arg(0);
        const fval b = arg(1);
        if (!a.known() || !b.known()) return fval::unknown(merge(a.missing, b.missing));
        return fval::of_num(decimal::from_int(std::int64_t{b.day} - a.day).raw());
      }
      case fn::days_in_year: {
        const fval x = arg(0);
        if (!x.known()) return fval::unknown(x.missing);
        const decimal y = decimal::from_raw(x.num);
        if (!y.is_integer() || y < decimal::from_int(1) || y > decimal::from_int(9999))
          fail(diag_code::eval_not_a_date, id);
        return fval::of_num(
            decimal::from_int(date::days_in_year(static_cast<int>(y.to_int()))).raw());
      }
      case fn::year_of: {
        const fval x = arg(0);
        if (!x.known()) return fval::unknown(x.missing);
        return fval::of_num(decimal::from_int(date::from_days(x.day).year()).raw());
      }
      case fn::position: {
        const fval x = arg(0);
        if (!x.known()) return fval::unknown(x.missing);
        return fval::of_num(decimal::from_int(std::int64_t{x.rec->index} + 1).raw());
      }
      case fn::abs: {
        const fval x = arg(0);
        if (!x.known()) return fval::unknown(x.missing);
        return fval::of_num(x.num < 0 ? -x.num : x.num);
      }
      case fn::make_date:
        break;
    }
  } catch (const decimal_overflow&) {
    fail(diag_code::eval_overflow, id);
  }
  return builtin_n(n, id);
}

// The general form: `min`/`max` of any number of values of any ordered type, and `date`.
template <bool Traced>
fval basic_machine<Traced>::builtin_n(const pnode& n, std::int32_t id) {
  value_buffer arg_values(n.nargs);
  fval* args = arg_values.data();
  std::uint32_t missing = 0;
  for (std::uint32_t i = 0; i < n.nargs; ++i) {
    args[i] = operand(p_.args[n.args + i]);
    if (!args[i].known()) missing = merge(missing, args[i].missing);
  }
  if (missing) return fval::unknown(missing);
  if (n.fn == check::builtin::min || n.fn == check::builtin::max) {
    const bool is_max = n.fn == check::builtin::max;
    fval best = args[0];
    for (std::uint32_t i = 0; i < n.nargs; ++i) {
      int c = compare(args[i], best, n.kind);
      if ((c > 0) == is_max && c != 0) best = args[i];
    }
    return best;
  }
  if (n.fn != check::builtin::make_date || n.nargs != 3) fail(diag_code::eval_not_a_date, id);
  const decimal y = decimal::from_raw(args[0].num), m = decimal::from_raw(args[1].num),
                d = decimal::from_raw(args[2].num);
  const std::optional<date> r = date_of(y, m, d);
  if (!r) fail(diag_code::eval_not_a_date, id);
  return fval::of_day(r->days());
}

template class basic_machine<false>;
template class basic_machine<true>;

}  // namespace elig::fast
