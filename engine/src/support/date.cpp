#include "elig/date.hpp"

#include <fmt/format.h>

namespace elig {
namespace {

// Howard Hinnant's civil-from-days algorithms: exact for the whole int32 range we accept.
constexpr std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct ymd {
  int y;
  unsigned m, d;
};

constexpr ymd civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

}  // namespace

bool date::is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date::days_in_month(int y, int m) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y)) return 29;
  return k_days[m - 1];
}

std::optional<date> date::from_ymd(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return from_days(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<date> date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 0 || d < 0) return std::nullopt;
  return from_ymd(y, m, d);
}

int date::year() const { return civil_from_days(days_).y; }
int date::month() const { return static_cast<int>(civil_from_days(days_).m); }
int date::day() const { return static_cast<int>(civil_from_days(days_).d); }

std::optional<date> date::shifted(std::int64_t months, std::int64_t days) const {
  constexpr std::int64_t k_first = days_from_civil(1, 1, 1), k_last = days_from_civil(9999, 12, 31);
  if (days_ < k_first || days_ > k_last) return std::nullopt;
  if (months < -12 * 10000 || months > 12 * 10000 || days < -(k_last - k_first) ||
      days > k_last - k_first)
    return std::nullopt;
  auto c = civil_from_days(days_);
  std::int64_t total = std::int64_t{c.y} * 12 + c.m - 1 + months;
  if (total < 12 || total >= 12 * 10000) return std::nullopt;
  int y = static_cast<int>(total / 12);
  int m = static_cast<int>(total % 12) + 1;
  int d = std::min(static_cast<int>(c.d), days_in_month(y, m));
  std::int64_t out = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) + days;
  if (out < k_first || out > k_last) return std::nullopt;
  return from_days(static_cast<std::int32_t>(out));
}

std::string date::to_string() const {
  auto c = civil_from_days(days_);
  return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

}  // namespace elig
