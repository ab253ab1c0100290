#include "eval/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "support/calendar.hpp"
#include "support/profile_data.hpp"

namespace elig::eval {
using check::base;
using check::op;

namespace {

int compare(const value& a, const value& b) {
  return std::visit(
      [&](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, decimal> || std::is_same_v<T, date>) {
          const auto& y = std::get<T>(b.raw());
          return x < y ? -1 : (y < x ? 1 : 0);
        } else if constexpr (std::is_same_v<T, std::string_view>) {
          int c = x.compare(std::get<T>(b.raw()));
          return c < 0 ? -1 : c > 0 ? 1 : 0;
        } else if constexpr (std::is_same_v<T, bool>) {
          return static_cast<int>(x) - static_cast<int>(std::get<T>(b.raw()));
        } else if constexpr (std::is_same_v<T, duration>) {
          const auto& y = std::get<T>(b.raw());
          return x == y ? 0 : (x.months * 31 + x.days < y.months * 31 + y.days ? -1 : 1);
        } else {
          return 0;
        }
      },
      a.raw());
}

}  // namespace

context::context(const check::program& prog, const profile& prof, date as_of, bool tr)
    : tracing(tr),
      prog_(prog),
      prof_(prof),
      as_of_(as_of),
      vars_(prog.var_slots),
      define_cache_(prog.defines.size()),
      define_done_(prog.defines.size(), 0),
      sets_(1) {
  if (tracing) clear_trace();
}

void context::clear_trace() {
  if (trace.size() != prog_.nodes.size()) {
    trace.assign(prog_.nodes.size(), ev{});
    evaluated.assign(prog_.nodes.size(), 0);
  }
  ++epoch;
}

std::uint32_t context::missing_of(std::string name) {
  sets_.push_back({std::move(name)});
  return static_cast<std::uint32_t>(sets_.size() - 1);
}

std::uint32_t context::merge(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || a == b) return b;
  if (b == 0) return a;
  std::vector<std::string> out;
  std::set_union(sets_[a].begin(), sets_[a].end(), sets_[b].begin(), sets_[b].end(),
                 std::back_inserter(out));
  sets_.push_back(std::move(out));
  return static_cast<std::uint32_t>(sets_.size() - 1);
}

std::uint32_t context::intersect(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || b == 0) return 0;
  if (a == b) return a;
  std::vector<std::string> out;
  std::set_intersection(sets_[a].begin(), sets_[a].end(), sets_[b].begin(), sets_[b].end(),
                        std::back_inserter(out));
  if (out.empty()) return 0;
  sets_.push_back(std::move(out));
  return static_cast<std::uint32_t>(sets_.size() - 1);
}

std::vector<std::string> context::missing_names(std::uint32_t set) const { return sets_[set]; }

void context::fail(diag_code code, std::string message, const check::node& n) const {
  throw eval_error{code, std::move(message), n.span};
}

ev context::eval(node_id id) {
  if (++steps_ > k_max_steps)
    fail(diag_code::eval_limit,
         fmt::format("the evaluation took more than {} steps; the profile is too large for it",
                     k_max_steps),
         prog_.nodes[static_cast<std::size_t>(id)]);
  try {
    ev r = eval_node(id);
    if (tracing) {
      trace[static_cast<std::size_t>(id)] = r;
      evaluated[static_cast<std::size_t>(id)] = epoch;
    }
    return r;
  } catch (const decimal_overflow&) {
    fail(diag_code::eval_overflow, "an amount overflowed",
         prog_.nodes[static_cast<std::size_t>(id)]);
  } catch (const division_by_zero&) {
    fail(diag_code::eval_division_by_zero, "division by zero",
         prog_.nodes[static_cast<std::size_t>(id)]);
  }
}

date context::shift(date d, std::int64_t months, std::int64_t days, const check::node& n) const {
  auto r = d.shifted(months, days);
  if (!r)
    fail(diag_code::eval_overflow,
         fmt::format("{} moved by {} months and {} days leaves the years 1 to 9999", d.to_string(),
                     months, days),
         n);
  return *r;
}

duration context::add_durations(duration a, duration b, int sign, const check::node& n) const {
  std::int64_t m = std::int64_t{a.months} + sign * std::int64_t{b.months};
  std::int64_t d = std::int64_t{a.days} + sign * std::int64_t{b.days};
  if (m < INT32_MIN || m > INT32_MAX || d < INT32_MIN || d > INT32_MAX)
    fail(diag_code::eval_overflow, "a duration overflowed", n);
  return duration{static_cast<std::int32_t>(m), static_cast<std::int32_t>(d)};
}

