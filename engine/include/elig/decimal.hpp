#pragma once
// Exact fixed-point decimal: every amount, rate and count in elig is one of these.
// 12 fractional digits keep day fractions of interest (153/366) exact enough that rounding to the
// fen happens once, explicitly, where the rules say. Overflow throws decimal_overflow, which the
// evaluator turns into an error for the provision, never a wrapped value.
#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace elig {

__extension__ typedef __int128 int128_t;
__extension__ typedef unsigned __int128 uint128_t;

class decimal_overflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

// half_up and half_even round to nearest; down and up are toward and away from zero; floor and
// ceiling toward minus and plus infinity.
enum class rounding { half_up, half_even, down, up, floor, ceiling };

class decimal {
 public:
  static constexpr int scale_digits = 12;
  static constexpr std::int64_t scale = 1'000'000'000'000;

  constexpr decimal() = default;
  static constexpr decimal from_raw(int128_t raw) {
    decimal d;
    d.raw_ = raw;
    return d;
  }
  static decimal from_int(std::int64_t v);
  // Parses "-12.345" (plain digits, optional sign and fraction); nullopt on anything else or
  // on more than 12 fractional digits.
  static std::optional<decimal> parse(std::string_view text);

  [[nodiscard]] constexpr int128_t raw() const { return raw_; }
  [[nodiscard]] bool is_integer() const {
    // Within 64 bits the remainder is one instruction, not a call of __modti3.
    if (fits_64(raw_)) return static_cast<std::int64_t>(raw_) % scale == 0;
    return raw_ % scale == 0;
  }
  // Whether a raw value fits 64 bits, where arithmetic needs no 128-bit division routine.
  static constexpr bool fits_64(int128_t raw) { return raw >= INT64_MIN && raw <= INT64_MAX; }
  [[nodiscard]] std::int64_t to_int() const;  // truncates; throws decimal_overflow if too big
  [[nodiscard]] decimal round(int places, rounding mode) const;

  // Inline: every amount and comparison adds; the overflow check is one flag test.
  friend decimal operator+(decimal a, decimal b) {
    int128_t r;
    if (__builtin_add_overflow(a.raw_, b.raw_, &r)) overflow();
    return from_raw(r);
  }
  friend decimal operator-(decimal a, decimal b) {
    int128_t r;
    if (__builtin_sub_overflow(a.raw_, b.raw_, &r)) overflow();
    return from_raw(r);
  }
  friend decimal operator*(decimal a, decimal b);
  friend decimal operator/(decimal a, decimal b);  // truncates at 12 places; throws on /0
  friend decimal operator-(decimal a);
  friend constexpr bool operator==(decimal a, decimal b) = default;
  friend constexpr std::strong_ordering operator<=>(decimal a, decimal b) {
    return a.raw_ <=> b.raw_;
  }

  // Canonical text: minimal fraction ("12.5", "3"), or exactly `places` places when places >= 0.
  [[nodiscard]] std::string to_string(int places = -1) const;
  // Grouped with commas, e.g. "1,800,000.00"; places as in to_string.
  [[nodiscard]] std::string to_grouped(int places = -1) const;

 private:
  [[noreturn]] static void overflow();
  int128_t raw_ = 0;
};

class division_by_zero : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

// An amount as people write it: "1,200,000", "120万", "1.2亿", "120 万元", "3.5%" (then `percent`
// is set and the value is 3.5, not divided). nullopt on anything else or on overflow.
[[nodiscard]] std::optional<decimal> parse_written_amount(std::string_view text, bool& percent);

}  // namespace elig
