// How awards combine into the total, on plain data
// (take-highest groups, caps, drafts left out), with the effects recorded as indices.
#include "fast/decide.hpp"
#include "fast/plain_total.hpp"

namespace elig::fast {
namespace {

// Some group has two counted members, or some cap a counted member: shares per part.
[[gnu::noinline]] void groups(const plan& p, detail::decision_state& d) {
  auto& share_min = d.share_min;
  auto& share_max = d.share_max;
  share_min.assign(p.parts.size(), decimal{});
  share_max.assign(p.parts.size(), decimal{});
  for (std::size_t i = 0; i < p.provisions.size(); ++i) {
    const pprovision& pr = p.provisions[i];
    if (!d.verdicts[i].counted_in_total) continue;
    for (auto k = pr.part_begin; k < pr.part_end; ++k)
      if (d.parts[k].result == status::eligible) {
        share_min[k] = d.parts[k].value.min;
        share_max[k] = d.parts[k].value.max;
      }
  }
  auto range = [&](std::uint32_t prov, std::int32_t part) {
    const pprovision& pr = p.provisions[prov];
    return part < 0 ? std::pair{pr.part_begin, pr.part_end}
                    : std::pair{pr.part_begin + static_cast<std::uint32_t>(part),
                                pr.part_begin + static_cast<std::uint32_t>(part) + 1};
  };
  auto member_min = [&](std::uint32_t prov, std::int32_t part) {
    auto [b, e] = range(prov, part);
    decimal s;
    for (auto k = b; k < e; ++k) s = s + share_min[k];
    return s;
  };
  auto member_max = [&](std::uint32_t prov, std::int32_t part) {
    auto [b, e] = range(prov, part);
    decimal s;
    for (auto k = b; k < e; ++k) s = s + share_max[k];
    return s;
  };
  for (std::size_t ci = 0; ci < p.combinations.size(); ++ci) {
    const pcombination& c = p.combinations[ci];
    if (c.highest) {
      // Each member's share, once: [min, max] summed over its parts.
      auto& mins = d.member_min;
      auto& maxs = d.member_max;
      mins.resize(c.members.size());
      maxs.resize(c.members.size());
      std::optional<std::size_t> best;
      decimal floor;
      for (std::size_t m = 0; m < c.members.size(); ++m) {
        auto [prov, part] = c.members[m];
        mins[m] = member_min(prov, part);
        maxs[m] = member_max(prov, part);
        if (maxs[m] == decimal{} && mins[m] == decimal{}) continue;
        floor = std::max(floor, mins[m]);
        if (!best || maxs[m] > maxs[*best] || (maxs[m] == maxs[*best] && mins[m] > mins[*best]))
          best = m;
      }
      if (!best) continue;
      auto [bp, bpart] = c.members[*best];
      decimal kept = maxs[*best];
      for (std::size_t m = 0; m < c.members.size(); ++m) {
        if (m == *best) continue;
        auto [prov, part] = c.members[m];
        if (maxs[m] == decimal{} && mins[m] == decimal{}) continue;
        auto [b, e] = range(prov, part);
        for (auto k = b; k < e; ++k) share_min[k] = share_max[k] = decimal{};
        verdict& v = d.verdicts[prov];
        v.superseded_by = static_cast<std::int32_t>(bp);
        v.superseded_by_part = bpart;
        if (part < 0) v.counted_in_total = false;
      }
      // The group pays one award: at least the highest floor, at most the highest ceiling.
      auto [b, e] = range(bp, bpart);
      if (b < e) {
        for (auto k = b; k < e; ++k) share_min[k] = share_max[k] = decimal{};
        share_min[b] = floor;
        share_max[b] = kept;
      }
    } else if (c.limit) {
      const decimal limit = decimal::from_raw(*c.limit);
      decimal sum_min, sum_max;
      for (auto [prov, part] : c.members) {
        sum_min = sum_min + member_min(prov, part);
        sum_max = sum_max + member_max(prov, part);
      }
      if (sum_max > limit || sum_min > limit) {
        // Later members absorb the reduction first.
        decimal over_max = sum_max > limit ? sum_max - limit : decimal{};
        decimal over_min = sum_min > limit ? sum_min - limit : decimal{};
        for (auto it = c.members.rbegin(); it != c.members.rend(); ++it) {
          auto [b, e] = range(it->first, it->second);
          for (auto k = e; k-- > b;) {
            decimal cut = std::min(share_max[k], over_max);
            share_max[k] = share_max[k] - cut;
            over_max = over_max - cut;
            decimal cut_min = std::min(share_min[k], over_min);
            share_min[k] = share_min[k] - cut_min;
            over_min = over_min - cut_min;
          }
        }
        d.caps[ci] = 1;
      }
    }
  }
  d.total = {};
  for (std::size_t k = 0; k < p.parts.size(); ++k) {
    d.total.min = d.total.min + share_min[k];
    d.total.max = d.total.max + share_max[k];
  }
}

}  // namespace

void decider::combine(const plan& p, detail::decision_state& d) {
  // Most profiles meet no group with two counted members and no cap: the total is then the sum
  // of the counted provisions, with no per-part bookkeeping (plain_total.hpp).
  if (!plain_total(plan_shape{p}, d)) combine_groups(p, d);
}

void decider::combine_groups(const plan& p, detail::decision_state& d) {
  // Shares live in a fixed-size view over the parts: [min, max] per part, in plan order.
  groups(p, d);
}

}  // namespace elig::fast
