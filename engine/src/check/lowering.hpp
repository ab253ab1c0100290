#pragma once
// Private to check/: the expression lowering visitor, shared by check_expr.cpp and check_calls.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "check/checker.hpp"

namespace elig::check::lowering {
namespace ast = syntax::ast;

inline bool numeric(base b) { return b == base::number || b == base::money || b == base::percent; }

inline source_span join(source_span a, source_span b) {
  return {a.file, a.begin, std::max(a.end, b.end)};
}

// Checks a text literal (or a list of them) against an enumeration and retypes it.
class coercer {
 public:
  explicit coercer(checker& c) : c_(c) {}

  bool to(node_id id, const type& want) {
    node& n = c_.p_.nodes[static_cast<std::size_t>(id)];
    if (n.t == want) return true;
    if (want.kind == base::enumeration && !want.list && n.kind == op::literal &&
        n.t.kind == base::text && !n.t.list) {
      const auto& members = c_.p_.enums[want.ref].members;
      std::string text(n.lit.as_text());
      if (std::find(members.begin(), members.end(), text) == members.end()) {
        auto near = nearest_name(text, members);
        std::string all;
        for (const auto& m : members) all += (all.empty() ? "`" : ", `") + m + "`";
        c_.error(diag_code::unknown_enum_member, fmt::format("`{}` is not one of {}", text, all),
                 n.span,
                 near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near))
                      : std::nullopt);
      }
      n.t = want;
      return true;
    }
    if (want.list && n.kind == op::list) {
      type elem = want;
      elem.list = false;
      bool ok = true;
      for (node_id item : std::vector<node_id>(n.args)) ok = to(item, elem) && ok;
      c_.p_.nodes[static_cast<std::size_t>(id)].t = want;
      return ok;
    }
    if (want.list && n.t.list && n.t.kind == base::nothing) {
      n.t = want;
      return true;
    }
    // A plain number stands for a year where a year is wanted ("claimed_year >= 2023").
    if (want.kind == base::year && !want.list && n.kind == op::literal &&
        n.t.kind == base::number && !n.t.list && n.lit.as_decimal().is_integer()) {
      n.t = want;
      return true;
    }
    return false;
  }

 private:
  checker& c_;
};

struct operand_lowerer {
  checker& c;
  using result_type = node_id;

  node_id operator()(const ast::nil&) const { return no_node; }
  node_id operator()(const ast::number_lit& n) const {
    node out;
    out.span = c.span(n);
    auto v = c.parse_number(n, out.t);
    if (!v) return no_node;
    out.lit = *v;
    return c.add_node(std::move(out));
  }
  node_id operator()(const ast::date_lit& d) const {
    auto v = c.parse_date(d);
    if (!v) return no_node;
    node out;
    out.span = c.span(d);
    out.t = type{base::date};
    out.lit = *v;
    return c.add_node(std::move(out));
  }
  node_id operator()(const ast::string_lit& s) const {
    node out;
    out.span = c.span(s);
    out.t = type{base::text};
    out.lit = c.p_.intern(s.text);
    return c.add_node(std::move(out));
  }
  node_id operator()(const ast::bool_lit& b) const {
    node out;
    out.span = c.span(b);
    out.t = type{base::boolean};
    out.lit = b.text == "true";
    return c.add_node(std::move(out));
  }
  node_id operator()(const ast::identifier& id) const;
  node_id operator()(const ast::unary& u) const;
  node_id operator()(const ast::call& call) const;
  node_id operator()(const ast::if_expr& e) const;
  node_id operator()(const ast::quantified& q) const;
  node_id operator()(const ast::aggregate& a) const;
  node_id operator()(const ast::list_lit& l) const;
  node_id operator()(const ast::expression& e) const { return c.lower(e); }
  template <typename T>
  node_id operator()(const boost::spirit::x3::forward_ast<T>& f) const {
    return (*this)(f.get());
  }

  std::uint32_t bind(const ast::identifier& var, const type& elem) const {
    std::uint32_t slot = c.new_var(var.text);
    c.locals_.push_back({var.text, slot, elem});
    return slot;
  }
  node_id list_operand(const ast::expression& e, type& elem) const {
    node_id l = c.lower(e);
    if (l == no_node) return no_node;
    const type& t = c.type_of(l);
    if (!t.list) {
      c.error(diag_code::type_mismatch,
              fmt::format("expected a list to go through, found {}", type_name(c.p_, t)),
              c.p_.nodes[static_cast<std::size_t>(l)].span);
      return no_node;
    }
    elem = t;
    elem.list = false;
    return l;
  }
};

}  // namespace elig::check::lowering
