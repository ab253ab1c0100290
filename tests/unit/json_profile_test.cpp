// JSON profiles: the same schema, the same checks and the same answers as TOML; numbers read
// exactly from their text; every error located, with its JSON pointer.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_base =
    R"("claimed_year": 2024, "company_name": "X", "district": "shangcheng")";

profile_result load(const std::string& body) {
  return test::bundled().load_profile("{" + std::string(k_base) + body + "}", "p.json");
}

std::string first_error(const profile_result& r) {
  return r.diagnostics().items().empty() ? "" : r.diagnostics().items().front().message;
}

TEST(JsonProfile, SameDecisionAsTheTomlProfile) {
  auto toml =
      test::bundled().load_profile_file(fs::path(ELIG_EXAMPLES_DIR) / "hangzhou-xr-studio.toml");
  auto json = test::bundled().load_profile_file(fs::path(ELIG_EXAMPLES_DIR) / "json" /
                                                "hangzhou-xr-studio.json");
  ASSERT_TRUE(toml.ok()) << render_all(toml.diagnostics(), toml.sources());
  ASSERT_TRUE(json.ok()) << render_all(json.diagnostics(), json.sources());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  auto a = test::bundled().explain(toml.get(), o);
  auto b = test::bundled().explain(json.get(), o);
  a.profile = b.profile = "same";
  EXPECT_EQ(render_json({a}, test::bundled(), o.as_of), render_json({b}, test::bundled(), o.as_of));
  EXPECT_GT(a.total.max, decimal{});
}

TEST(JsonProfile, NumbersAreReadExactlyFromTheirText) {
  auto r = load(R"(, "rent_paid": 2.3, "main_revenue": 12500000.10)");
  ASSERT_TRUE(r.ok()) << render_all(r.diagnostics(), r.sources());
  // 2.3 as a double is 2.29999999999999982236431605997495353221893310546875.
  bool found = false;
  for (const auto& v : r.get().facts())
    if (v.known() && std::holds_alternative<decimal>(v.raw()) &&
        v.as_decimal() == test::money("2.3"))
      found = true;
  EXPECT_TRUE(found);
}

// Generated clients write large figures in exponent form: exact ones are read exactly.
TEST(JsonProfile, ExactNumbersInExponentFormAreRead) {
  auto plain = load(R"(, "rent_paid": 0.015, "main_revenue": 12000000)");
  auto exponent = load(R"(, "rent_paid": 15e-3, "main_revenue": 1.2E+7)");
  ASSERT_TRUE(plain.ok()) << render_all(plain.diagnostics(), plain.sources());
  ASSERT_TRUE(exponent.ok()) << render_all(exponent.diagnostics(), exponent.sources());
  EXPECT_EQ(canonical_profile_json(test::bundled(), plain.get()),
            canonical_profile_json(test::bundled(), exponent.get()));
  EXPECT_FALSE(load(R"(, "main_revenue": 1e400)").ok());  // too large to be an amount
}

TEST(JsonProfile, ErrorsAreLocatedAndNameTheirPointer) {
  auto r =
      load(R"(, "loans": [{"principal": true, "drawdown_date": "2024-01-01", "repaid": false}])");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(first_error(r).find("(at /loans/0/principal)"), std::string::npos) << first_error(r);
  std::string all = render_all(r.diagnostics(), r.sources());
  EXPECT_NE(all.find("p.json:1:"), std::string::npos) << all;
}

struct bad_json {
  const char* name;
  std::string body;
  diag_code code;
  const char* says;
};

class JsonErrors : public ::testing::TestWithParam<bad_json> {};

