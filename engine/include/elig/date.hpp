#pragma once
// Civil dates as a day count, so comparisons and day differences are integer arithmetic.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace elig {

class date {
 public:
  constexpr date() = default;
  static std::optional<date> from_ymd(int y, int m, int d);  // nullopt if not a real date
  static std::optional<date> parse(std::string_view iso);    // "YYYY-MM-DD"
  static constexpr date from_days(std::int32_t days) {
    date d;
    d.days_ = days;
    return d;
  }
  [[nodiscard]] constexpr std::int32_t days() const { return days_; }  // since 1970-01-01
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  // Calendar months first (clamped to the month's last day), then days; nullopt outside the
  // years 1 to 9999, so no arithmetic on a date can wrap.
  [[nodiscard]] std::optional<date> shifted(std::int64_t months, std::int64_t days) const;
  [[nodiscard]] std::string to_string() const;
  friend constexpr auto operator<=>(date a, date b) = default;

  static bool is_leap(int y);
  static int days_in_year(int y) { return is_leap(y) ? 366 : 365; }
  static int days_in_month(int y, int m);

 private:
  std::int32_t days_ = 0;
};

}  // namespace elig
