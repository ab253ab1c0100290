// What an applicant reads in `elig check`: the company's own documents first, the others in one
// line each, each document's readings once, what open questions are worth, and 100 columns.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "explain/wrap.hpp"
#include "support/test_rules.hpp"
#include "support/utf8.hpp"

namespace elig {
namespace {

namespace fs = std::filesystem;

std::string check_text(const std::string& file, language lang) {
  auto loaded = test::bundled().load_profile_file(fs::path(ELIG_EXAMPLES_DIR) / file);
  EXPECT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  o.lang = lang;
  return render_text(test::bundled().explain(loaded.get(), o), {lang, false, false});
}

TEST(RenderText, EveryLineFitsOneHundredColumns) {
  for (const auto& entry : fs::directory_iterator(ELIG_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    for (const language lang : {language::zh, language::en}) {
      std::istringstream in(check_text(entry.path().filename().string(), lang));
      std::string line;
      while (std::getline(in, line))
        EXPECT_LE(utf8::width(line), 100u)
            << entry.path() << " " << language_code(lang) << ": " << line;
    }
  }
}

TEST(RenderText, OwnDistrictFirstAndTheOthersInOneLineEach) {
  std::string t = check_text("xihu-digital-twin.toml", language::en);
  auto own = t.find("== ");
  ASSERT_NE(own, std::string::npos);
  EXPECT_NE(t.find("(xihu-2022)", own), std::string::npos);
  EXPECT_LT(t.find("(xihu-2022)"), t.find("Not for this company"));
  auto rest = t.substr(t.find("Not for this company"));
  EXPECT_NE(rest.find("(qiantang-2024, 3 provisions): ✘"), std::string::npos) << rest;
  EXPECT_NE(rest.find("(shangcheng-2023, 9 provisions): ✘"), std::string::npos) << rest;
  EXPECT_EQ(t.find("shangcheng-2023.office"), std::string::npos);  // not listed one by one
}

TEST(RenderText, DocumentReadingsOnceAndWhatOpenQuestionsAreWorth) {
  std::string t = check_text("shangcheng-incomplete.toml", language::en);
  const std::string reading = "\"Newly settled\" has no stated window";
  auto first = t.find(reading);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(t.find(reading, first + 1), std::string::npos) << t;
  EXPECT_NE(t.find("Start-up support  undetermined · could pay CNY 100,000.00 to 200,000.00"),
            std::string::npos);
  EXPECT_NE(t.find("7 undetermined provision(s) could add up to CNY"), std::string::npos);
  // The questions, one a line in the schema's words: the fact that settles the most open
  // provisions first; among equals the schema's order, which puts a guard before what it guards.
  EXPECT_NE(t.find("the most useful first:\n"
                   "    1. Operates lawfully, no serious violations (operates_lawfully)\n"
                   "    2. Main-business revenue in the claimed year (main_revenue)\n"),
            std::string::npos)
      << t;
  std::string questions = t.substr(t.find("the most useful first"));
  EXPECT_LT(questions.find("(above_size_registered)"), questions.find("(above_size_first_year)"));
}

TEST(RenderText, QuestionsAboutAnItemNameTheItem) {
  std::string t = check_text("shangcheng-incomplete.toml", language::zh);
  EXPECT_NE(
      t.find("依次补充以下事实即可确定：\n    1. 依法经营，无重大违法记录（operates_lawfully）"),
      std::string::npos)
      << t;
  auto loaded = test::bundled().load_profile(
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"shangcheng\"\n"
      "metaverse_enterprise = true\noperates_lawfully = true\nsettled_date = 2023-01-10\n"
      "main_business = \"ai\"\nawards = []\nin_risk_pool = true\n"
      "[[loans]]\nprincipal = 1000000\ndrawdown_date = 2024-03-01\nrepaid = true\n",
      "loan.toml");
  ASSERT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  report d = test::bundled().explain(loaded.get(), o);
  EXPECT_NE(render_text(d, {language::zh}).find("贷款第 1 项的还清日期（loans[1].repaid_date）"),
            std::string::npos);
  EXPECT_NE(render_text(d, {language::en})
                .find("Bank loans, item 1: Repayment date (loans[1].repaid_date)"),
            std::string::npos);
}

TEST(RenderText, WrapKeepsShortLinesAndIndentsContinuations) {
  EXPECT_EQ(explain::wrap_lines("short\n  also short", 20), "short\n  also short");
  EXPECT_EQ(explain::wrap_lines("  - one two three four five", 24),
            "  - one two three four\n    five");
  EXPECT_EQ(explain::wrap_lines("plain words that go on and on", 24),
            "plain words that go on\n    and on");
  // Chinese breaks between characters, never before closing punctuation.
  EXPECT_EQ(explain::wrap_lines("注册所在区的西湖区不等于钱塘区呀", 24),
            "注册所在区的西湖区不等于\n    钱塘区呀");
  EXPECT_EQ(explain::wrap_lines("注册所在区的西湖区不等钱，塘区", 24),
            "注册所在区的西湖区不等\n    钱，塘区");
  // Nor after opening punctuation: it goes to the next line with what it opens.
  EXPECT_EQ(explain::wrap_lines("依法经营无重大违法记录（operates_lawfully）", 30),
            "依法经营无重大违法记录\n    （operates_lawfully）");
}

// A library caller's report about one provision reads as that provision alone, with every
// condition, and no command-line hint: the embedding service has no `elig explain` to run.
TEST(RenderText, OnlyReportShowsThatProvisionAloneWithoutCommandHints) {
  auto loaded =
      test::bundled().load_profile_file(fs::path(ELIG_EXAMPLES_DIR) / "hangzhou-xr-studio.toml");
  ASSERT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  o.lang = language::en;
  o.only = "shangcheng-2023.rd";
  std::string t =
      render_text(test::bundled().explain(loaded.get(), o), {language::en, false, false});
  EXPECT_NE(t.find("shangcheng-2023.rd "), std::string::npos) << t;
  EXPECT_EQ(t.find("shangcheng-2023.office"), std::string::npos) << t;
  EXPECT_EQ(t.find("xihu-2022"), std::string::npos) << t;
  EXPECT_EQ(t.find("Total"), std::string::npos) << t;
  EXPECT_NE(t.find("✔"), std::string::npos) << t;  // the conditions, each with its values
  for (const language lang : {language::zh, language::en}) {
    std::string all = check_text("hangzhou-xr-studio.toml", lang);
    EXPECT_EQ(all.find("elig explain"), std::string::npos) << all;
  }
}

// A total of ceilings alone reads "up to", never a range from zero; a fixed total one amount.
TEST(RenderText, TotalsOfCeilingsReadUpTo) {
  const std::string profile =
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"xihu\"\n"
      "metaverse_enterprise = true\nawards = []\n"
      "[[rd_projects]]\nname = \"引擎\"\ncore_tech = \"ai\"\nexpense = 1000000\n";
  auto loaded = test::bundled().load_profile(profile, "p.toml");
  ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  for (const language lang : {language::zh, language::en}) {
    o.lang = lang;
    std::string t = render_text(test::bundled().explain(loaded.get(), o), {lang, false, false});
    EXPECT_NE(t.find(lang == language::en ? "Total (counted provisions): up to CNY 300,000.00"
                                          : "合计（计入的条款）：最多 300,000.00 元"),
              std::string::npos)
        << t;
  }
}

}  // namespace
}  // namespace elig
