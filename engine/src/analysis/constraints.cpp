#include "analysis/constraints.hpp"

#include <fmt/format.h>

namespace elig::analysis {
using check::base;
using check::node;
using check::op;

bool interval::empty() const {
  if (!lo || !hi) return false;
  if (*hi < *lo) return true;
  return *lo == *hi && (lo_open || hi_open);
}

void interval::meet(const interval& o) {
  if (o.lo && (!lo || *o.lo > *lo || (*o.lo == *lo && o.lo_open))) {
    lo = o.lo;
    lo_open = o.lo_open;
  }
  if (o.hi && (!hi || *o.hi < *hi || (*o.hi == *hi && o.hi_open))) {
    hi = o.hi;
    hi_open = o.hi_open;
  }
}

namespace {

std::optional<decimal> number_of(const value& v) {
  if (std::holds_alternative<decimal>(v.raw())) return v.as_decimal();
  if (std::holds_alternative<date>(v.raw())) return decimal::from_int(v.as_date().days());
  return std::nullopt;
}

}  // namespace

void requirements::require(const check::program& p, check::node_id id, bool truth) {
  if (id == check::no_node || contradiction) return;
  const node& n = p.nodes[static_cast<std::size_t>(id)];
  switch (n.kind) {
    case op::and_:
      if (truth) {
        require(p, n.a, true);
        require(p, n.b, true);
      }
      return;
    case op::or_:
      if (!truth) {  // not (a or b) = not a and not b
        require(p, n.a, false);
        require(p, n.b, false);
      }
      return;
    case op::not_:
      require(p, n.a, !truth);
      return;
    case op::define_ref:
      require(p, p.defines[n.ref].body, truth);
      return;
    case op::fact:
      if (n.t.kind == base::boolean && !n.t.list) {
        facts_seen.insert(n.ref);
        auto [it, fresh] = flags.emplace(n.ref, truth);
        if (!fresh && it->second != truth) {
          contradiction = true;
          conflict = n.ref;
          why = fmt::format("`{}` must be both true and false", p.facts[n.ref].name);
        }
      }
      return;
    case op::literal:
      if (std::holds_alternative<bool>(n.lit.raw()) && n.lit.as_bool() != truth) {
        contradiction = true;
        why = "a constant condition is false";
      }
      return;
    default:
      if (!check::is_comparison(n.kind)) return;
  }
  const node* f = &p.nodes[static_cast<std::size_t>(n.a)];
  const node* lit = &p.nodes[static_cast<std::size_t>(n.b)];
  op o = truth ? n.kind : check::negated(n.kind);
  if (f->kind != op::fact && lit->kind == op::fact && o != op::in && o != op::not_in) {
    std::swap(f, lit);
    o = check::flipped(o);
  }
  if (f->kind != op::fact || (lit->kind != op::literal && lit->kind != op::list)) return;
  std::uint32_t slot = f->ref;
  facts_seen.insert(slot);
  const std::string& name = p.facts[slot].name;
  if (f->t.kind == base::enumeration || f->t.kind == base::text) {
    std::set<std::string> members;
    if (lit->kind == op::literal && std::holds_alternative<std::string_view>(lit->lit.raw())) {
      members.insert(std::string(lit->lit.as_text()));
    } else if (lit->kind == op::list) {
      for (auto a : lit->args) {
        const node& x = p.nodes[static_cast<std::size_t>(a)];
        if (x.kind != op::literal) return;
        members.insert(std::string(x.lit.as_text()));
      }
    } else {
      return;
    }
    bool positive = o == op::eq || o == op::in;
    if (!positive && o != op::ne && o != op::not_in) return;
    if (positive) {
      auto [it, fresh] = allowed.emplace(slot, members);
      if (!fresh) {
        std::set<std::string> both;
        for (const auto& m : members)
          if (it->second.count(m)) both.insert(m);
        it->second = both;
      }
    } else {
      denied[slot].insert(members.begin(), members.end());
    }
    auto a = allowed.find(slot);
    if (a != allowed.end()) {
      bool any = false;
      for (const auto& m : a->second) any = any || !denied[slot].count(m);
      if (!any) {
        contradiction = true;
        conflict = slot;
        why = fmt::format("no value of `{}` satisfies every condition on it", name);
      }
    }
    return;
  }
  if (f->t.list || lit->kind != op::literal) return;
  auto v = number_of(lit->lit);
  if (!v) return;
  interval iv;
  switch (o) {
    case op::eq:
      iv.lo = iv.hi = v;
      break;
    case op::lt:
      iv.hi = v;
      iv.hi_open = true;
      break;
    case op::le:
      iv.hi = v;
      break;
    case op::gt:
      iv.lo = v;
      iv.lo_open = true;
      break;
    case op::ge:
      iv.lo = v;
      break;
    default:
      return;
  }
  auto& cur = numbers[slot];
  cur.meet(iv);
  if (cur.empty()) {
    contradiction = true;
    conflict = slot;
    why = fmt::format("no value of `{}` satisfies every condition on it", name);
  }
}

}  // namespace elig::analysis
