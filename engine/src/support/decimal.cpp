#include "elig/decimal.hpp"

#include <algorithm>
#include <limits>

namespace elig {
namespace {

constexpr int128_t k_scale = decimal::scale;

int128_t checked_add(int128_t a, int128_t b) {
  int128_t r;
  if (__builtin_add_overflow(a, b, &r)) throw decimal_overflow("decimal overflow in addition");
  return r;
}

int128_t checked_mul(int128_t a, int128_t b) {
  int128_t r;
  if (__builtin_mul_overflow(a, b, &r))
    throw decimal_overflow("decimal overflow in multiplication");
  return r;
}

// |x|·|y| / 10¹², truncated, for |x|, |y| <= 2⁶³, in 64-bit pieces: no 128-bit division. With
// x = xw·10¹² + xf and y likewise, x·y/10¹² = xw·y + xf·yw + xf·yf/10¹², and xf·yf/10¹² is split
// once more at 10⁶ so that every partial product fits 64 bits (the middle sum stays
// below 2.1·10¹⁸).
uint128_t scaled_product(std::uint64_t x, std::uint64_t y) {
  constexpr std::uint64_t s = decimal::scale, m = 1'000'000;
  const std::uint64_t xw = x / s, xf = x % s, yw = y / s, yf = y % s;
  const std::uint64_t x1 = xf / m, x0 = xf % m, y1 = yf / m, y0 = yf % m;
  const std::uint64_t mid = (x1 * y0 + x0 * y1) * m + x0 * y0;
  return uint128_t{xw} * y + uint128_t{xf} * yw + x1 * y1 + mid / s;
}

}  // namespace

decimal decimal::from_int(std::int64_t v) { return from_raw(checked_mul(v, k_scale)); }

std::optional<decimal> decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool neg = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    neg = text[0] == '-';
    i = 1;
  }
  int128_t whole = 0;
  bool any = false;
  try {
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      whole = checked_add(checked_mul(whole, 10), text[i] - '0');
      any = true;
    }
    int128_t frac = 0;
    int digits = 0;
    if (i < text.size() && text[i] == '.') {
      ++i;
      for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        if (++digits > scale_digits) return std::nullopt;
        frac = frac * 10 + (text[i] - '0');
        any = true;
      }
    }
    if (!any || i != text.size()) return std::nullopt;
    for (int d = digits; d < scale_digits; ++d) frac *= 10;
    int128_t raw = checked_add(checked_mul(whole, k_scale), frac);
    return from_raw(neg ? -raw : raw);
  } catch (const decimal_overflow&) {
    return std::nullopt;
  }
}

std::int64_t decimal::to_int() const {
  if (decimal::fits_64(raw_)) return static_cast<std::int64_t>(raw_) / decimal::scale;
  int128_t v = raw_ / k_scale;
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw decimal_overflow("decimal too large for an integer");
  return static_cast<std::int64_t>(v);
}

decimal decimal::round(int places, rounding mode) const {
  places = std::clamp(places, 0, scale_digits);
  static constexpr std::int64_t k_units[] = {1'000'000'000'000,
                                             100'000'000'000,
                                             10'000'000'000,
                                             1'000'000'000,
                                             100'000'000,
                                             10'000'000,
                                             1'000'000,
                                             100'000,
                                             10'000,
                                             1'000,
                                             100,
                                             10,
                                             1};
  const std::int64_t unit = k_units[places];
  int128_t q, rem;
  // Amounts below 9.2 million yuan fit 64 bits, where division is one instruction.
  if (raw_ >= std::numeric_limits<std::int64_t>::min() &&
      raw_ <= std::numeric_limits<std::int64_t>::max()) {
    auto r = static_cast<std::int64_t>(raw_);
    q = r / unit;
    rem = r % unit;
  } else {
    q = raw_ / unit;
    rem = raw_ % unit;
  }
  if (rem == 0) return *this;  // at that precision already, as most amounts are
  const int128_t mag = rem < 0 ? -rem : rem;
  bool away = false;
  switch (mode) {
    case rounding::half_up:
      away = mag * 2 >= unit;
      break;
    case rounding::up:
      away = true;
      break;
    case rounding::down:
      away = false;
      break;
    case rounding::half_even:
      away = mag * 2 > unit || (mag * 2 == unit && (q % 2) != 0);
      break;
    case rounding::floor:
      away = raw_ < 0;
      break;
    case rounding::ceiling:
      away = raw_ > 0;
      break;
  }
  // q·unit is raw_ − rem exactly (the remainder has raw_'s sign): no multiplication.
  const int128_t toward_zero = raw_ - rem;
  if (!away) return from_raw(toward_zero);
  return from_raw(checked_add(toward_zero, raw_ < 0 ? -int128_t{unit} : int128_t{unit}));
}

void decimal::overflow() { throw decimal_overflow("decimal overflow"); }
decimal operator-(decimal a) {
  if (a.raw_ == std::numeric_limits<int128_t>::min()) decimal::overflow();
  return decimal::from_raw(-a.raw_);
}

