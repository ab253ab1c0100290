#include "paths/needs.hpp"

#include <algorithm>

#include "check/bounds.hpp"

namespace elig::paths {
namespace {

using check::base;
using check::node;
using check::op;

bool reads_fact(const check::program& p, check::node_id id, std::uint32_t slot) {
  std::set<std::uint32_t> read;
  check::facts_read(p, id, read);
  return read.count(slot) > 0;
}

bool numeric(base b) {
  return b == base::number || b == base::money || b == base::percent || b == base::year ||
         b == base::date;
}

decimal number_of(const fast::fval& v, base b) {
  return b == base::date ? decimal::from_int(v.day) : decimal::from_raw(v.num);
}

void meet(need& n, op o, decimal v) {
  auto lower = [&](bool open) {
    if (!n.lo || v > *n.lo || (v == *n.lo && open)) {
      n.lo = v;
      n.lo_open = open;
    }
  };
  auto upper = [&](bool open) {
    if (!n.hi || v < *n.hi || (v == *n.hi && open)) {
      n.hi = v;
      n.hi_open = open;
    }
  };
  switch (o) {
    case op::eq:
      lower(false);
      upper(false);
      break;
    case op::lt:
      upper(true);
      break;
    case op::le:
      upper(false);
      break;
    case op::gt:
      lower(true);
      break;
    case op::ge:
      lower(false);
      break;
    default:
      break;
  }
  if (n.lo && n.hi && (*n.hi < *n.lo || (*n.hi == *n.lo && (n.lo_open || n.hi_open))))
    n.empty = true;
}

void allow(need& n, const std::set<std::string>& members) {
  if (!n.allowed) {
    n.allowed = members;
  } else {
    std::set<std::string> both;
    for (const auto& m : members)
      if (n.allowed->count(m)) both.insert(m);
    n.allowed = std::move(both);
  }
}

}  // namespace

reader::reader(const check::program& p, const fast::plan& plan, const detail::profile_data& data,
               date as_of)
    : p_(p), plan_(plan), data_(data), as_of_(as_of) {
  scratch_.prepare(plan_, as_of_.days(), static_cast<std::uint32_t>(data_.places.size()));
}

std::optional<fast::fval> reader::eval(check::node_id id) {
  try {
    fast::machine m(plan_, scratch_, data_.typed.data(), as_of_);
    fast::fval v = m.eval(id);
    if (v.known()) return v;
  } catch (const fast::failure&) {
  }
  return std::nullopt;
}

std::optional<bool> reader::holds(const atom& a) {
  auto v = eval(a.node);
  if (!v) return std::nullopt;
  return v->truth() == a.truth;
}

alternative_needs reader::read(const conjunction& c) {
  alternative_needs out;
  for (const atom& a : c) {
    const node& n = p_.nodes[static_cast<std::size_t>(a.node)];
    if (n.kind == op::fact && n.t.kind == base::boolean && !n.t.list) {
      need& want = out.by_fact[n.ref];
      want.first = std::min(want.first, order_of(a.from));
      if (want.flag && *want.flag != a.truth) want.empty = true;
      want.flag = a.truth;
      continue;
    }
    if (!(check::is_comparison(n.kind) && comparison(a, out))) out.opaque.push_back(a);
  }
  return out;
}

// `fact OP other` (or `other OP fact`) with `other` not reading the fact; `member in list_fact`.
bool reader::comparison(const atom& a, alternative_needs& out) {
  const node& n = p_.nodes[static_cast<std::size_t>(a.node)];
  check::node_id fact_side = n.a, other_side = n.b;
  op o = a.truth ? n.kind : check::negated(n.kind);
  const node* f = &p_.nodes[static_cast<std::size_t>(fact_side)];
  if ((o == op::in || o == op::not_in) && f->kind != op::fact) {
    // `"national" in park_designations`: a list that must hold (or lack) a member.
    const node& list = p_.nodes[static_cast<std::size_t>(n.b)];
    if (list.kind != op::fact || !list.t.list ||
        (list.t.kind != base::enumeration && list.t.kind != base::text) ||
        reads_fact(p_, n.a, list.ref))
      return false;
    auto member = eval(n.a);
    if (!member || f->t.list) return false;
    std::string name = list.t.kind == base::enumeration
                           ? p_.enums[list.t.ref].members[member->idx]
                           : std::string(member->text.data, member->text.size);
    need& want = out.by_fact[list.ref];
    want.first = std::min(want.first, order_of(a.from));
    (o == op::in ? want.includes : want.excludes).insert(name);
    return true;
  }
  if (f->kind != op::fact && o != op::in && o != op::not_in) {
    std::swap(fact_side, other_side);
    o = check::flipped(o);
    f = &p_.nodes[static_cast<std::size_t>(fact_side)];
  }
  if (f->kind != op::fact || f->t.list || reads_fact(p_, other_side, f->ref)) return false;
  auto other = eval(other_side);
  if (!other) return false;
  need& want = out.by_fact[f->ref];
  want.first = std::min(want.first, order_of(a.from));
  const check::type& t = f->t;
  if (numeric(t.kind)) {
    if (o == op::ne || o == op::in || o == op::not_in) return false;
    meet(want, o, number_of(*other, t.kind));
    return true;
  }
  if (t.kind == base::boolean && (o == op::eq || o == op::ne)) {
    bool value = other->truth() == (o == op::eq);
    if (want.flag && *want.flag != value) want.empty = true;
    want.flag = value;
    return true;
  }
  if (t.kind != base::enumeration) return false;
  const auto& members = p_.enums[t.ref].members;
  std::set<std::string> named;
  const check::type& ot = p_.nodes[static_cast<std::size_t>(other_side)].t;
  if (ot.list) {
    for (std::uint32_t i = 0; i < other->list.size; ++i)
      named.insert(members[other->list.data[i].idx]);
  } else {
    named.insert(members[other->idx]);
  }
  if (o == op::eq || o == op::in)
    allow(want, named);
  else if (o == op::ne || o == op::not_in)
    want.denied.insert(named.begin(), named.end());
  else
    return false;
  if (want.allowed) {
    bool any = false;
    for (const auto& m : *want.allowed) any = any || !want.denied.count(m);
    want.empty = want.empty || !any;
  }
  return true;
}

}  // namespace elig::paths
