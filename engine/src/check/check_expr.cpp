// Expressions: resolve names against locals and globals, type every node, lower to IR.
#include <fmt/format.h>

#include "check/lowering.hpp"

namespace elig::check {
namespace ast = syntax::ast;
using lowering::coercer;
using lowering::join;
using lowering::numeric;
using lowering::operand_lowerer;

node_id checker::add_node(node n) {
  p_.nodes.push_back(std::move(n));
  return static_cast<node_id>(p_.nodes.size() - 1);
}

std::uint32_t checker::new_var(std::string name) {
  p_.var_names.push_back(std::move(name));
  return p_.var_slots++;
}

std::vector<std::string> checker::visible_names() const {
  std::vector<std::string> out;
  for (const auto& [name, sym] : globals_) out.push_back(name);
  for (const auto& l : locals_) out.push_back(l.name);
  return out;
}

namespace lowering {

node_id operand_lowerer::operator()(const ast::identifier& id) const {
  node out;
  out.span = c.span(id);
  out.name = id.text;
  for (auto it = c.locals_.rbegin(); it != c.locals_.rend(); ++it) {
    if (it->name == id.text) {
      out.kind = op::var;
      out.ref = it->slot;
      out.t = it->t;
      return c.add_node(std::move(out));
    }
  }
  auto g = c.globals_.find(id.text);
  if (g == c.globals_.end() && id.text == "today") {
    out.kind = op::today;
    out.t = type{base::date};
    return c.add_node(std::move(out));
  }
  if (g == c.globals_.end()) {
    auto near = nearest_name(id.text, c.visible_names());
    c.error(diag_code::unknown_name, fmt::format("unknown name `{}`", id.text), out.span,
            near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near))
                 : std::optional<std::string>("declare it in the schema, or with `define`"));
    return no_node;
  }
  out.ref = g->second.index;
  switch (g->second.kind) {
    case symbol_kind::fact:
      out.kind = op::fact;
      out.t = c.p_.facts[out.ref].t;
      break;
    case symbol_kind::define: {
      c.lower_define(out.ref);
      const auto& d = c.p_.defines[out.ref];
      if (!d.param_slots.empty()) {
        c.error(diag_code::bad_call,
                fmt::format("`{}` takes {} argument(s); call it as `{}(...)`", id.text,
                            d.param_slots.size(), id.text),
                out.span);
        return no_node;
      }
      if (d.body == no_node) return no_node;
      out.kind = op::define_ref;
      out.t = d.t;
      if (c.uses_) c.uses_->push_back(out.ref);
      break;
    }
    case symbol_kind::param:
      out.kind = op::param;
      out.t = c.p_.params[out.ref].t;
      break;
    case symbol_kind::bracket:
      c.error(
          diag_code::bad_call,
          fmt::format("`{}` is a bracket table; look a value up with `{}(x)`", id.text, id.text),
          out.span);
      return no_node;
    case symbol_kind::ladder:
      out.kind = op::ladder;
      out.t = type{base::record, true, c.p_.ladders[out.ref].record};
      break;
  }
  return c.add_node(std::move(out));
}

node_id operand_lowerer::operator()(const ast::unary& u) const {
  node_id x = boost::apply_visitor(*this, u.rhs);
  if (x == no_node) return no_node;
  node out;
  out.span = c.span(u);
  out.a = x;
  const type& t = c.type_of(x);
  if (u.op == "not") {
    out.kind = op::not_;
    out.t = type{base::boolean};
    if (!(t == type{base::boolean}))
      c.error(diag_code::type_mismatch,
              fmt::format("`not` needs a condition (bool), found {}", type_name(c.p_, t)),
              out.span);
  } else {
    out.kind = op::neg;
    out.t = t;
    if (t.list || !numeric(t.kind))
      c.error(diag_code::type_mismatch,
              fmt::format("`-` needs a number, found {}", type_name(c.p_, t)), out.span);
  }
  return c.add_node(std::move(out));
}

node_id operand_lowerer::operator()(const ast::list_lit& l) const {
  node out;
  out.kind = op::list;
  out.span = c.span(l);
  out.t = type{base::nothing, true};
  bool ok = true;
  for (const auto& item : l.items) {
    node_id id = c.lower(item);
    if (id == no_node) {
      ok = false;
      continue;
    }
    type t = c.type_of(id);
    if (t.list) {
      c.error(diag_code::type_mismatch, "lists cannot contain lists",
              c.p_.nodes[static_cast<std::size_t>(id)].span);
      ok = false;
    } else if (out.t.kind == base::nothing) {
      out.t = t;
      out.t.list = true;
    } else if (!(t == type{out.t.kind, false, out.t.ref})) {
      c.error(diag_code::type_mismatch,
              fmt::format("list items must have one type: {} after {}", type_name(c.p_, t),
                          type_name(c.p_, type{out.t.kind, false, out.t.ref})),
              c.p_.nodes[static_cast<std::size_t>(id)].span);
      ok = false;
    }
    out.args.push_back(id);
  }
  return ok ? c.add_node(std::move(out)) : no_node;
}

