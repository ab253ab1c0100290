// What the rules alone say of an expression: the facts it reads, and upper bounds of amounts
// from the rules alone (literals, parameters, the branches of an `if`,
// `min`/`max`): for the analysis (W1003) and for what an undetermined provision could pay.
#include "check/bounds.hpp"

namespace elig::check {

std::optional<decimal> upper_bound(const program& p, node_id id, std::optional<date> as_of) {
  if (id == check::no_node) return std::nullopt;
  const node& n = p.nodes[static_cast<std::size_t>(id)];
  try {
    switch (n.kind) {
      case op::literal:
        if (std::holds_alternative<decimal>(n.lit.raw())) return n.lit.as_decimal();
        return std::nullopt;
      case op::param:
      case op::param_at: {
        // At the as-of date the row in force; on a date the profile gives, the largest row.
        std::optional<decimal> best;
        for (const auto& [from, v] : p.params[n.ref].rows) {
          if (!std::holds_alternative<decimal>(v.raw())) return std::nullopt;
          if (n.kind == op::param && as_of) {
            if (!(*as_of < from)) best = v.as_decimal();
          } else if (!best || v.as_decimal() > *best) {
            best = v.as_decimal();
          }
        }
        return n.kind == op::param && !as_of ? std::nullopt : best;
      }
      case op::define_ref:
        return upper_bound(p, p.defines[n.ref].body, as_of);
      case op::if_: {
        auto a = upper_bound(p, n.b, as_of), b = upper_bound(p, n.c, as_of);
        if (a && b) return std::max(*a, *b);
        return std::nullopt;
      }
      case op::add: {
        auto a = upper_bound(p, n.a, as_of), b = upper_bound(p, n.b, as_of);
        if (a && b) return *a + *b;
        return std::nullopt;
      }
      case op::builtin: {
        auto fn = static_cast<builtin>(n.ref);
        if (fn == builtin::round) return upper_bound(p, n.args[0], as_of);
        std::optional<decimal> best;
        for (auto a : n.args) {
          auto b = upper_bound(p, a, as_of);
          if (fn == builtin::min) {
            if (b && (!best || *b < *best)) best = b;
          } else if (fn == builtin::max) {
            if (!b) return std::nullopt;
            if (!best || *b > *best) best = b;
          } else {
            return std::nullopt;
          }
        }
        return best;
      }
      default:
        return std::nullopt;
    }
  } catch (const decimal_overflow&) {
    return std::nullopt;
  }
}

void facts_read(const program& p, node_id id, std::set<std::uint32_t>& out) {
  if (id == no_node) return;
  const node& n = p.nodes[static_cast<std::size_t>(id)];
  if (n.kind == op::fact) out.insert(n.ref);
  if (n.kind == op::define_ref || n.kind == op::call_define)
    facts_read(p, p.defines[n.ref].body, out);
  for (auto k : {n.a, n.b, n.c}) facts_read(p, k, out);
  for (auto k : n.args) facts_read(p, k, out);
}

}  // namespace elig::check
