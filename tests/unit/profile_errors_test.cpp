// Malformed profiles against the bundled schema: each error is located and coded.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

constexpr std::string_view k_base =
    "claimed_year = 2024\ncompany_name = \"X\"\ndistrict = \"shangcheng\"\n";

struct bad_profile {
  const char* name;
  const char* text;  // appended to k_base unless `whole`
  diag_code code;
  const char* at;
  bool whole = false;
};

const bad_profile k_cases[] = {
    {"unknown_key", "revenu = \"1\"\n", diag_code::profile_unknown_key, "revenu"},
    {"bool_for_money", "main_revenue = true\n", diag_code::profile_type, "true"},
    {"float_exponent_money", "main_revenue = 1.5e6\n", diag_code::profile_type, "1.5e6"},
    {"unquoted_wan", "main_revenue = 680万\n", diag_code::profile_syntax, "万"},
    {"float_inf_money", "main_revenue = inf\n", diag_code::profile_type, "inf"},
    {"enum_misspelt", "main_business = \"blockchian\"\n", diag_code::profile_enum,
     "\"blockchian\""},
    {"missing_required", "claimed_year = 2024\ncompany_name = \"X\"\n", diag_code::profile_missing,
     "claimed_year", true},
    {"toml_syntax", "claimed_year = \n", diag_code::profile_syntax, "\n", true},
    {"year_zero", "office_subsidy_first_year = 0\n", diag_code::profile_type, "0\n"},
    {"impossible_date", "settled_date = \"2023-02-30\"\n", diag_code::profile_type,
     "\"2023-02-30\""},
    {"yes_for_bool", "rents_office = \"yes\"\n", diag_code::profile_type, "\"yes\""},
    {"number_for_list", "loans = 5\n", diag_code::profile_type, "5"},
    {"record_unknown_field",
     "[[loans]]\nprincipl = 1\nprincipal = 1\ndrawdown_date = 2024-01-01\nrepaid = false\n",
     diag_code::profile_unknown_key, "principl"},
    {"record_missing_field", "[[loans]]\nprincipal = 1\nrepaid = false\n",
     diag_code::profile_missing, "[[loans]]"},
    {"money_garbage", "rent_paid = \"12abc\"\n", diag_code::profile_type, "\"12abc\""},
    {"enum_in_list", "park_designations = [\"national\", \"city\"]\n", diag_code::profile_enum,
     "\"city\""},
    {"number_for_text", "company_name = 5\n", diag_code::profile_type, "5", true},
    {"duplicate_key", "district = \"xihu\"\n", diag_code::profile_syntax, "\"xihu\""},
    {"text_in_money_list", "revenue_milestones_awarded = [\"x\"]\n", diag_code::profile_type,
     "\"x\""},
    {"percent_for_money", "rent_paid = \"50%\"\n", diag_code::profile_type, "\"50%\""},
    {"history_without_provision", "awards = [{ year = 2023 }]\n", diag_code::profile_missing,
     "{ year"},
    // A misspelt award would otherwise let `pays once` pay again, in silence.
    {"award_unknown_provision",
     "awards = [{ provision = \"shangcheng-2023.start-up\", year = 2023 }]\n",
     diag_code::profile_enum, "\"shangcheng-2023.start-up\""},
    {"award_empty_provision", "awards = [{ provision = \"\", year = 2023 }]\n",
     diag_code::profile_enum, "\"\", year"},
    {"year_zero_date", "settled_date = 0000-01-01\n", diag_code::profile_type, "0000-01-01"},
    {"negative_money", "rent_paid = \"-420000\"\n", diag_code::profile_type, "\"-420000\""},
    {"negative_money_integer", "main_revenue = -5\n", diag_code::profile_type, "-5"},
};

class ProfileErrors : public ::testing::TestWithParam<bad_profile> {};

TEST_P(ProfileErrors, ReportsTheCodeAtTheSpot) {
  const bad_profile& c = GetParam();
  std::string text = c.whole ? std::string(c.text) : std::string(k_base) + c.text;
  if (c.whole && std::string_view(c.name) == "number_for_text")
    text = "claimed_year = 2024\ncompany_name = 5\ndistrict = \"xihu\"\n";
  auto r = test::bundled().load_profile(text, "p.toml");
  ASSERT_FALSE(r.ok());
  auto offset = text.find(c.at);
  ASSERT_NE(offset, std::string::npos);
  if (std::string_view(c.name) == "missing_required") offset = 0;
  line_col want = r.sources().file(0).position(static_cast<std::uint32_t>(offset));
  bool found = false;
  for (const auto& d : r.diagnostics().items()) {
    if (d.code != c.code || !d.span) continue;
    line_col got = r.sources().file(0).position(d.span->begin);
    if (got.line == want.line && got.column == want.column) found = true;
  }
  EXPECT_TRUE(found) << "want " << diag_id(c.code) << " at " << want.line << ":" << want.column
                     << ", got:\n"
                     << render_all(r.diagnostics(), r.sources());
}

