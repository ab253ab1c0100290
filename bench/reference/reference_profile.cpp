// A line-by-line port of shared/bench/gen_profiles.js: the order of every draw matters.
#include "reference_profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace elig::reference {
namespace {

template <typename T>
struct weighted {
  std::vector<std::pair<T, std::uint32_t>> pairs;
  std::uint32_t total = 0;
  weighted(std::initializer_list<std::pair<T, std::uint32_t>> p) : pairs(p) {
    for (const auto& x : pairs) total += x.second;
  }
  const T& pick(rng& r) const {
    std::uint32_t v = r.next() % total;
    for (const auto& [value, w] : pairs) {
      if (v < w) return value;
      v -= w;
    }
    return pairs.back().first;
  }
};

using span = std::pair<std::int64_t, std::int64_t>;

const weighted<std::string> k_districts{
    {"余杭区", 300}, {"滨江区", 110}, {"西湖区", 90}, {"上城区", 50}, {"拱墅区", 50},
    {"钱塘区", 50},  {"萧山区", 70},  {"临平区", 50}, {"富阳区", 30}, {"宁波市", 50},
    {"温州市", 30},  {"上海市", 60},  {"北京市", 30}, {"深圳市", 30}};
const weighted<std::string> k_tags{{"metaverse", 160},    {"xr", 90},         {"digital-twin", 70},
                                   {"gaming", 100},       {"blockchain", 70}, {"ai", 180},
                                   {"ecommerce", 120},    {"fintech", 60},    {"biotech", 50},
                                   {"manufacturing", 100}};
const weighted<std::string> k_credit{{"A", 350}, {"B", 400}, {"C", 180}, {"D", 70}};
const weighted<std::string> k_funding{{"none", 300},  {"angel", 120}, {"seed", 120},
                                      {"pre-A", 100}, {"A", 120},     {"B", 90},
                                      {"C", 60},      {"D+", 50},     {"IPO", 40}};
const weighted<span> k_employees{{{1, 2}, 80},     {{3, 9}, 220},     {{10, 49}, 330},
                                 {{50, 199}, 220}, {{200, 999}, 110}, {{1000, 5000}, 40}};
const weighted<span> k_reg_years{{{2005, 2014}, 200},
                                 {{2015, 2019}, 250},
                                 {{2020, 2021}, 150},
                                 {{2022, 2023}, 220},
                                 {{2024, 2025}, 180}};
const weighted<int> k_tag_count{{0, 80}, {1, 420}, {2, 350}, {3, 150}};
const weighted<span> k_patents{{{1, 3}, 50}, {{4, 10}, 30}, {{11, 60}, 20}};

const char* const k_name_a[] = {"星", "云", "元", "智", "数", "光", "澜", "启", "极", "灵",
                                "微", "恒", "易", "新", "远", "宇", "瀚", "锐", "博", "曜"};
const char* const k_name_b[] = {"境", "界", "链", "维", "图", "核", "梦", "途", "象", "矩",
                                "川", "帆", "桥", "宙", "盒", "眸", "翼", "舟", "格", "弈"};
const char* const k_suffix[] = {"科技有限公司", "信息技术有限公司", "数字科技有限公司",
                                "网络科技有限公司", "智能科技有限公司"};

// Boundary injection values, as in the generator (area in halves).
enum class field { employees, revenue, rd, patents, area, registered, relocated };
struct boundary {
  field f;
  std::vector<std::int64_t> numbers;
  std::vector<const char*> dates;
};
const boundary k_boundaries[] = {
    {field::employees, {2, 3, 9, 10, 19, 20, 100, 101}, {}},
    {field::revenue, {9999999, 10000000, 19999999, 20000000, 49999999, 50000000}, {}},
    {field::rd, {2000000, 2000001, 2000009, 2000010, 52000000, 52000010}, {}},
    {field::patents, {1, 10, 11}, {}},
    {field::area, {1999, 2000, 2001}, {}},
    {field::registered, {}, {"2022-06-29", "2022-06-30", "2023-06-29", "2023-06-30"}},
    {field::relocated, {}, {"2023-06-29", "2023-06-30", "2025-06-30"}},
};

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
std::int64_t days_in_month(std::int64_t y, std::int64_t m) {
  constexpr int k_dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : k_dim[m - 1];
}

std::int32_t parse_iso(const char* s) {
  int y = 0, m = 0, d = 0;
  std::sscanf(s, "%d-%d-%d", &y, &m, &d);
  return day_number(y, m, d);
}

// JavaScript's String(x) for x = n / divisor where the result has at most two decimals.
std::string js_number(std::int64_t n, std::int64_t divisor) {
  std::int64_t whole = n / divisor, rest = n % divisor;
  if (rest == 0) return std::to_string(whole);
  std::string frac = fmt::format("{:02}", rest * 100 / divisor);
  while (frac.back() == '0') frac.pop_back();
  return std::to_string(whole) + "." + frac;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

std::int32_t day_number(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string iso_date(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return fmt::format("{:04}-{:02}-{:02}", era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

rng::rng(std::uint32_t seed) {
  std::uint32_t s = seed;
  auto splitmix = [&s] {
    s += 0x9e3779b9u;
    std::uint32_t z = s;
    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
  };
  a_ = splitmix();
  b_ = splitmix();
  c_ = splitmix();
  d_ = splitmix();
  for (int i = 0; i < 12; ++i) next();
}

std::uint32_t rng::next() {
  std::uint32_t t = a_ + b_ + d_;
  d_ += 1;
  a_ = b_ ^ (b_ >> 9);
  b_ = c_ + (c_ << 3);
  c_ = (c_ << 21) | (c_ >> 11);
  c_ += t;
  return t;
}

std::int64_t rng::between(std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

bool rng::chance(std::uint32_t per_mille) { return next() % 1000 < per_mille; }

company generate(rng& r, std::uint32_t index) {
  static const std::int32_t as_of = day_number(2025, 6, 30);
  company c;
  c.id = fmt::format("C{:06}", index + 1);
  // Three draws in this order (operands of `+` would be unsequenced).
  c.name = "杭州";
  c.name += k_name_a[r.next() % 20];
  c.name += k_name_b[r.next() % 20];
  c.name += k_suffix[r.next() % 5];
  c.district = k_districts.pick(r);
  const int n_tags = k_tag_count.pick(r);
  while (static_cast<int>(c.industry_tags.size()) < n_tags) {
    const std::string& t = k_tags.pick(r);
    if (std::find(c.industry_tags.begin(), c.industry_tags.end(), t) == c.industry_tags.end())
      c.industry_tags.push_back(t);
  }
  auto [ylo, yhi] = k_reg_years.pick(r);
  const std::int64_t y = r.between(ylo, yhi), m = r.between(1, 12);
  const std::int64_t d = r.between(1, days_in_month(y, m));
  const std::int32_t reg = std::min(
      day_number(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)), as_of - 30);
  c.registered_day = reg;
  if (r.chance(220) && as_of - reg > 60)
    c.relocated_day = static_cast<std::int32_t>(r.between(reg + 30, as_of));
  auto [elo, ehi] = k_employees.pick(r);
  c.employees = r.between(elo, ehi);
  c.annual_revenue_yuan = r.chance(80) ? 0 : c.employees * r.between(50000, 1500000);
  c.rd_expense_yuan = (c.annual_revenue_yuan / 1000) * r.between(0, 350);
  c.rd_expense_yuan += c.industry_tags.empty() ? 0 : r.between(0, 300000);
  c.office_area_halves = std::max<std::int64_t>(40, c.employees * r.between(8, 32));
  c.rent_quarters = r.between(6, 32);
  c.is_high_tech = r.chance(c.industry_tags.empty() ? 150 : 420);
  c.credit_rating = k_credit.pick(r);
  c.has_violation = r.chance(60);
  if (!r.chance(420)) {
    auto [plo, phi] = k_patents.pick(r);
    c.patents = r.between(plo, phi);
  }
  c.funding_round = k_funding.pick(r);
  if (r.chance(50)) {
    const boundary& b = k_boundaries[r.next() % std::size(k_boundaries)];
    if (b.dates.empty()) {
      std::int64_t v = b.numbers[r.next() % b.numbers.size()];
      switch (b.f) {
        case field::employees:
          c.employees = v;
          break;
        case field::revenue:
          c.annual_revenue_yuan = v;
          break;
        case field::rd:
          c.rd_expense_yuan = v;
          break;
        case field::patents:
          c.patents = v;
          break;
        default:
          c.office_area_halves = v;
      }
    } else {
      std::int32_t v = parse_iso(b.dates[r.next() % b.dates.size()]);
      // ISO dates compare as strings exactly as they compare as day numbers.
      if (b.f == field::registered) {
        if (!c.relocated_day || *c.relocated_day > v) c.registered_day = v;
      } else if (c.registered_day < v) {
        c.relocated_day = v;
      }
    }
  }
  return c;
}

std::string to_json(const company& c) {
  std::string tags = "[";
  for (std::size_t i = 0; i < c.industry_tags.size(); ++i)
    tags += (i ? "," : "") + json_string(c.industry_tags[i]);
  tags += "]";
  std::string out = fmt::format(
      "{{\"id\":{},\"name\":{},\"district\":{},\"industry_tags\":{},\"registered_date\":\"{}\","
      "\"employees\":{},\"annual_revenue_yuan\":{},\"rd_expense_yuan\":{},\"office_area_sqm\":{},"
      "\"rent_per_sqm_day\":{},\"is_high_tech\":{},\"credit_rating\":{},\"has_violation\":{},"
      "\"patents\":{},\"funding_round\":{}",
      json_string(c.id), json_string(c.name), json_string(c.district), tags,
      iso_date(c.registered_day), c.employees, c.annual_revenue_yuan, c.rd_expense_yuan,
      js_number(c.office_area_halves, 2), js_number(c.rent_quarters, 4), c.is_high_tech,
      json_string(c.credit_rating), c.has_violation, c.patents, json_string(c.funding_round));
  if (c.relocated_day) out += fmt::format(",\"relocated_date\":\"{}\"", iso_date(*c.relocated_day));
  return out + "}";
}

std::string to_toml(const company& c) {
  auto toml_float = [](std::int64_t n, std::int64_t div) {
    std::string s = js_number(n, div);
    return s.find('.') == std::string::npos ? s + ".0" : s;
  };
  std::string tags = "[";
  for (std::size_t i = 0; i < c.industry_tags.size(); ++i)
    tags += (i ? ", " : "") + toml_string(c.industry_tags[i]);
  tags += "]";
  std::string out =
      "# Synthetic company profile (gen_profiles.js). Dates are TOML local dates;\n"
      "# relocated_date is omitted when the company never relocated.\n";
  out +=
      fmt::format("id = {}\nname = {}\ndistrict = {}\nindustry_tags = {}\nregistered_date = {}\n",
                  toml_string(c.id), toml_string(c.name), toml_string(c.district), tags,
                  iso_date(c.registered_day));
  if (c.relocated_day) out += fmt::format("relocated_date = {}\n", iso_date(*c.relocated_day));
  out += fmt::format(
      "employees = {}\nannual_revenue_yuan = {}\nrd_expense_yuan = {}\noffice_area_sqm = {}\n"
      "rent_per_sqm_day = {}\nis_high_tech = {}\ncredit_rating = {}\nhas_violation = {}\n"
      "patents = {}\nfunding_round = {}\n",
      c.employees, c.annual_revenue_yuan, c.rd_expense_yuan, toml_float(c.office_area_halves, 2),
      toml_float(c.rent_quarters, 4), c.is_high_tech, toml_string(c.credit_rating), c.has_violation,
      c.patents, toml_string(c.funding_round));
  return out;
}

}  // namespace elig::reference