ev context::param_at(const check::node& n, date d) const {
  const auto& p = prog_.params[n.ref];
  const value* found = nullptr;
  for (const auto& [from, v] : p.rows)
    if (!(d < from)) found = &v;
  if (!found)
    fail(diag_code::eval_no_parameter_value,
         fmt::format("`{}` has no value on {} (its first value is from {})", p.name, d.to_string(),
                     p.rows.empty() ? std::string("-") : p.rows.front().first.to_string()),
         n);
  return ev{*found};
}

ev context::eval_node(node_id id) {
  const check::node& n = prog_.nodes[static_cast<std::size_t>(id)];
  switch (n.kind) {
    case op::literal:
      return ev{n.lit};
    case op::fact: {
      const value& v = prof_.facts()[n.ref];
      if (!v.known()) return ev{v, missing_of(prog_.facts[n.ref].name)};
      return ev{v};
    }
    case op::field: {
      ev base_v = eval(n.a);
      if (!base_v.v.known()) return base_v;
      const record_value& r = base_v.v.as_record();
      const value& v = r.fields[n.ref];
      if (v.known()) return ev{v};
      std::string owner = r.owner < prog_.facts.size() ? prog_.facts[r.owner].name : "item";
      return ev{v, missing_of(fmt::format("{}[{}].{}", owner, r.index + 1, n.name))};
    }
    case op::var:
      return vars_[n.ref];
    case op::define_ref: {
      // Memoised per profile; when explaining, re-evaluated so the trace shows its parts.
      if (tracing) return eval(prog_.defines[n.ref].body);
      if (!define_done_[n.ref]) {
        define_cache_[n.ref] = eval(prog_.defines[n.ref].body);
        define_done_[n.ref] = 1;
      }
      return define_cache_[n.ref];
    }
    case op::call_define: {
      const auto& d = prog_.defines[n.ref];
      std::vector<ev> saved;
      for (std::size_t i = 0; i < n.args.size(); ++i) {
        ev a = eval(n.args[i]);
        saved.push_back(vars_[d.param_slots[i]]);
        vars_[d.param_slots[i]] = a;
      }
      ev r = eval(d.body);
      for (std::size_t i = 0; i < n.args.size(); ++i) vars_[d.param_slots[i]] = saved[i];
      return r;
    }
    case op::param:
      return param_at(n, as_of_);
    case op::param_at: {
      ev d = eval(n.b);
      if (!d.v.known()) return d;
      return param_at(n, d.v.as_date());
    }
    case op::neg: {
      ev x = eval(n.a);
      if (!x.v.known()) return x;
      return ev{-x.v.as_decimal()};
    }
    case op::not_: {
      ev x = eval(n.a);
      if (!x.v.known()) return x;
      return ev{!x.v.as_bool()};
    }
    case op::and_:
    case op::or_:
      return eval_logic(n);
    case op::if_: {
      ev c = eval(n.a);
      if (!c.v.known()) {
        // Both branches may agree, in which case the condition does not matter. Otherwise
        // the condition is asked first: a branch's facts count only when both branches
        // need them (`first_year` matters only once `received_before` is known true).
        ev t = eval(n.b), f = eval(n.c);
        if (t.v.known() && f.v.known() && compare(t.v, f.v) == 0) return t;
        return ev{value{}, merge(c.missing, intersect(t.missing, f.missing))};
      }
      return c.v.as_bool() ? eval(n.b) : eval(n.c);
    }
    case op::any:
    case op::all:
    case op::none:
    case op::count:
    case op::sum:
    case op::max_of:
    case op::min_of:
      return eval_loop(n);
    case op::list: {
      std::vector<value> items;
      std::uint32_t missing = 0;
      for (node_id a : n.args) {
        ev x = eval(a);
        if (!x.v.known()) missing = merge(missing, x.missing);
        items.push_back(x.v);
      }
      if (missing) return ev{value{}, missing};
      lists_.push_back(std::move(items));
      return ev{list_view{lists_.back().data(), static_cast<std::uint32_t>(lists_.back().size())}};
    }
    case op::builtin:
      return eval_builtin(n);
    case op::bracket: {
      ev x = eval(n.a);
      if (!x.v.known()) return x;
      const auto& br = prog_.brackets[n.ref];
      decimal d = x.v.as_decimal();
      for (const auto& row : br.rows)
        if ((!row.from || !(d < *row.from)) && (!row.below || d < *row.below)) return ev{row.v};
      fail(diag_code::eval_no_bracket,
           fmt::format("no row of `{}` covers {}", br.name, d.to_string()), n);
    }
    case op::otherwise: {
      ev a = eval(n.a);
      if (a.v.known()) return a;
      ev b = eval(n.b);
      if (b.v.known()) return b;
      return ev{value{}, merge(a.missing, b.missing)};
    }
    case op::today:
      return ev{as_of_};
    case op::ladder: {
      const auto& l = prog_.ladders[n.ref];
      return ev{list_view{l.items.data(), static_cast<std::uint32_t>(l.items.size())}};
    }
    default:
      return eval_binary(n);
  }
}

