#include "hand_written.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace elig::reference {

const char* const k_policy_ids[policy_count] = {"RENT", "RD", "SCALE", "PATENT", "STARTUP"};

namespace {

constexpr const char* k_districts[] = {"余杭区", "滨江区", "西湖区", "上城区", "拱墅区",
                                       "钱塘区", "萧山区", "临平区", "富阳区", "宁波市",
                                       "温州市", "上海市", "北京市", "深圳市"};
constexpr const char* k_tags[] = {"metaverse",  "xr",           "digital-twin", "gaming",
                                  "blockchain", "ai",           "ecommerce",    "fintech",
                                  "biotech",    "manufacturing"};
constexpr const char* k_funding[] = {"none", "angel", "seed", "pre-A", "A", "B", "C", "D+", "IPO"};
constexpr std::uint16_t k_metaverse = 0b111;      // metaverse, xr, digital-twin
constexpr std::uint16_t k_digital = 0b111111;     // ... gaming, blockchain, ai
constexpr std::int32_t k_as_of = 20269;           // 2025-06-30
constexpr std::int32_t k_rent_cutoff = 19538;     // 2023-06-30
constexpr std::int32_t k_startup_cutoff = 19173;  // 2022-06-30

template <std::size_t N>
std::uint8_t index_of(const char* const (&names)[N], const std::string& s) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<std::uint8_t>(i);
  return static_cast<std::uint8_t>(N);
}

}  // namespace

plain_company to_plain(const company& c) {
  plain_company p;
  p.district = index_of(k_districts, c.district);
  for (const auto& t : c.industry_tags)
    p.tags |= static_cast<std::uint16_t>(1u << index_of(k_tags, t));
  p.registered_day = c.registered_day;
  p.settle_day = c.relocated_day.value_or(c.registered_day);
  p.employees = c.employees;
  p.revenue = c.annual_revenue_yuan;
  p.rd = c.rd_expense_yuan;
  p.area_tenths = c.office_area_halves * 5;
  p.rent_fen = c.rent_quarters * 25;
  p.high_tech = c.is_high_tech;
  p.credit = static_cast<std::uint8_t>(c.credit_rating[0] - 'A');
  p.violation = c.has_violation;
  p.patents = c.patents;
  p.funding = index_of(k_funding, c.funding_round);
  return p;
}

hand_result evaluate_by_hand(const plain_company& c) {
  hand_result r;
  if (c.violation || c.credit == 3) {
    r.excluded = true;
    return r;
  }
  const bool hangzhou = c.district < 9;
  auto grant = [&r](policy p, std::int64_t amount) {
    r.eligible |= static_cast<std::uint8_t>(1u << p);
    r.amount[p] = amount;
  };
  if (c.district == 0 && (c.tags & k_metaverse) && c.settle_day >= k_rent_cutoff &&
      c.settle_day <= k_as_of && c.employees >= 10) {
    // area (0.1 m²) × rent (fen) × 365 / 1000 = yuan, floored; non-negative.
    grant(rent, std::min(std::min(c.area_tenths, std::int64_t{10000}) * c.rent_fen * 365 / 1000,
                         std::int64_t{1000000}));
  }
  if (c.high_tech && c.credit <= 1 && c.rd > 2000000)
    grant(rd, std::min((c.rd - 2000000) / 10, std::int64_t{5000000}));
  if (hangzhou && c.revenue >= 10000000)
    grant(scale, c.revenue >= 50000000 ? 500000 : c.revenue >= 20000000 ? 200000 : 100000);
  if (hangzhou && c.patents >= 1) grant(patent, 20000 * std::min(c.patents, std::int64_t{10}));
  if (hangzhou && (c.tags & k_digital) && c.registered_day >= k_startup_cutoff &&
      c.registered_day <= k_as_of && c.employees >= 3 && c.employees <= 100 && c.funding <= 4)
    grant(startup, c.employees >= 20 ? 300000 : 150000);
  for (int p = 0; p < policy_count; ++p)
    if (r.eligible & (1u << p)) r.total += r.amount[static_cast<std::size_t>(p)];
  if ((r.eligible & (1u << rent)) && (r.eligible & (1u << startup))) {
    r.superseded = r.amount[startup] > r.amount[rent] ? rent : startup;
    r.total -= r.amount[static_cast<std::size_t>(r.superseded)];
  }
  return r;
}

std::string canonical_line(const std::string& id, const hand_result& r) {
  std::map<std::string, std::int64_t> sorted;
  for (int p = 0; p < policy_count; ++p)
    if (r.eligible & (1u << p)) sorted[k_policy_ids[p]] = r.amount[static_cast<std::size_t>(p)];
  std::string e;
  for (const auto& [name, amount] : sorted)
    e += fmt::format("{}{}:{}", e.empty() ? "" : ",", name, amount);
  return fmt::format("{} X={} E={} S={} T={}", id, r.excluded ? 1 : 0, e,
                     r.superseded < 0 ? "-" : k_policy_ids[r.superseded], r.total);
}

}  // namespace elig::reference