node_id operand_lowerer::operator()(const ast::if_expr& e) const {
  node_id cond = c.lower_expected(e.cond, type{base::boolean}, "the `if` condition");
  node_id t = c.lower(e.then_branch);
  node_id f = c.lower(e.else_branch);
  if (cond == no_node || t == no_node || f == no_node) return no_node;
  node out;
  out.kind = op::if_;
  out.span = c.span(e);
  out.a = cond;
  out.b = t;
  out.c = f;
  coercer co(c);
  if (!(c.type_of(t) == c.type_of(f)) && !co.to(f, c.type_of(t)) && !co.to(t, c.type_of(f))) {
    c.error(diag_code::type_mismatch,
            fmt::format("the branches of `if` differ: {} and {}", type_name(c.p_, c.type_of(t)),
                        type_name(c.p_, c.type_of(f))),
            out.span, "both branches must give the same kind of value");
    return no_node;
  }
  out.t = c.type_of(t);
  return c.add_node(std::move(out));
}

node_id operand_lowerer::operator()(const ast::quantified& q) const {
  type elem;
  node_id list = list_operand(q.list, elem);
  if (list == no_node) return no_node;
  node out;
  out.span = c.span(q);
  out.kind = q.kind == "any"    ? op::any
             : q.kind == "all"  ? op::all
             : q.kind == "none" ? op::none
                                : op::count;
  out.t = type{out.kind == op::count ? base::number : base::boolean};
  out.a = list;
  out.ref = bind(q.var, elem);
  out.name = q.var.text;
  if (q.where) out.b = c.lower_expected(*q.where, type{base::boolean}, "the `where` condition");
  c.locals_.pop_back();
  if (q.where && out.b == no_node) return no_node;
  if (!q.where && out.kind != op::count) {
    c.error(diag_code::missing_item, fmt::format("`{}` needs a `where` condition", q.kind),
            out.span);
    return no_node;
  }
  return c.add_node(std::move(out));
}

node_id operand_lowerer::operator()(const ast::aggregate& a) const {
  type elem;
  node_id list = list_operand(a.list, elem);
  if (list == no_node) return no_node;
  node out;
  out.span = c.span(a);
  out.kind = a.kind == "sum" ? op::sum : a.kind == "max" ? op::max_of : op::min_of;
  out.a = list;
  out.ref = bind(a.var, elem);
  out.name = a.var.text;
  if (a.where) out.b = c.lower_expected(*a.where, type{base::boolean}, "the `where` condition");
  out.c = c.lower(a.body);
  c.locals_.pop_back();
  if (out.c == no_node || (a.where && out.b == no_node)) return no_node;
  out.t = c.type_of(out.c);
  if (out.t.list || !(numeric(out.t.kind) || (out.kind != op::sum && (out.t.kind == base::date ||
                                                                      out.t.kind == base::year)))) {
    c.error(diag_code::type_mismatch,
            fmt::format("`{} of` needs numbers, found {}", a.kind, type_name(c.p_, out.t)),
            out.span);
    return no_node;
  }
  return c.add_node(std::move(out));
}

}  // namespace lowering

node_id checker::lower_operand(const ast::operand& o) {
  return boost::apply_visitor(operand_lowerer{*this}, o);
}

node_id checker::lower_expected(const ast::expression& e, type want, std::string_view what) {
  node_id id = lower(e);
  if (id == no_node) return no_node;
  coercer co(*this);
  if (!(type_of(id) == want) && !co.to(id, want)) {
    error(diag_code::type_mismatch,
          fmt::format("{} must be {}, found {}", what, type_name(p_, want),
                      type_name(p_, type_of(id))),
          p_.nodes[static_cast<std::size_t>(id)].span,
          want.kind == base::boolean ? std::optional<std::string>("compare it, e.g. `x >= 10万`")
                                     : std::nullopt);
    return no_node;
  }
  return id;
}

