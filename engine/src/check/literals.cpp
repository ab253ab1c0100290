// Number, date and text literals: parsed here rather than in the grammar, so that a malformed
// literal gets a precise message instead of a generic syntax error.
#include <fmt/format.h>

#include "check/checker.hpp"

namespace elig::check {
namespace {

bool ends_with_word(std::string_view s, std::string_view w) {
  return s.size() >= w.size() && s.substr(s.size() - w.size()) == w;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<value> checker::parse_number(const syntax::ast::number_lit& n, type& t) {
  std::string_view s = n.text;
  t = type{base::number};
  enum class unit { none, percent, wan, yi, yuan, years, months, days } u = unit::none;
  auto strip = [&](std::string_view w, unit which) {
    if (u == unit::none && ends_with_word(s, w)) {
      s = trim(s.substr(0, s.size() - w.size()));
      u = which;
    }
  };
  strip("yuan", unit::yuan);
  strip("元", unit::yuan);
  if (u == unit::yuan) {
    // "200万元": the 万/亿 multiplier may precede the currency.
    if (ends_with_word(s, "万")) {
      s = trim(s.substr(0, s.size() - 3));
      u = unit::wan;
    } else if (ends_with_word(s, "亿")) {
      s = trim(s.substr(0, s.size() - 3));
      u = unit::yi;
    }
  }
  strip("%", unit::percent);
  strip("万", unit::wan);
  strip("亿", unit::yi);
  strip("years", unit::years);
  strip("year", unit::years);
  strip("months", unit::months);
  strip("month", unit::months);
  strip("days", unit::days);
  strip("day", unit::days);
  std::string digits;
  for (char c : s)
    if (c != ',' && c != '_') digits.push_back(c);
  auto d = decimal::parse(digits);
  if (!d) {
    error(diag_code::bad_number, fmt::format("`{}` is not a number elig can represent", n.text),
          span(n), "numbers have at most 12 decimal places and 26 whole digits");
    return std::nullopt;
  }
  try {
    switch (u) {
      case unit::none:
        return value(*d);
      case unit::percent:
        t = type{base::percent};
        return value(*d / decimal::from_int(100));
      case unit::wan:
        t = type{base::money};
        return value(*d * decimal::from_int(10'000));
      case unit::yi:
        t = type{base::money};
        return value(*d * decimal::from_int(100'000'000));
      case unit::yuan:
        t = type{base::money};
        return value(*d);
      case unit::years:
      case unit::months:
      case unit::days: {
        if (!d->is_integer()) {
          error(diag_code::bad_number, fmt::format("a duration must be whole: `{}`", n.text),
                span(n));
          return std::nullopt;
        }
        // No date is more than 10,000 years from another: a longer duration is a mistake,
        // and rejecting it here keeps every duration far from int32 wrap-around.
        const std::int64_t k = d->to_int();
        const std::int64_t limit = u == unit::years    ? 10'000
                                   : u == unit::months ? 120'000
                                                       : 3'660'000;
        if (k > limit) {
          error(diag_code::bad_number,
                fmt::format("`{}` is longer than any two dates are apart (at most {} {})", n.text,
                            limit,
                            u == unit::years    ? "years"
                            : u == unit::months ? "months"
                                                : "days"),
                span(n));
          return std::nullopt;
        }
        t = type{base::duration};
        auto k32 = static_cast<std::int32_t>(k);
        if (u == unit::years) return value(duration{k32 * 12, 0});
        if (u == unit::months) return value(duration{k32, 0});
        return value(duration{0, k32});
      }
    }
  } catch (const decimal_overflow&) {
    error(diag_code::bad_number, fmt::format("`{}` is too large", n.text), span(n));
  }
  return std::nullopt;
}

std::optional<date> checker::parse_date(const syntax::ast::date_lit& d) {
  auto v = date::parse(d.text);
  if (!v)
    error(diag_code::bad_date, fmt::format("`{}` is not a real date", d.text), span(d),
          "dates are written YYYY-MM-DD");
  return v;
}

bitext checker::to_bitext(const syntax::ast::bitext& b) const {
  return bitext{b.zh.text, b.en ? b.en->text : std::string()};
}

bitext checker::to_bitext(const boost::optional<syntax::ast::bitext>& b) const {
  return b ? to_bitext(*b) : bitext{};
}

}  // namespace elig::check
