#include "paths/formula.hpp"

namespace elig::paths {
namespace {

using check::node;
using check::op;

class unfolder {
 public:
  unfolder(const check::program& p, std::size_t limit) : p_(p), limit_(limit) {}

  // The alternatives under which `id` has the value `truth`.
  std::vector<conjunction> unfold(check::node_id id, bool truth, origin from) {
    const node& n = p_.nodes[static_cast<std::size_t>(id)];
    switch (n.kind) {
      case op::and_:
        return truth ? both(unfold(n.a, true, from), unfold(n.b, true, from))
                     : either(unfold(n.a, false, from), unfold(n.b, false, from));
      case op::or_:
        return truth ? either(unfold(n.a, true, from), unfold(n.b, true, from))
                     : both(unfold(n.a, false, from), unfold(n.b, false, from));
      case op::not_:
        return unfold(n.a, !truth, from);
      case op::define_ref:
        return unfold(p_.defines[n.ref].body, truth, from);
      default:
        return {{atom{id, truth, from}}};
    }
  }

  // Every alternative of `a` with every one of `b`.
  std::vector<conjunction> both(const std::vector<conjunction>& a,
                                const std::vector<conjunction>& b) {
    std::vector<conjunction> out;
    for (const auto& x : a)
      for (const auto& y : b) {
        if (out.size() == limit_) {
          truncated_ = true;
          return out;
        }
        conjunction c = x;
        c.insert(c.end(), y.begin(), y.end());
        out.push_back(std::move(c));
      }
    return out;
  }

  std::vector<conjunction> either(std::vector<conjunction> a, const std::vector<conjunction>& b) {
    for (const auto& y : b) {
      if (a.size() == limit_) {
        truncated_ = true;
        break;
      }
      a.push_back(y);
    }
    return a;
  }

  [[nodiscard]] bool truncated() const { return truncated_; }

 private:
  const check::program& p_;
  std::size_t limit_;
  bool truncated_ = false;
};

bool holds_when(check::condition_kind k) {
  return k != check::condition_kind::unless && k != check::condition_kind::exclusion;
}

}  // namespace

formula requirements_of(const check::program& p, std::size_t index, std::size_t limit) {
  const check::provision& pr = p.provisions[index];
  const check::document& doc = p.documents[pr.doc];
  unfolder u(p, limit);
  std::vector<conjunction> all{{}};
  std::uint32_t at = 0;
  for (const auto& ex : p.exclusions) all = u.both(all, u.unfold(ex.test, false, {-1, at++}));
  for (const auto& c : doc.conditions)
    all = u.both(all, u.unfold(c.test, holds_when(c.kind), {-1, at++}));
  for (const auto& c : pr.conditions)
    all = u.both(all, u.unfold(c.test, holds_when(c.kind), {-1, at++}));
  // At least one part that pays: its own conditions (a per-item part's items are checked when
  // the path is confirmed).
  std::vector<conjunction> parts;
  for (std::size_t k = 0; k < pr.parts.size(); ++k) {
    const auto& pt = pr.parts[k];
    if (!pt.pays) continue;
    std::vector<conjunction> one{{}};
    std::uint32_t i = 0;
    for (const auto& c : pt.conditions)
      one = u.both(one, u.unfold(c.test, holds_when(c.kind), {static_cast<std::int32_t>(k), i++}));
    parts = u.either(std::move(parts), one);
  }
  if (!parts.empty()) all = u.both(all, parts);
  return {std::move(all), u.truncated()};
}

}  // namespace elig::paths