// Every profile diagnostic also reads in Chinese (`--lang zh`), help included.
TEST_P(ProfileErrors, AreInChineseToo) {
  const bad_profile& c = GetParam();
  std::string text = c.whole ? std::string(c.text) : std::string(k_base) + c.text;
  auto r = test::bundled().load_profile(text, "p.toml");
  ASSERT_FALSE(r.ok());
  for (const auto& d : r.diagnostics().items()) {
    EXPECT_FALSE(d.message_zh.empty()) << d.message;
    if (d.help) {
      EXPECT_TRUE(d.help_zh.has_value()) << *d.help;
    }
  }
  std::string zh = render_all(r.diagnostics(), r.sources(), render_style::human, language::zh);
  EXPECT_EQ(zh.find("help:"), std::string::npos) << zh;
}

INSTANTIATE_TEST_SUITE_P(Profiles, ProfileErrors, ::testing::ValuesIn(k_cases),
                         [](const auto& info) { return std::string(info.param.name); });

// fuzz_profile_toml's first finding. A character neither ASCII nor whitespace where TOML++ asks
// "whitespace?" reached undefined behaviour in the packaged TOML++ (profile/toml.hpp has the
// fix): each is a located syntax error. Under UBSan (the asan preset halts on the first report)
// a return of the bug fails this test.
TEST(ProfileErrors, NonAsciiWhereTomlWantsWhitespaceIsALocatedError) {
  const char* cases[][2] = {
      {"\xE3\x80\x82\n", "\xE3\x80\x82"},                // 。 on a line of its own
      {"rent_paid = 1 \xE3\x80\x82\n", "\xE3\x80\x82"},  // 。 after a value
      {"  \xC3\xA9 = 2\n", "\xC3\xA9"},                  // é at a line's start
      {"\xEF\xB9\xBF# a comment\n", "\xEF\xB9\xBF"},     // U+FE7F, as the fuzzer wrote
      {"\xC2\xA7 = 1\n", "\xC2\xA7"},                    // §
  };
  for (const auto& [tail, at] : cases) {
    const std::string text = std::string(k_base) + tail;
    auto r = test::bundled().load_profile(text, "p.toml");
    ASSERT_FALSE(r.ok()) << tail;
    const auto& d = r.diagnostics().items().front();
    EXPECT_EQ(d.code, diag_code::profile_syntax) << tail;
    ASSERT_TRUE(d.span.has_value()) << tail;
    EXPECT_EQ(d.span->begin, text.find(at)) << tail << render_all(r.diagnostics(), r.sources());
  }
  // After a line-ending backslash in a multi-line string, § is the string's first character.
  auto ok = test::bundled().load_profile(
      "claimed_year = 2024\ncompany_name = \"\"\"\\\n\xC2\xA7\"\"\"\ndistrict = \"shangcheng\"\n",
      "p.toml");
  EXPECT_TRUE(ok.ok()) << render_all(ok.diagnostics(), ok.sources());
}

TEST(ProfileErrors, MisspeltAwardGetsASuggestion) {
  auto r = test::bundled().load_profile(
      std::string(k_base) + "awards = [{ provision = \"shangcheng-2023.startp\", year = 2023 }]\n",
      "p.toml");
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(r.diagnostics().items().front().help.has_value());
  EXPECT_EQ(*r.diagnostics().items().front().help, "did you mean `shangcheng-2023.startup`?");
}

TEST(ProfileErrors, MoneyMayCarryItsCurrency) {
  for (const char* amount : {"\"120万元\"", "\"1,200,000元\"", "\"1,200,000 yuan\"", "\"120万\""}) {
    auto r = test::bundled().load_profile(std::string(k_base) + "rent_paid = " + amount + "\n",
                                          "p.toml");
    EXPECT_TRUE(r.ok()) << amount << render_all(r.diagnostics(), r.sources());
  }
}

TEST(ProfileErrors, SlashedDatesGetAPlainHint) {
  auto r =
      test::bundled().load_profile(std::string(k_base) + "settled_date = 2024/03/01\n", "p.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics().items().front().code, diag_code::profile_syntax);
  EXPECT_EQ(*r.diagnostics().items().front().help,
            "dates are written 2024-03-01, with dashes and no quotes");
}

TEST(ProfileErrors, UnknownKeyGetsASuggestion) {
  auto r = test::bundled().load_profile(std::string(k_base) + "rent_payd = 1\n", "p.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics().items()[0].help, "did you mean `rent_paid`?");
  EXPECT_NE(render_all(r.diagnostics(), r.sources()).find("p.toml:4:1: error[E3002]"),
            std::string::npos);
}

TEST(ProfileErrors, AllErrorsAreReported) {
  auto r = test::bundled().load_profile(
      std::string(k_base) + "rent_payd = 1\nrents_office = 3\nmain_business = \"x\"\n", "p.toml");
  EXPECT_EQ(r.diagnostics().size(), 3u);
}

TEST(ProfileErrors, MissingOptionalFactIsUnknownNotZero) {
  auto r = test::bundled().load_profile(std::string(k_base), "p.toml");
  ASSERT_TRUE(r.ok());
  // Every optional fact the profile does not state is unknown.
  std::size_t unknown = 0;
  for (const auto& v : r.get().facts()) unknown += v.known() ? 0 : 1;
  EXPECT_EQ(unknown, r.get().facts().size() - 3);
}

}  // namespace
}  // namespace elig
