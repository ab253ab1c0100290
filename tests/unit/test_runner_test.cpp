// `elig test`: passing and failing cases, malformed test files, coverage on a known rule set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <elig/testing.hpp>
#include <filesystem>
#include <fstream>

#include "support/test_rules.hpp"

namespace elig {
namespace {
namespace fs = std::filesystem;

constexpr std::string_view k_rules = R"(
schema {
  fact year : year required period
  fact revenue : money
  fact certified : bool
}
document d {
  title "测试" / "Test"
  provision big {
    title "大" / "Big"
    article "第一条" / "Article 1"
    when revenue >= 100万
    when certified
    pays up to 30% * revenue
  }
  provision never {
    title "无" / "Never reached"
    article "第一条" / "Article 1"
    pays 1万
  }
}
)";

const ruleset& rules() {
  static const compile_result r = compile_sources({{"t.elig", std::string(k_rules)}});
  return *r.rules();
}

// CTest runs each test in its own process, two at a time: every test writes its own files.
fs::path write(const std::string& name, const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::temp_directory_path() / (std::string("elig_test_runner_") + info->name() +
                                              "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

constexpr std::string_view k_cases = R"(
[[case]]
name = "passes"
as_of = 2024-12-31
[case.profile]
year = 2024
revenue = 2000000
certified = true
[[case.expect]]
provision = "d.big"
status = "eligible"
kind = "up_to"
amount = "600000.00"

[[case]]
name = "fails on amount"
as_of = 2024-12-31
[case.profile]
year = 2024
revenue = 1000000
certified = false
[[case.expect]]
provision = "d.big"
status = "eligible"

[[case]]
name = "undetermined"
as_of = 2024-12-31
[case.profile]
year = 2024
revenue = 1000000
[[case.expect]]
provision = "d.big"
status = "undetermined"
missing = ["certified"]
)";

TEST(TestRunner, CountsPassesAndFailuresAndExplainsFailures) {
  auto report = run_tests(rules(), {write("cases.toml", std::string(k_cases))});
  EXPECT_TRUE(report.diags.empty()) << render_all(report.diags, *report.sources);
  EXPECT_EQ(report.passed(), 2u);
  EXPECT_EQ(report.failed(), 1u);
  std::string text = render_test_text(report, {language::en, false, true});
  EXPECT_NE(text.find("d.big: status: expected eligible, got ineligible"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Big  ineligible"), std::string::npos) << text;  // the explanation
  EXPECT_NE(text.find("\n2 passed, 1 failed\n"), std::string::npos) << text;
}

TEST(TestRunner, CoverageOnAKnownRuleSet) {
  auto report = run_tests(rules(), {write("cases.toml", std::string(k_cases))});
  ASSERT_EQ(report.coverage.size(), 2u);
  const auto& big = report.coverage[0];
  EXPECT_EQ(big.cases, 3u);
  ASSERT_EQ(big.conditions.size(), 2u);
  EXPECT_TRUE(big.conditions[0].seen_true);  // revenue >= 100万: true in every case
  EXPECT_FALSE(big.conditions[0].seen_false);
  EXPECT_TRUE(big.conditions[1].seen_true);  // certified: true, false and unknown
  EXPECT_TRUE(big.conditions[1].seen_false);
  EXPECT_TRUE(big.conditions[1].seen_unknown);
  EXPECT_EQ(report.coverage[1].cases, 0u);  // d.never: no case reaches it
  std::string text = render_coverage_text(report, source_manager{}, language::en);
  EXPECT_NE(text.find("d.never: no case reaches it"), std::string::npos) << text;
  EXPECT_NE(text.find("1 of 2 provisions reached; 1 of 2 conditions made both true and false"),
            std::string::npos)
      << text;
}

TEST(TestRunner, MalformedTestFilesAreDiagnosed) {
  auto report = run_tests(
      rules(),
      {write("bad.toml", "[[case]]\nname = \"x\"\n[[case.expect]]\nprovision = \"d.bgi\"\n"),
       write("broken.toml", "[[case]\nname = 1\n")});
  EXPECT_TRUE(report.diags.has_errors());
  std::string text = render_all(report.diags, *report.sources);
  EXPECT_NE(text.find("has no `profile`"), std::string::npos) << text;
  EXPECT_NE(text.find("E3001"), std::string::npos) << text;
}

TEST(TestRunner, UnknownProvisionGetsASuggestion) {
  auto report =
      run_tests(rules(), {write("typo.toml",
                                "[[case]]\nas_of = 2024-12-31\n[case.profile]\nyear = 2024\n"
                                "[[case.expect]]\nprovision = \"d.bgi\"\n")});
  std::string text = render_all(report.diags, *report.sources);
  EXPECT_NE(text.find("did you mean `d.big`?"), std::string::npos) << text;
}

TEST(TestRunner, MisspeltKeysAndValuesAreErrorsNotSilentPasses) {
  auto report = run_tests(
      rules(), {write("keys.toml",
                      "[[case]]\nas_of = 2024-12-31\n[case.profile]\nyear = 2024\n"
                      "[[case.expect]]\nprovision = \"d.big\"\nstatsu = \"eligible\"\n"
                      "[[case.expect]]\nprovision = \"d.big\"\nstatus = \"elligible\"\n")});
  std::string text = render_all(report.diags, *report.sources);
  EXPECT_NE(text.find("unknown key `statsu`"), std::string::npos) << text;
  EXPECT_NE(text.find("did you mean `status`?"), std::string::npos) << text;
  EXPECT_NE(text.find("did you mean `eligible`?"), std::string::npos) << text;
}

// A malformed expectation fails its case: the summary never says "passed" beside an error.
TEST(TestRunner, MalformedExpectationsFailTheirCase) {
  const std::string head = "[[case]]\nas_of = 2024-12-31\n[case.profile]\nyear = 2024\n";
  for (const std::string& expect :
       {std::string("[[case.expect]]\nprovision = \"d.bgi\"\nstatus = \"ineligible\"\n"),
        std::string("[[case.expect]]\nprovision = \"d.big\"\nstatus = \"elligible\"\n"),
        std::string("[[case.expect]]\nprovision = \"d.big\"\nkind = \"upto\"\n"),
        std::string("[[case.expect]]\nprovision = \"d.big\"\namount = \"abc\"\n"),
        std::string("[[case.expect]]\nprovision = \"d.big\"\nmissing = \"revenue\"\n")}) {
    auto report = run_tests(rules(), {write("malformed.toml", head + expect)});
    EXPECT_TRUE(report.diags.has_errors()) << expect;
    EXPECT_EQ(report.passed(), 0u) << expect;
    EXPECT_EQ(report.failed(), 1u) << expect;
    std::string json = render_test_json(report, source_manager{}, false);
    EXPECT_EQ(json.find("\"passed\": true"), std::string::npos) << json;
  }
  auto named =
      run_tests(rules(), {write("named.toml", "[[case]]\nname = 5\n" + head.substr(9) +
                                                  "[[case.expect]]\nprovision = "
                                                  "\"d.big\"\nstatus = \"ineligible\"\n")});
  EXPECT_EQ(named.failed(), 1u);
}

TEST(TestRunner, NoTestFilesIsAnError) {
  auto dir = write("placeholder.txt", "").parent_path() / "empty";
  fs::create_directories(dir);
  auto report = run_tests(rules(), {dir});
  EXPECT_TRUE(report.diags.has_errors());
  EXPECT_NE(render_all(report.diags, *report.sources).find("no `.toml` files in"),
            std::string::npos);
}

// A test file that is a link in a loop is an error that names it, not a crash.
TEST(TestRunner, ALinkLoopIsAnErrorNotACrash) {
  const auto dir = write("placeholder.txt", "").parent_path() / "loop";
  fs::create_directories(dir);
  std::error_code ec;
  fs::remove(dir / "a.toml", ec);
  fs::remove(dir / "b.toml", ec);
  fs::create_symlink("b.toml", dir / "a.toml");
  fs::create_symlink("a.toml", dir / "b.toml");
  for (const auto& path : {dir, dir / "a.toml"}) {
    auto report = run_tests(rules(), {path});
    EXPECT_TRUE(report.diags.has_errors()) << path;
    EXPECT_NE(render_all(report.diags, *report.sources).find("a.toml"), std::string::npos) << path;
    const std::string summary = render_test_text(report, {language::en, false, false});
    EXPECT_NE(summary.find("0 passed, 0 failed, "), std::string::npos) << summary;
    EXPECT_NE(summary.find(" error(s) in the test files"), std::string::npos) << summary;
  }
}

TEST(TestRunner, JsonReport) {
  auto report = run_tests(rules(), {write("cases.toml", std::string(k_cases))});
  std::string json = render_test_json(report, source_manager{}, true);
  EXPECT_NE(json.find("\"passed\": 2"), std::string::npos);
  EXPECT_NE(json.find("\"reached\": false"), std::string::npos);
}

}  // namespace
}  // namespace elig