ev context::eval_logic(const check::node& n) {
  bool is_and = n.kind == op::and_;
  ev a = eval(n.a);
  // Short-circuit only on a decisive known value; the right side is then "not evaluated".
  if (a.v.known() && a.v.as_bool() != is_and) return a;
  ev b = eval(n.b);
  if (b.v.known() && b.v.as_bool() != is_and) return b;
  if (a.v.known() && b.v.known()) return ev{is_and};
  return ev{value{}, merge(a.missing, b.missing)};
}

ev context::eval_binary(const check::node& n) {
  ev a = eval(n.a);
  ev b = eval(n.b);
  if (!a.v.known() || !b.v.known()) return ev{value{}, merge(a.missing, b.missing)};
  switch (n.kind) {
    case op::add:
      if (std::holds_alternative<date>(a.v.raw())) {
        duration d = b.v.as_duration();
        return ev{shift(a.v.as_date(), d.months, d.days, n)};
      }
      if (std::holds_alternative<duration>(a.v.raw()))
        return ev{add_durations(a.v.as_duration(), b.v.as_duration(), 1, n)};
      return ev{a.v.as_decimal() + b.v.as_decimal()};
    case op::sub:
      if (std::holds_alternative<date>(a.v.raw())) {
        duration d = b.v.as_duration();
        return ev{shift(a.v.as_date(), -std::int64_t{d.months}, -std::int64_t{d.days}, n)};
      }
      if (std::holds_alternative<duration>(a.v.raw()))
        return ev{add_durations(a.v.as_duration(), b.v.as_duration(), -1, n)};
      return ev{a.v.as_decimal() - b.v.as_decimal()};
    case op::mul:
      return ev{a.v.as_decimal() * b.v.as_decimal()};
    case op::div:
      return ev{a.v.as_decimal() / b.v.as_decimal()};
    case op::eq:
      return ev{compare(a.v, b.v) == 0};
    case op::ne:
      return ev{compare(a.v, b.v) != 0};
    case op::lt:
      return ev{compare(a.v, b.v) < 0};
    case op::le:
      return ev{compare(a.v, b.v) <= 0};
    case op::gt:
      return ev{compare(a.v, b.v) > 0};
    case op::ge:
      return ev{compare(a.v, b.v) >= 0};
    case op::in:
    case op::not_in: {
      bool found = false;
      for (const value& item : b.v.as_list())
        if (item.known() && compare(item, a.v) == 0) found = true;
      return ev{n.kind == op::in ? found : !found};
    }
    default:
      fail(diag_code::eval_limit, "unsupported operation", n);
  }
}