namespace {

op binary_op(std::string_view s) {
  if (s == "+") return op::add;
  if (s == "-") return op::sub;
  if (s == "*" || s == "×") return op::mul;
  if (s == "/") return op::div;
  if (s == "==") return op::eq;
  if (s == "!=" || s == "≠") return op::ne;
  if (s == "<") return op::lt;
  if (s == "<=" || s == "≤") return op::le;
  if (s == ">") return op::gt;
  if (s == ">=" || s == "≥") return op::ge;
  if (s == "in") return op::in;
  if (s == "not in") return op::not_in;
  if (s == "and") return op::and_;
  if (s == "otherwise") return op::otherwise;
  return op::or_;
}

// The result type of an arithmetic operator, or nullopt when the operands do not combine.
std::optional<type> arithmetic(op o, type l, type r) {
  if (l.list || r.list) return std::nullopt;
  auto is = [](type t, base b) { return t.kind == b; };
  switch (o) {
    case op::add:
    case op::sub:
      if (l.kind == r.kind && numeric(l.kind)) return l;
      if (is(l, base::year) && is(r, base::number)) return l;
      if (o == op::add && is(l, base::number) && is(r, base::year)) return r;
      if (o == op::sub && is(l, base::year) && is(r, base::year)) return type{base::number};
      if (is(l, base::date) && is(r, base::duration)) return l;
      if (is(l, base::duration) && is(r, base::duration)) return l;
      return std::nullopt;
    case op::mul:
      if (is(l, base::number) && numeric(r.kind)) return r;
      if (numeric(l.kind) && is(r, base::number)) return l;
      if (is(l, base::percent) && numeric(r.kind)) return r;
      if (numeric(l.kind) && is(r, base::percent)) return l;
      return std::nullopt;
    case op::div:
      if (numeric(l.kind) && is(r, base::number)) return l;
      if (l.kind == r.kind && numeric(l.kind)) return type{base::number};
      if (is(l, base::money) && is(r, base::percent)) return l;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

node_id checker::lower(const ast::expression& e) {
  // A chain `a + b + c + …` becomes a tree as deep as it is long, and evaluating, analysing and
  // explaining it walk that depth: a very long chain is an error here, not a stack overflow later.
  constexpr std::size_t k_max_chain = 1000;
  if (e.rest.size() > k_max_chain) {
    error(diag_code::nesting_too_deep,
          fmt::format("an expression of {} operations in a row (at most {})", e.rest.size() + 1,
                      k_max_chain),
          span(e), "split it into named definitions (`define part_1 = …`)");
    return no_node;
  }
  node_id lhs = lower_operand(e.first);
  for (const auto& operation : e.rest) {
    if (operation.op == ".") {
      if (lhs == no_node) return no_node;
      const auto& field = boost::get<ast::identifier>(operation.rhs);
      type bt = type_of(lhs);
      if (bt.kind != base::record || bt.list) {
        error(diag_code::unknown_field,
              fmt::format("`.{}` needs a record, found {}", field.text, type_name(p_, bt)),
              span(field),
              bt.list ? std::optional<std::string>("go through the list with "
                                                   "`any x in ... where x.field ...`")
                      : std::nullopt);
        return no_node;
      }
      const auto& rec = p_.records[bt.ref];
      std::vector<std::string> names;
      std::optional<std::uint32_t> idx;
      for (std::uint32_t i = 0; i < rec.fields.size(); ++i) {
        names.push_back(rec.fields[i].name);
        if (rec.fields[i].name == field.text) idx = i;
      }
      if (!idx) {
        auto near = nearest_name(field.text, names);
        error(diag_code::unknown_field,
              fmt::format("record `{}` has no field `{}`", rec.name, field.text), span(field),
              near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near))
                   : std::nullopt);
        return no_node;
      }
      node out;
      out.kind = op::field;
      out.a = lhs;
      out.ref = *idx;
      out.t = rec.fields[*idx].t;
      out.name = field.text;
      out.span = join(p_.nodes[static_cast<std::size_t>(lhs)].span, span(field));
      lhs = add_node(std::move(out));
      continue;
    }
    node_id rhs = lower_operand(operation.rhs);
    if (lhs == no_node || rhs == no_node) return no_node;
    source_span at = join(p_.nodes[static_cast<std::size_t>(lhs)].span,
                          p_.nodes[static_cast<std::size_t>(rhs)].span);
    node out;
    out.a = lhs;
    out.b = rhs;
    out.span = at;
    out.name = operation.op;
    coercer co(*this);
    if (operation.op == "at") {
      node& l = p_.nodes[static_cast<std::size_t>(lhs)];
      if (l.kind != op::param) {
        error(diag_code::type_mismatch, "only a dated parameter can be read `at` a date", at,
              "write `lpr_1y at l.drawdown_date`");
        return no_node;
      }
      if (!(type_of(rhs) == type{base::date})) {
        error(diag_code::type_mismatch,
              fmt::format("`at` needs a date, found {}", type_name(p_, type_of(rhs))), at);
        return no_node;
      }
      out.kind = op::param_at;
      out.ref = l.ref;
      out.t = l.t;
      lhs = add_node(std::move(out));
      continue;
    }
    out.kind = binary_op(operation.op);
    type lt = type_of(lhs), rt = type_of(rhs);
    switch (out.kind) {
      case op::and_:
      case op::or_:
        if (!(lt == type{base::boolean}) || !(rt == type{base::boolean})) {
          error(diag_code::type_mismatch,
                fmt::format("`{}` joins conditions (bool), found {} and {}", operation.op,
                            type_name(p_, lt), type_name(p_, rt)),
                at);
          return no_node;
        }
        out.t = type{base::boolean};
        break;
      case op::otherwise:
        if (!(lt == rt) && !co.to(rhs, lt) && !co.to(lhs, rt)) {
          error(diag_code::type_mismatch,
                fmt::format("`otherwise` needs a fall-back of the same kind: {} and {}",
                            type_name(p_, lt), type_name(p_, rt)),
                at, "write `relocated_date otherwise registered_date`");
          return no_node;
        }
        out.t = type_of(lhs);
        break;
      case op::in:
      case op::not_in: {
        type elem = rt;
        elem.list = false;
        if (!rt.list ||
            (!(lt == elem) && !co.to(lhs, elem) && !co.to(rhs, type{lt.kind, true, lt.ref}))) {
          error(diag_code::type_mismatch,
                fmt::format("`{}` needs a value and a list of such values, found {} and {}",
                            operation.op, type_name(p_, lt), type_name(p_, rt)),
                at);
          return no_node;
        }
        out.t = type{base::boolean};
        break;
      }
      case op::eq:
      case op::ne:
      case op::lt:
      case op::le:
      case op::gt:
      case op::ge: {
        op lk = p_.nodes[static_cast<std::size_t>(lhs)].kind;
        if (lk == op::eq || lk == op::ne || lk == op::lt || lk == op::le || lk == op::gt ||
            lk == op::ge) {
          error(diag_code::type_mismatch, "comparisons do not chain", at,
                "join them with `and`: `a < b and b < c`");
          return no_node;
        }
        bool same = lt == rt || co.to(rhs, lt) || co.to(lhs, rt) ||
                    (lt.kind == base::year && rt.kind == base::number && !rt.list) ||
                    (lt.kind == base::number && rt.kind == base::year && !lt.list);
        bool ordered = out.kind == op::eq || out.kind == op::ne ||
                       (!lt.list && (numeric(lt.kind) || lt.kind == base::date ||
                                     lt.kind == base::year || lt.kind == base::number));
        // Lists and records have no equality of their own: say which items, with any/all.
        if (same && (lt.list || lt.kind == base::record)) {
          error(diag_code::type_mismatch,
                fmt::format("cannot compare {} with {}", type_name(p_, lt), type_name(p_, rt)), at,
                lt.list ? "compare their items: `any x in list where x == ...`"
                        : "compare their fields, or their places with `position(...)`");
          return no_node;
        }
        if (!same || !ordered) {
          bool money_vs_number = (lt.kind == base::money && rt.kind == base::number) ||
                                 (lt.kind == base::number && rt.kind == base::money);
          error(diag_code::type_mismatch,
                fmt::format("cannot compare {} with {}", type_name(p_, lt), type_name(p_, rt)), at,
                money_vs_number ? std::optional<std::string>(
                                      "write money with a unit: `1000万`, `10,000,000 yuan`")
                                : std::nullopt);
          return no_node;
        }
        out.t = type{base::boolean};
        break;
      }
      default: {
        auto t = arithmetic(out.kind, lt, rt);
        if (!t && lt.kind == base::year && rt.kind == base::year && out.kind == op::add) t = lt;
        if (!t) {
          bool money_vs_number = (lt.kind == base::money && rt.kind == base::number) ||
                                 (lt.kind == base::number && rt.kind == base::money);
          error(diag_code::type_mismatch,
                fmt::format("cannot apply `{}` to {} and {}", operation.op, type_name(p_, lt),
                            type_name(p_, rt)),
                at,
                money_vs_number
                    ? std::optional<std::string>("write money with a unit: `0 yuan`, `200万`")
                    : std::nullopt);
          return no_node;
        }
        out.t = *t;
      }
    }
    lhs = add_node(std::move(out));
  }
  return lhs;
}

}  // namespace elig::check