decimal operator*(decimal a, decimal b) {
  // Both within 64 bits (below 9.2 million), as most amounts and rates are: the truncated product
  // without a call of libgcc's 128-bit division, and without overflow (it stays below 2¹²⁷).
  if (decimal::fits_64(a.raw_) && decimal::fits_64(b.raw_)) {
    const auto x = static_cast<std::int64_t>(a.raw_), y = static_cast<std::int64_t>(b.raw_);
    // One side a whole number (`area * 365`, `2万 * patents`), the commonest: one multiplication.
    if (x % decimal::scale == 0) return decimal::from_raw(int128_t{x / decimal::scale} * y);
    if (y % decimal::scale == 0) return decimal::from_raw(int128_t{y / decimal::scale} * x);
    const auto magnitude = [](std::int64_t v) {
      return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(v)
                   : static_cast<std::uint64_t>(v);
    };
    const auto p = static_cast<int128_t>(scaled_product(magnitude(x), magnitude(y)));
    return decimal::from_raw((x < 0) != (y < 0) ? -p : p);
  }
  // |a|·|b| / scale, truncated, without an intermediate past the result: with a = aw + af/S and
  // b = bw + bf/S it is aw·|b| + af·bw + af·bf/S, each part at most the result (50% of 10¹⁵
  // fits although 0.5·10¹² · 10¹⁵·10¹² does not).
  if (a.raw_ == std::numeric_limits<int128_t>::min() ||
      b.raw_ == std::numeric_limits<int128_t>::min())
    throw decimal_overflow("decimal overflow");
  const int128_t ma = a.raw_ < 0 ? -a.raw_ : a.raw_;
  const int128_t mb = b.raw_ < 0 ? -b.raw_ : b.raw_;
  const int128_t aw = ma / k_scale, af = ma % k_scale, bw = mb / k_scale, bf = mb % k_scale;
  const int128_t p =
      checked_add(checked_add(checked_mul(aw, mb), checked_mul(af, bw)), af * bf / k_scale);
  return decimal::from_raw((a.raw_ < 0) != (b.raw_ < 0) ? -p : p);
}

decimal operator/(decimal a, decimal b) {
  if (b.raw_ == 0) throw division_by_zero("division by zero");
  // By a whole number (`/ 10`, `/ days_in_year`): one division gives the same truncated digits
  // as the long division below, since a·10¹² / (n·10¹²) = a / n. Within 64 bits that division
  // is one instruction, not a call (n = -1 would overflow it at the minimum).
  if (decimal::fits_64(a.raw_) && decimal::fits_64(b.raw_)) {
    const auto x = static_cast<std::int64_t>(a.raw_), y = static_cast<std::int64_t>(b.raw_);
    if (y % decimal::scale == 0 && y != -decimal::scale)
      return decimal::from_raw(x / (y / decimal::scale));
  }
  if (b.raw_ % k_scale == 0) return decimal::from_raw(a.raw_ / (b.raw_ / k_scale));
  // Long division by scale steps keeps 12 fractional digits without overflowing early.
  int128_t q = a.raw_ / b.raw_;
  int128_t r = a.raw_ % b.raw_;
  int128_t result = checked_mul(q, k_scale);
  int128_t frac = 0;
  for (int i = 0; i < decimal::scale_digits; ++i) {
    r = checked_mul(r, 10);
    frac = frac * 10 + r / b.raw_;
    r %= b.raw_;
  }
  return decimal::from_raw(checked_add(result, frac));
}

std::string decimal::to_string(int places) const {
  decimal v = places >= 0 ? round(places, rounding::half_up) : *this;
  int128_t raw = v.raw_;
  bool neg = raw < 0;
  // Work with the magnitude in unsigned form so the minimum value does not overflow.
  uint128_t mag = neg ? static_cast<uint128_t>(-(raw + 1)) + 1 : static_cast<uint128_t>(raw);
  uint128_t whole = mag / static_cast<uint128_t>(k_scale);
  uint128_t frac = mag % static_cast<uint128_t>(k_scale);
  std::string w;
  do {
    w.push_back(static_cast<char>('0' + static_cast<int>(whole % 10)));
    whole /= 10;
  } while (whole != 0);
  std::reverse(w.begin(), w.end());
  std::string f(scale_digits, '0');
  for (int i = scale_digits - 1; i >= 0; --i) {
    f[static_cast<std::size_t>(i)] = static_cast<char>('0' + static_cast<int>(frac % 10));
    frac /= 10;
  }
  if (places >= 0) {
    f.resize(static_cast<std::size_t>(std::min(places, scale_digits)));
  } else {
    while (!f.empty() && f.back() == '0') f.pop_back();
  }
  std::string out = neg && (w != "0" || f.find_first_not_of('0') != std::string::npos) ? "-" : "";
  out += w;
  if (!f.empty()) out += "." + f;
  return out;
}

std::string decimal::to_grouped(int places) const {
  std::string s = to_string(places);
  std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t dot = s.find('.');
  std::size_t end = dot == std::string::npos ? s.size() : dot;
  std::string out = s.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out += s.substr(end);
  return out;
}

std::optional<decimal> parse_written_amount(std::string_view s, bool& percent) {
  std::string digits;
  decimal scale = decimal::from_int(1);
  percent = false;
  std::string_view body = s;
  while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
  // "120万元", "1,200,000元", "1,200,000 yuan": the currency adds nothing to the amount.
  for (std::string_view unit : {"元", "yuan"})
    if (body.ends_with(unit)) {
      body.remove_suffix(unit.size());
      while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
      break;
    }
  if (body.ends_with("%")) {
    percent = true;
    body.remove_suffix(1);
  } else if (body.ends_with("万")) {
    scale = decimal::from_int(10'000);
    body.remove_suffix(3);
  } else if (body.ends_with("亿")) {
    scale = decimal::from_int(100'000'000);
    body.remove_suffix(3);
  }
  for (char c : body)
    if (c != ',' && c != '_' && c != ' ') digits.push_back(c);
  auto d = decimal::parse(digits);
  if (!d) return std::nullopt;
  try {
    return *d * scale;
  } catch (const decimal_overflow&) {
    return std::nullopt;
  }
}

}  // namespace elig
