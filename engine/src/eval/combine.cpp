// How awards combine into a company's total: take-highest groups, caps, drafts left out.
#include <fmt/format.h>

#include "eval/provisions.hpp"

namespace elig::eval {

void combine(const check::program& prog, report& d, bool include_drafts) {
  // Contribution of each (provision, part) to the total, as [min, max].
  struct share {
    decimal min, max;
  };
  std::vector<std::vector<share>> shares(d.provisions.size());
  for (std::size_t i = 0; i < d.provisions.size(); ++i) {
    auto& r = d.provisions[i];
    shares[i].resize(prog.provisions[i].parts.size());
    r.counted_in_total = r.result == status::eligible && (!r.draft || include_drafts);
    if (r.result == status::eligible && r.draft && !include_drafts)
      r.notes.push_back({"征求意见稿：不计入合计。", "Draft: left out of the total."});
    if (!r.counted_in_total) continue;
    for (std::size_t k = 0; k < r.parts.size(); ++k)
      if (r.parts[k].result == status::eligible)
        shares[i][k] = {r.parts[k].value.min, r.parts[k].value.max};
  }
  auto member_share = [&](std::uint32_t prov, std::int32_t part) {
    share s;
    if (part < 0) {
      for (const auto& x : shares[prov]) {
        s.min = s.min + x.min;
        s.max = s.max + x.max;
      }
    } else {
      s = shares[prov][static_cast<std::size_t>(part)];
    }
    return s;
  };
  auto clear_member = [&](std::uint32_t prov, std::int32_t part) {
    if (part < 0)
      for (auto& x : shares[prov]) x = {};
    else
      shares[prov][static_cast<std::size_t>(part)] = {};
  };
  auto member_name = [&](std::uint32_t prov, std::int32_t part) {
    return part < 0 ? prog.provisions[prov].id
                    : prog.provisions[prov].id + "." +
                          prog.provisions[prov].parts[static_cast<std::size_t>(part)].name;
  };
  for (const auto& c : prog.combinations) {
    if (c.kind == check::combine_kind::highest) {
      std::optional<std::size_t> best;
      decimal floor;
      for (std::size_t m = 0; m < c.members.size(); ++m) {
        auto [prov, part] = c.members[m];
        share s = member_share(prov, part);
        if (s.max == decimal{} && s.min == decimal{}) continue;
        floor = std::max(floor, s.min);
        if (!best) {
          best = m;
          continue;
        }
        share b = member_share(c.members[*best].first, c.members[*best].second);
        if (s.max > b.max || (s.max == b.max && s.min > b.min)) best = m;
      }
      if (!best) continue;
      auto [bp, bpart] = c.members[*best];
      share kept = member_share(bp, bpart);
      for (std::size_t m = 0; m < c.members.size(); ++m) {
        if (m == *best) continue;
        auto [prov, part] = c.members[m];
        share s = member_share(prov, part);
        if (s.max == decimal{} && s.min == decimal{}) continue;
        clear_member(prov, part);
        // Superseded: still eligible with its amount shown, but not paid. A whole provision
        // superseded counts for nothing; a superseded part leaves its provision's other parts.
        d.provisions[prov].superseded_by = member_name(bp, bpart);
        if (part < 0) d.provisions[prov].counted_in_total = false;
        d.provisions[prov].notes.push_back(
            {fmt::format("“{}”：同组仅发最高一项（{}），本项不计入合计。", c.label.zh,
                         member_name(bp, bpart)),
             fmt::format("{}: only the highest award of the group is paid ({}); this one is not "
                         "counted in the total.",
                         c.label.en.empty() ? c.name : c.label.en, member_name(bp, bpart))});
      }
      // The group pays one award: at least the highest floor, at most the highest ceiling.
      if (bpart < 0) {
        if (!shares[bp].empty()) {
          for (auto& x : shares[bp]) x = {};
          shares[bp][0] = {floor, kept.max};
        }
      } else {
        shares[bp][static_cast<std::size_t>(bpart)] = {floor, kept.max};
      }
    } else if (c.kind == check::combine_kind::cap && c.limit) {
      share sum;
      for (auto [prov, part] : c.members) {
        share s = member_share(prov, part);
        sum.min = sum.min + s.min;
        sum.max = sum.max + s.max;
      }
      if (sum.max > *c.limit || sum.min > *c.limit) {
        // Keep the members' order: later members absorb the reduction first.
        decimal over_max = sum.max > *c.limit ? sum.max - *c.limit : decimal{};
        decimal over_min = sum.min > *c.limit ? sum.min - *c.limit : decimal{};
        for (auto it = c.members.rbegin(); it != c.members.rend(); ++it) {
          auto& parts = shares[it->first];
          for (auto px = parts.rbegin(); px != parts.rend(); ++px) {
            if (it->second >= 0 && &*px != &parts[static_cast<std::size_t>(it->second)]) continue;
            decimal cut = std::min(px->max, over_max);
            px->max = px->max - cut;
            over_max = over_max - cut;
            decimal cut_min = std::min(px->min, over_min);
            px->min = px->min - cut_min;
            over_min = over_min - cut_min;
          }
        }
        d.total_notes.push_back(
            {fmt::format("“{}”：合计不超过 {}。", c.label.zh, c.limit->to_grouped(2)),
             fmt::format("{}: at most {} in total.", c.label.en.empty() ? c.name : c.label.en,
                         c.limit->to_grouped(2))});
      }
    }
  }
  for (const auto& s : shares)
    for (const auto& x : s) {
      d.total.min = d.total.min + x.min;
      d.total.max = d.total.max + x.max;
    }
}

}  // namespace elig::eval
