// Calls: builtins (min, max, round, date, ...), parameterised definitions, bracket lookups.
#include "check/lowering.hpp"

namespace elig::check::lowering {

node_id operand_lowerer::operator()(const ast::call& call) const {
  node out;
  out.span = c.span(call);
  out.name = call.fn.text;
  std::vector<node_id> args;
  bool ok = true;
  for (const auto& a : call.args) {
    node_id id = c.lower(a);
    ok = ok && id != no_node;
    args.push_back(id);
  }
  auto arity = [&](std::size_t lo, std::size_t hi) {
    if (args.size() < lo || args.size() > hi) {
      c.error(
          diag_code::bad_call,
          fmt::format("`{}` takes {} argument(s), given {}", call.fn.text,
                      lo == hi ? std::to_string(lo) : fmt::format("{} or more", lo), args.size()),
          out.span);
      return false;
    }
    return true;
  };
  auto g = c.globals_.find(call.fn.text);
  if (g != c.globals_.end() && g->second.kind == symbol_kind::define) {
    c.lower_define(g->second.index);
    const auto& d = c.p_.defines[g->second.index];
    if (!arity(d.param_slots.size(), d.param_slots.size()) || !ok || d.body == no_node)
      return no_node;
    coercer co(c);
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (!(c.type_of(args[i]) == d.param_types[i]) && !co.to(args[i], d.param_types[i])) {
        c.error(diag_code::type_mismatch,
                fmt::format("argument {} of `{}` must be {}, found {}", i + 1, call.fn.text,
                            type_name(c.p_, d.param_types[i]), type_name(c.p_, c.type_of(args[i]))),
                c.p_.nodes[static_cast<std::size_t>(args[i])].span);
        return no_node;
      }
    }
    out.kind = op::call_define;
    out.ref = g->second.index;
    out.t = d.t;
    out.args = args;
    if (c.uses_) c.uses_->push_back(out.ref);
    return c.add_node(std::move(out));
  }
  if (g != c.globals_.end() && g->second.kind == symbol_kind::bracket) {
    if (!arity(1, 1) || !ok) return no_node;
    const auto& br = c.p_.brackets[g->second.index];
    out.kind = op::bracket;
    out.ref = g->second.index;
    out.a = args[0];
    out.t = br.out;
    coercer co(c);
    if (!(c.type_of(args[0]) == br.in) && !co.to(args[0], br.in)) {
      c.error(diag_code::type_mismatch,
              fmt::format("`{}` looks up a {}, given {}", call.fn.text, type_name(c.p_, br.in),
                          type_name(c.p_, c.type_of(args[0]))),
              out.span);
      return no_node;
    }
    return c.add_node(std::move(out));
  }
  std::optional<builtin> fn;
  for (std::size_t i = 0; i < std::size(k_builtin_names); ++i)
    if (k_builtin_names[i] == call.fn.text) fn = static_cast<builtin>(i);
  if (!fn) {
    std::vector<std::string> names;
    for (auto b : k_builtin_names) names.emplace_back(b);
    for (const auto& [name, sym] : c.globals_)
      if (sym.kind == symbol_kind::define || sym.kind == symbol_kind::bracket)
        names.push_back(name);
    auto near = nearest_name(call.fn.text, names);
    c.error(
        diag_code::unknown_name, fmt::format("unknown function `{}`", call.fn.text), out.span,
        near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near)) : std::nullopt);
    return no_node;
  }
  if (!ok) return no_node;
  out.kind = op::builtin;
  out.ref = static_cast<std::uint32_t>(*fn);
  out.args = args;
  auto t_at = [&](std::size_t i) { return c.type_of(args[i]); };
  auto expect = [&](std::size_t i, std::initializer_list<base> kinds, std::string_view what) {
    const type t = t_at(i);
    for (base k : kinds)
      if (!t.list && t.kind == k) return true;
    coercer co(c);
    for (base k : kinds)
      if (co.to(args[i], type{k})) return true;
    c.error(diag_code::type_mismatch,
            fmt::format("argument {} of `{}` must be {}, found {}", i + 1, call.fn.text, what,
                        type_name(c.p_, t)),
            c.p_.nodes[static_cast<std::size_t>(args[i])].span);
    return false;
  };
  switch (*fn) {
    case builtin::min:
    case builtin::max: {
      if (!arity(2, 64)) return no_node;
      type t = t_at(0);
      coercer co(c);
      for (std::size_t i = 0; i < args.size(); ++i) {
        if (t.kind == base::number && !(t_at(i) == t) && co.to(args[0], t_at(i))) t = t_at(i);
        if (!(t_at(i) == t) && !co.to(args[i], t)) {
          c.error(diag_code::type_mismatch,
                  fmt::format("`{}` compares values of one kind: {} and {}", call.fn.text,
                              type_name(c.p_, t), type_name(c.p_, t_at(i))),
                  c.p_.nodes[static_cast<std::size_t>(args[i])].span,
                  t.kind == base::money || t_at(i).kind == base::money
                      ? std::optional<std::string>("write money with a unit: `0 yuan`, `200万`")
                      : std::nullopt);
          return no_node;
        }
      }
      if (t.list || !(numeric(t.kind) || t.kind == base::date || t.kind == base::year)) {
        c.error(diag_code::type_mismatch,
                fmt::format("`{}` needs numbers, dates or years, found {}", call.fn.text,
                            type_name(c.p_, t)),
                out.span);
        return no_node;
      }
      out.t = t;
      break;
    }
    case builtin::round:
    case builtin::floor:
    case builtin::ceil:
    case builtin::truncate:
    case builtin::round_half_even: {
      if (!arity(1, 2)) return no_node;
      if (!expect(0, {base::money, base::number, base::percent}, "a number")) return no_node;
      if (args.size() == 2) {
        const node& places = c.p_.nodes[static_cast<std::size_t>(args[1])];
        if (places.kind != op::literal || places.t.kind != base::number ||
            !places.lit.as_decimal().is_integer() || places.lit.as_decimal() < decimal{} ||
            places.lit.as_decimal() > decimal::from_int(12)) {
          c.error(
              diag_code::bad_call,
              fmt::format("the places of `{}` must be a whole number from 0 to 12", call.fn.text),
              places.span,
              fmt::format("`{}(x, 2)` rounds to the fen; `{}(x)` to a whole number", call.fn.text,
                          call.fn.text));
          return no_node;
        }
      }
      out.t = t_at(0);
      break;
    }
    case builtin::given:
      if (!arity(1, 1)) return no_node;
      out.t = type{base::boolean};
      break;
    case builtin::make_date:
      if (!arity(3, 3) || !expect(0, {base::year, base::number}, "a year") ||
          !expect(1, {base::number}, "a month") || !expect(2, {base::number}, "a day"))
        return no_node;
      out.t = type{base::date};
      break;
    case builtin::days_between:
      if (!arity(2, 2) || !expect(0, {base::date}, "a date") || !expect(1, {base::date}, "a date"))
        return no_node;
      out.t = type{base::number};
      break;
    case builtin::days_in_year:
      if (!arity(1, 1) || !expect(0, {base::year, base::number}, "a year")) return no_node;
      out.t = type{base::number};
      break;
    case builtin::year_of:
      if (!arity(1, 1) || !expect(0, {base::date}, "a date")) return no_node;
      out.t = type{base::year};
      break;
    case builtin::position:
      if (!arity(1, 1) || !expect(0, {base::record}, "a list item")) return no_node;
      out.t = type{base::number};
      break;
    case builtin::abs:
      if (!arity(1, 1) || !expect(0, {base::number, base::money, base::percent}, "a number"))
        return no_node;
      out.t = t_at(0);
      break;
  }
  return c.add_node(std::move(out));
}

}  // namespace elig::check::lowering