TEST_P(JsonErrors, AreReported) {
  const auto& c = GetParam();
  auto r = test::bundled().load_profile(c.body, "p.json", profile_format::json);
  ASSERT_FALSE(r.ok()) << c.name;
  EXPECT_EQ(r.diagnostics().items().front().code, c.code) << c.name;
  EXPECT_NE(first_error(r).find(c.says), std::string::npos) << first_error(r);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonErrors,
    ::testing::Values(
        bad_json{"syntax", "{\"claimed_year\": 2024 \"x\": 1}", diag_code::profile_syntax,
                 "invalid JSON"},
        bad_json{"trailing", "{\"claimed_year\": 2024} x", diag_code::profile_syntax,
                 "invalid JSON"},
        bad_json{"bad_number", "{\"claimed_year\": 2024, \"main_revenue\": 1.2.3}",
                 diag_code::profile_syntax, "is not a JSON number"},
        bad_json{"exponent_inexact", "{\"claimed_year\": 2024, \"main_revenue\": 1.5e-20}",
                 diag_code::profile_type, "has 21 decimal places"},
        bad_json{"duplicate", "{\"claimed_year\": 2024, \"claimed_year\": 2025}",
                 diag_code::profile_syntax, "given twice"},
        bad_json{"not_an_object", "[1, 2]", diag_code::profile_type, "object of facts"},
        bad_json{"null_fact", "{\"claimed_year\": null}", diag_code::profile_type, "found null"},
        bad_json{"deep", "{\"loans\": " + std::string(100000, '[') + std::string(100000, ']') + "}",
                 diag_code::profile_syntax, "invalid JSON"},
        bad_json{"invalid_utf8", "{\"company_name\": \"\xff\"}", diag_code::profile_syntax,
                 "invalid JSON"},
        bad_json{"year_as_text", "{\"claimed_year\": \"2024\"}", diag_code::profile_type,
                 "must be year"}),
    [](const auto& info) { return std::string(info.param.name); });

// Found by fuzz_profile_json: a number beyond a double's range and, later, a syntax error made
// the locating parser throw a non-syntax exception, which escaped and aborted the process.
TEST(JsonProfile, HugeNumberBeforeASyntaxErrorIsADiagnostic) {
  auto r = test::bundled().load_profile(
      "{\"claimed_year\": 2024, \"main_revenue\": 1251e400, \"above\xff\": 1", "p.json",
      profile_format::json);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics().items().front().code, diag_code::profile_syntax);
}

// Canonical JSON (decision records) loads back to the same profile and the same decision, for
// every example profile.
TEST(JsonProfile, CanonicalJsonRoundTrips) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(ELIG_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    auto loaded = test::bundled().load_profile_file(entry.path());
    ASSERT_TRUE(loaded.ok()) << entry.path();
    std::string canonical = canonical_profile_json(test::bundled(), loaded.get());
    auto back = test::bundled().load_profile(canonical, "canonical.json", profile_format::json);
    ASSERT_TRUE(back.ok()) << canonical << render_all(back.diagnostics(), back.sources());
    EXPECT_EQ(canonical_profile_json(test::bundled(), back.get()), canonical);
    decide_options o{test::day("2024-12-31"), false};
    std::string a, b;
    decision_json_writer w(test::bundled());
    w.append(test::bundled().decide(loaded.get(), o), loaded.get(), "", a);
    w.append(test::bundled().decide(back.get(), o), back.get(), "", b);
    EXPECT_EQ(a, b) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 12);
}

// An enumeration member may be named by its label, in either language, in JSON and TOML alike.
TEST(JsonProfile, EnumMembersByTheirLabels) {
  auto by_id = test::bundled().load_profile(
      R"({"claimed_year": 2024, "company_name": "X", "district": "xihu", "main_business": "ai"})",
      "a.json");
  auto by_zh = test::bundled().load_profile(
      R"({"claimed_year": 2024, "company_name": "X", "district": "西湖区", "main_business": "人工智能"})",
      "b.json");
  auto by_en = test::bundled().load_profile(
      "claimed_year = 2024\ncompany_name = \"X\"\ndistrict = \"Xihu\"\n"
      "main_business = \"Artificial intelligence\"\n",
      "c.toml");
  ASSERT_TRUE(by_id.ok() && by_zh.ok() && by_en.ok())
      << render_all(by_zh.diagnostics(), by_zh.sources())
      << render_all(by_en.diagnostics(), by_en.sources());
  for (const auto* r : {&by_zh, &by_en})
    EXPECT_EQ(canonical_profile_json(test::bundled(), r->get()),
              canonical_profile_json(test::bundled(), by_id.get()));
  auto wrong = test::bundled().load_profile(
      R"({"claimed_year": 2024, "company_name": "X", "district": "西湖"})", "d.json");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.diagnostics().items().front().code, diag_code::profile_enum);
}

TEST(JsonProfile, FormatIsRecognisedByContentOrExtension) {
  auto sniffed = test::bundled().load_profile("  \n{" + std::string(k_base) + "}", "no-extension");
  EXPECT_TRUE(sniffed.ok()) << render_all(sniffed.diagnostics(), sniffed.sources());
  auto toml = test::bundled().load_profile(
      "claimed_year = 2024\ncompany_name = \"X\"\ndistrict = \"xihu\"\n", "no-extension");
  EXPECT_TRUE(toml.ok());
}

}  // namespace
}  // namespace elig