ev context::eval_loop(const check::node& n) {
  ev list = eval(n.a);
  if (!list.v.known()) return list;
  std::uint32_t unknown = 0;
  bool any_true = false, any_false = false;
  std::size_t count = 0;
  std::optional<value> acc;
  for (const value& item : list.v.as_list()) {
    vars_[n.ref] = ev{item};
    bool selected = true;
    if (n.b != check::no_node) {
      ev w = eval(n.b);
      if (!w.v.known()) {
        unknown = merge(unknown, w.missing);
        continue;
      }
      selected = w.v.as_bool();
    }
    if (selected)
      any_true = true;
    else
      any_false = true;
    if (!selected) continue;
    ++count;
    if (n.c != check::no_node) {
      ev body = eval(n.c);
      if (!body.v.known()) {
        unknown = merge(unknown, body.missing);
        continue;
      }
      if (!acc)
        acc = body.v;
      else if (n.kind == op::sum)
        acc = value(acc->as_decimal() + body.v.as_decimal());
      else if ((n.kind == op::max_of) == (compare(body.v, *acc) > 0))
        acc = body.v;
    }
  }
  switch (n.kind) {
    case op::any:
      if (any_true) return ev{true};
      return unknown ? ev{value{}, unknown} : ev{false};
    case op::all:
      if (any_false) return ev{false};
      return unknown ? ev{value{}, unknown} : ev{true};
    case op::none:
      if (any_true) return ev{false};
      return unknown ? ev{value{}, unknown} : ev{true};
    case op::count:
      return unknown ? ev{value{}, unknown}
                     : ev{decimal::from_int(static_cast<std::int64_t>(count))};
    case op::sum:
      if (unknown) return ev{value{}, unknown};
      return ev{acc ? *acc : value(decimal{})};
    default:
      if (unknown) return ev{value{}, unknown};
      if (!acc)
        fail(
            diag_code::eval_limit,
            fmt::format("`{} of` an empty list has no value", n.kind == op::max_of ? "max" : "min"),
            n);
      return ev{*acc};
  }
}

ev context::eval_builtin(const check::node& n) {
  // `given(x)` is known whether or not x is: it asks exactly that.
  if (static_cast<check::builtin>(n.ref) == check::builtin::given)
    return ev{eval(n.args[0]).v.known()};
  std::vector<ev> args;
  std::uint32_t missing = 0;
  for (node_id a : n.args) {
    args.push_back(eval(a));
    if (!args.back().v.known()) missing = merge(missing, args.back().missing);
  }
  if (missing) return ev{value{}, missing};
  switch (static_cast<check::builtin>(n.ref)) {
    case check::builtin::min:
    case check::builtin::max: {
      bool is_max = static_cast<check::builtin>(n.ref) == check::builtin::max;
      value best = args[0].v;
      for (const auto& a : args)
        if ((compare(a.v, best) > 0) == is_max && compare(a.v, best) != 0) best = a.v;
      return ev{best};
    }
    case check::builtin::round:
    case check::builtin::floor:
    case check::builtin::ceil:
    case check::builtin::truncate:
    case check::builtin::round_half_even: {
      auto fn = static_cast<check::builtin>(n.ref);
      rounding mode = fn == check::builtin::floor             ? rounding::floor
                      : fn == check::builtin::ceil            ? rounding::ceiling
                      : fn == check::builtin::truncate        ? rounding::down
                      : fn == check::builtin::round_half_even ? rounding::half_even
                                                              : rounding::half_up;
      int places = args.size() > 1 ? static_cast<int>(args[1].v.as_decimal().to_int()) : 0;
      return ev{args[0].v.as_decimal().round(places, mode)};
    }
    case check::builtin::given:
      return ev{true};
    case check::builtin::make_date: {
      auto y = args[0].v.as_decimal(), m = args[1].v.as_decimal(), d = args[2].v.as_decimal();
      const std::optional<date> r = date_of(y, m, d);
      if (!r)
        fail(diag_code::eval_limit,
             fmt::format("date({}, {}, {}) is not a real date", y.to_string(), m.to_string(),
                         d.to_string()),
             n);
      return ev{*r};
    }
    case check::builtin::days_between:
      return ev{decimal::from_int(args[1].v.as_date().days() - args[0].v.as_date().days())};
    case check::builtin::days_in_year: {
      auto y = args[0].v.as_decimal();
      if (!y.is_integer() || y < decimal::from_int(1) || y > decimal::from_int(9999))
        fail(diag_code::eval_limit, fmt::format("{} is not a year", y.to_string()), n);
      return ev{decimal::from_int(date::days_in_year(static_cast<int>(y.to_int())))};
    }
    case check::builtin::year_of:
      return ev{decimal::from_int(args[0].v.as_date().year())};
    case check::builtin::position:
      return ev{decimal::from_int(static_cast<std::int64_t>(args[0].v.as_record().index) + 1)};
    case check::builtin::abs: {
      decimal d = args[0].v.as_decimal();
      return ev{d < decimal{} ? -d : d};
    }
  }
  fail(diag_code::eval_limit, "unknown function", n);
}

}  // namespace elig::eval
