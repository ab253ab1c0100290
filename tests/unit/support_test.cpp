// Exact decimals, dates, source positions and diagnostic rendering.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "elig/date.hpp"
#include "elig/decimal.hpp"
#include "elig/diagnostic.hpp"
#include "elig/source.hpp"
#include "support/diagnostic_zh.hpp"

namespace elig {
namespace {

decimal d(const char* s) { return *decimal::parse(s); }

TEST(Decimal, ParsesAndPrintsExactly) {
  EXPECT_EQ(d("0.1").to_string(), "0.1");
  EXPECT_EQ(d("-12.500").to_string(), "-12.5");
  EXPECT_EQ(d("1800000").to_grouped(2), "1,800,000.00");
  EXPECT_EQ(d("-1234567.891").to_grouped(2), "-1,234,567.89");
  EXPECT_FALSE(decimal::parse("1.2.3"));
  EXPECT_FALSE(decimal::parse(""));
  EXPECT_FALSE(decimal::parse("0.1234567890123"));  // 13 places
  EXPECT_FALSE(decimal::parse("999999999999999999999999999999"));
}

TEST(Decimal, ArithmeticIsExact) {
  EXPECT_EQ(d("0.1") + d("0.2"), d("0.3"));
  EXPECT_EQ(d("0.5") * d("0.0335") * d("6000000"), d("100500"));
  EXPECT_EQ((d("100500") * d("153") / d("366")).round(2, rounding::half_up), d("42012.30"));
  EXPECT_EQ(d("1") / d("3"), d("0.333333333333"));
}

// Products and quotients within 64 bits take a shortcut; at its edges (the raw minimum and
// maximum, a divisor of -1, signs, a fraction on either side) it gives the 128-bit answers.
TEST(Decimal, SixtyFourBitShortcutsGiveTheExactAnswers) {
  const decimal max64 = d("9223372.036854775807"), min64 = d("-9223372.036854775808");
  EXPECT_EQ(max64 * d("3"), d("27670116.110564327421"));
  EXPECT_EQ(d("3") * max64, d("27670116.110564327421"));
  EXPECT_EQ(min64 * d("-1"), d("9223372.036854775808"));
  EXPECT_EQ(min64 / d("-1"), d("9223372.036854775808"));
  EXPECT_EQ(min64 / d("1"), min64);
  EXPECT_EQ(d("-1.5") * d("4"), d("-6"));
  EXPECT_EQ(d("4") * d("-1.5"), d("-6"));
  EXPECT_EQ(d("2.75") * d("100.5"), d("276.375"));  // neither whole: the 128-bit path
  EXPECT_EQ(d("100") * d("2.3") * d("365"), d("83950"));
  EXPECT_EQ(d("-0.000000000007") / d("2"), d("-0.000000000003"));  // truncates towards zero
  EXPECT_EQ(d("-7") / d("2"), d("-3.5"));
  EXPECT_EQ(d("10000000") / d("-10"), d("-1000000"));
  EXPECT_EQ(d("99999999999999999999") * d("2"), d("199999999999999999998"));  // beyond 64 bits
}

// Within 64 bits a product is worked out in 64-bit pieces; it must be the truncated exact
// product, which for such operands fits 128 bits and is x·y / 10¹² directly.
TEST(Decimal, ProductsWithinSixtyFourBitsAreTheTruncatedExactProduct) {
  std::vector<std::int64_t> edges = {0,
                                     1,
                                     -1,
                                     999'999,
                                     1'000'000,
                                     999'999'999'999,
                                     decimal::scale,
                                     -decimal::scale,
                                     decimal::scale + 1,
                                     INT64_MAX,
                                     INT64_MIN,
                                     INT64_MAX - 1,
                                     INT64_MIN + 1};
  std::uint64_t state = 6364136223846793005ULL;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>(state ^ (state >> 29));
  };
  std::vector<std::int64_t> values = edges;
  for (int i = 0; i < 2000; ++i) {
    const std::int64_t v = next();
    values.push_back(v);
    values.push_back(v % 1'000'000'000'000'000);  // below a million
    values.push_back(v % 1'000'000'000);          // below a thousandth
  }
  int checked = 0;
  for (std::size_t i = 0; i < values.size(); ++i)
    for (std::size_t j = i % 7; j < values.size(); j += 97) {
      const std::int64_t x = values[i], y = values[j];
      const int128_t exact = int128_t{x} * y / decimal::scale;
      ASSERT_EQ(decimal::from_raw(x) * decimal::from_raw(y), decimal::from_raw(exact))
          << decimal::from_raw(x).to_string() << " * " << decimal::from_raw(y).to_string();
      ++checked;
    }
  EXPECT_GT(checked, 100'000);
  EXPECT_EQ(d("0.5") * d("0.0345"), d("0.01725"));
  EXPECT_EQ(d("-0.000001") * d("0.000001"), d("-0.000000000001"));
  EXPECT_EQ(d("-0.0000001") * d("0.000001"), d("0"));  // truncated towards zero
}

TEST(Decimal, RoundsHalfUpAwayFromZero) {
  EXPECT_EQ(d("2.345").round(2, rounding::half_up), d("2.35"));
  EXPECT_EQ(d("2.344").round(2, rounding::half_up), d("2.34"));
  EXPECT_EQ(d("-2.345").round(2, rounding::half_up), d("-2.35"));
  EXPECT_EQ(d("2.341").round(2, rounding::up), d("2.35"));
  EXPECT_EQ(d("2.349").round(2, rounding::down), d("2.34"));
}

// Every mode on both signs, at and off the precision, past 64 bits too; rounding away from
// zero at the edge of the range is an overflow.
TEST(Decimal, RoundsInEveryModeWithoutAMultiplication) {
  const auto r = [](const char* x, int places, rounding m) { return d(x).round(places, m); };
  EXPECT_EQ(r("2.5", 0, rounding::half_even), d("2"));
  EXPECT_EQ(r("3.5", 0, rounding::half_even), d("4"));
  EXPECT_EQ(r("-2.5", 0, rounding::half_even), d("-2"));
  EXPECT_EQ(r("2.7", 0, rounding::floor), d("2"));
  EXPECT_EQ(r("-2.2", 0, rounding::floor), d("-3"));
  EXPECT_EQ(r("2.2", 0, rounding::ceiling), d("3"));
  EXPECT_EQ(r("-2.7", 0, rounding::ceiling), d("-2"));
  EXPECT_EQ(r("-2.7", 0, rounding::down), d("-2"));
  EXPECT_EQ(r("-2.2", 0, rounding::up), d("-3"));
  EXPECT_EQ(r("12.30", 1, rounding::up), d("12.3"));  // at the precision already
  EXPECT_EQ(r("123456789012345678.125", 2, rounding::half_up), d("123456789012345678.13"));
  EXPECT_EQ(r("-123456789012345678.125", 2, rounding::half_even), d("-123456789012345678.12"));
  const decimal most = decimal::from_raw(static_cast<int128_t>(~uint128_t{0} >> 1));
  EXPECT_THROW((void)most.round(0, rounding::up), decimal_overflow);
  EXPECT_EQ(most.round(0, rounding::down).raw() % 1'000'000'000'000, 0);
}

TEST(Decimal, OverflowIsAnErrorNotAWrap) {
  const decimal least = decimal::from_raw(-static_cast<int128_t>(~uint128_t{0} >> 1) - 1);
  EXPECT_THROW((void)(-least), decimal_overflow);
  EXPECT_EQ(-(-d("2.5")), d("2.5"));
  decimal big = d("99999999999999999999999999");
  EXPECT_THROW((void)(big * big), decimal_overflow);
  EXPECT_THROW((void)(big + big + big + big + big + big + big + big + big + big), decimal_overflow);
  EXPECT_THROW((void)(d("1") / decimal{}), division_by_zero);
}

TEST(Date, CivilArithmetic) {
  auto a = *date::parse("2024-08-01");
  auto b = *date::parse("2024-12-31");
  EXPECT_EQ(b.days() - a.days() + 1, 153);
  EXPECT_EQ(a.to_string(), "2024-08-01");
  EXPECT_EQ(date::parse("2024-01-31")->shifted(1, 0)->to_string(), "2024-02-29");
  EXPECT_EQ(date::parse("2024-03-31")->shifted(-13, 0)->to_string(), "2023-02-28");
  EXPECT_EQ(date::parse("2024-01-01")->shifted(0, -1)->to_string(), "2023-12-31");
  // Outside the years 1 to 9999: no date, never a wrapped one.
  EXPECT_FALSE(date::parse("0001-01-01")->shifted(0, -1));
  EXPECT_FALSE(date::parse("9999-12-31")->shifted(1, 0));
  EXPECT_FALSE(date::parse("2024-01-01")->shifted(12 * 100000, 0));
  EXPECT_FALSE(date::parse("2024-01-01")->shifted(0, 4294967296LL));
  EXPECT_FALSE(date::parse("2023-02-29"));
  EXPECT_FALSE(date::parse("2024-13-01"));
  EXPECT_EQ(date::days_in_year(2024), 366);
  EXPECT_EQ(date::days_in_year(2100), 365);
}

TEST(Source, PositionsCountCodePointsAndHandleCrlfAndBom) {
  source_file f("a.elig", "\xEF\xBB\xBFline one\r\n\xE6\x94\xB6\xE5\x85\xA5 >= 1\r\n");
  EXPECT_EQ(f.text().substr(0, 4), "line");
  auto p = f.position(static_cast<std::uint32_t>(f.text().find(">=")));
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 4u);  // two CJK characters and a space before it
  EXPECT_EQ(f.line_text(1), "line one");
  EXPECT_EQ(display_width("\xE6\x94\xB6\xE5\x85\xA5"), 4u);
}

// Line and column back to a byte offset, the inverse of position(), for every character of
// lines mixing long ASCII runs (the eight-byte steps) with CJK; counted on from an earlier
// column of the line it gives the same; past the line's end it stops there.
TEST(Source, OffsetsInvertPositionsAndCountOnWithinALine) {
  source_file f("p.toml", "name = \"杭州某某科技有限公司\" # a comment, long enough\r\nx = 1\n");
  for (std::uint32_t at = 0; at < f.text().size(); ++at) {
    // Not a character's first byte, or a line's end (whose column is past the line's text).
    if ((static_cast<unsigned char>(f.text()[at]) & 0xC0) == 0x80 || f.text()[at] == '\n') continue;
    const line_col lc = f.position(at);
    EXPECT_EQ(f.offset(lc), at) << "line " << lc.line << " column " << lc.column;
    for (std::uint32_t c = 1; c <= lc.column; ++c)
      EXPECT_EQ(f.offset(lc, {lc.line, c}, f.offset({lc.line, c})), at);
  }
  EXPECT_EQ(f.offset({1, 200}), f.text().find('\r'));
  EXPECT_EQ(f.offset({2, 3}, {1, 1}, 0), f.offset({2, 3}));  // another line: counted afresh
}

TEST(Diagnostics, RenderWithCaretUnderWideCharacters) {
  source_manager sm;
  auto id = sm.add("r.elig", "when 收入 >= 1\n");
  diagnostic_list list;
  auto at = static_cast<std::uint32_t>(std::string_view("when 收入 >= 1").find(">="));
  list.add(diag_code::type_mismatch, "cannot compare money with number",
           source_span{id, at, at + 2}, "write money with a unit");
  EXPECT_EQ(render_all(list, sm),
            "r.elig:1:9: error[E2003]: cannot compare money with number\n"
            "    1 | when 收入 >= 1\n"
            "      |           ^~\n"
            "help: write money with a unit\n");
}

TEST(Diagnostics, SortedByPositionAndNearestName) {
  diagnostic_list list;
  list.add(diag_code::unknown_name, "b", source_span{0, 20, 21});
  list.add(diag_code::unknown_name, "a", source_span{0, 5, 6});
  EXPECT_EQ(list.sorted().front().message, "a");
  EXPECT_EQ(nearest_name("rd_expens", {"rd_expense", "rent_paid"}), "rd_expense");
  EXPECT_FALSE(nearest_name("zzzzzz", {"rd_expense"}));
}

TEST(Diagnostics, AnEmptyHelpIsNoHelp) {
  diagnostic_list l;
  l.add(diag_code::type_mismatch, "m", std::nullopt, std::string());
  EXPECT_FALSE(l.items()[0].help.has_value());
  EXPECT_EQ(render_all(l, source_manager{}).find("help:"), std::string::npos);
}

TEST(Diagnostics, EveryCodeHasAStableId) {
  for (auto c : all_diag_codes()) {
    auto id = diag_id(c);
    ASSERT_EQ(id.size(), 5u);
    EXPECT_TRUE(id[0] == 'E' || id[0] == 'W');
    EXPECT_FALSE(diag_summary(c).empty());
  }
}

// The Chinese catalogue of rule diagnostics: every template formats, none is listed twice,
// captured phrases are translated and user text is kept.
TEST(ChineseDiagnostics, CatalogueIsConsistent) {
  std::set<std::string_view> seen;
  for (const auto& [en, zh] : zh_catalogue()) {
    EXPECT_TRUE(seen.insert(en).second) << "listed twice: " << en;
    std::string sample(en);
    std::size_t holes = 0;
    for (auto at = sample.find("{}"); at != std::string::npos; at = sample.find("{}"), ++holes)
      sample.replace(at, 2, fmt::format("`v{}`", holes));
    auto got = translate_zh(sample);
    ASSERT_TRUE(got.has_value()) << en;
    for (std::size_t i = 0; i < holes; ++i)
      EXPECT_NE(got->find(fmt::format("`v{}`", i)), std::string::npos) << en << " -> " << *got;
    // Positional fields are all filled: none is left in the Chinese.
    EXPECT_EQ(got->find("{0}"), std::string::npos) << en;
  }
}

TEST(ChineseDiagnostics, PhrasesInsideMessagesAreTranslated) {
  EXPECT_EQ(translate_zh("an amount must be money, found text"), "金额必须是 money，实际是 text");
  EXPECT_EQ(translate_zh("expected an expression, found end of file"),
            "此处应为 表达式，实际是 文件结尾");
  EXPECT_EQ(translate_zh("unknown name `an amount`"), "未知名称 `an amount`");
  EXPECT_EQ(translate_zh("`min` takes 2 or more argument(s), given 1"),
            "`min` 的参数个数应为 2 个或以上，实际给了 1 个");
  EXPECT_FALSE(translate_zh("a message nobody wrote").has_value());
}

// Past 64 bits the product is worked out in parts no larger than the result: a product that
// fits is exact (truncated to 12 places), one that does not is an overflow, never a wrap.
TEST(Decimal, ProductsPastSixtyFourBitsFitWhenTheResultFits) {
  const auto d = [](const char* s) { return *decimal::parse(s); };
  EXPECT_EQ(d("0.5") * d("1000000000000000"), d("500000000000000"));
  EXPECT_EQ(d("-0.333333333333") * d("300000000000000"), d("-99999999999900"));
  EXPECT_EQ(d("1.000000000001") * d("100000000000000000000"), d("100000000000100000000"));
  EXPECT_EQ(d("-12345678.123456789012") * d("-0.000000000003"), d("0.000037037034"));
  EXPECT_THROW((void)(d("100000000000000") * d("100000000000000")), decimal_overflow);
}

}  // namespace
}  // namespace elig
