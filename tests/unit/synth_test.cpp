// The fast lanes synthesised as C++ (fast/synth.hpp). This test links the passes elig-synth
// wrote for the reference and bundled rules at build time: the rules find them when they load,
// and rules that differ by one number do not. That the synthesised answers are the
// interpreter's is every decision test's business (testgen::every_mode decides with them on and
// off); this holds the key and the text to what they promise.
#include <gtest/gtest.h>

#include "elig/synthesise.hpp"
#include "support/modes.hpp"
#include "support/test_rules.hpp"

namespace elig {
namespace {

std::string reference_text() {
  return test::slurp(std::filesystem::path(ELIG_REFERENCE_RULES_DIR) / "reference.elig");
}
std::string schema_text() {
  return test::slurp(std::filesystem::path(ELIG_REFERENCE_RULES_DIR) / "schema.elig");
}

TEST(Synthesis, TheRulesItWasWrittenForFindIt) {
  const auto reference = compile_paths({ELIG_REFERENCE_RULES_DIR});
  const auto bundled = compile_paths({ELIG_RULES_DIR});
  ASSERT_TRUE(reference.ok() && bundled.ok());
  EXPECT_TRUE(has_synthesised_lanes(*reference.rules()));
  EXPECT_TRUE(has_synthesised_lanes(*bundled.rules()));
  // The same rules from memory, under other file names and with a comment added: the same
  // plan, so the same pass.
  const auto renamed =
      compile_sources({{"a.elig", schema_text()}, {"b.elig", "# a comment\n" + reference_text()}});
  ASSERT_TRUE(renamed.ok());
  EXPECT_TRUE(has_synthesised_lanes(*renamed.rules()));
}

TEST(Synthesis, RulesThatDifferByOneNumberAreInterpreted) {
  std::string text = reference_text();
  const std::string bound = "when employees >= 10";
  const auto at = text.find(bound);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, bound.size(), "when employees >= 11");
  const auto changed = compile_sources({{"schema.elig", schema_text()}, {"r.elig", text}});
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(has_synthesised_lanes(*changed.rules()));
  // And decide as rules do: a company of 10 is no longer paid the rent subsidy.
  const auto loaded = changed.rules()->load_profile(
      R"({"id": "c", "name": "c", "district": "余杭区", "industry_tags": ["xr"],
          "registered_date": "2024-01-01", "employees": 10, "annual_revenue_yuan": 0,
          "rd_expense_yuan": 0, "office_area_sqm": 100, "rent_per_sqm_day": 2,
          "is_high_tech": false, "credit_rating": "A", "has_violation": false,
          "patents": 0, "funding_round": "B"})",
      "c.json", profile_format::json);
  ASSERT_TRUE(loaded.ok());
  const date as_of = test::day("2025-06-30");
  decide_options o;
  o.as_of = as_of;
  EXPECT_EQ(changed.rules()->decide(loaded.get(), o).provision(0).result, status::ineligible);
  EXPECT_EQ(test::differences_between_modes(*changed.rules(), loaded.get(), as_of, false, "c"), 0);
}

TEST(Synthesis, TheTextIsTheSameEveryTimeAndNamesNoPath) {
  const auto reference = compile_paths({ELIG_REFERENCE_RULES_DIR});
  ASSERT_TRUE(reference.ok());
  const std::string once = synthesise_cpp({{"reference_lanes", reference.rules()}});
  const std::string again = synthesise_cpp({{"reference_lanes", reference.rules()}});
  EXPECT_EQ(once, again);
  EXPECT_EQ(once.find(ELIG_REFERENCE_RULES_DIR), std::string::npos);
  // Each test of the reference rules is written in place: none is left to the interpreter.
  EXPECT_EQ(once.find("rt.test_atom("), std::string::npos);
  EXPECT_NE(once.find("lane_steps::fact_in_mask(f["), std::string::npos);
}

}  // namespace
}  // namespace elig
