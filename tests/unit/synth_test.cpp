// The fast lanes synthesised as C++ (fast/synth.hpp). This test links the passes elig-synth
// wrote for the reference and bundled rules at build time: the rules find them when they load,
// and rules that differ by one number do not. That the synthesised answers are the
// interpreter's is every decision test's business (testgen::every_mode decides with them on and
// off); this holds the key and the text to what they promise.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <set>

#include "elig/synthesise.hpp"
#include "facade/ruleset_impl.hpp"
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

// tests/synth/constructs.elig holds every construct the writer writes out that the bundled,
// reference and random rule sets leave out (a negation, `max`, a bracket with open ends, a
// definition's and an as-of date, nested `if`, `or`, `not`, a split `unless`, two numbers
// compared, up-to and range amounts, a group and a cap). Its lanes are linked in synthesised;
// a sample of profiles on and beside every threshold decides alike in every mode.
TEST(Synthesis, EveryConstructItWritesDecidesAsInterpreted) {
  const auto compiled = compile_paths({ELIG_SYNTH_CONSTRUCTS_DIR});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const ruleset& rules = *compiled.rules();
  ASSERT_TRUE(has_synthesised_lanes(rules));
  for (const auto& l : detail::plan_of(rules).lanes.provisions) EXPECT_TRUE(l.usable);
  const std::array<const char*, 6> revenue = {"0",       "999999.99", "1000000",
                                              "4999999", "5000000",   "6000000"};
  const std::array<const char*, 4> expense = {"0", "490000", "500000", "600000"};
  const std::array<int, 8> staff = {0, 1, 4, 5, 10, 19, 20, 101};
  const std::array<const char*, 2> area = {"0", "12.34"};
  const std::array<const char*, 4> founded = {"2021-12-31", "2022-01-01", "2024-05-31",
                                              "2024-06-01"};
  const std::array<const char*, 3> kind = {"a", "b", "c"};
  const std::array<const char*, 3> tags = {"[]", R"(["x"])", R"(["y", "z"])"};
  std::set<std::pair<std::size_t, status>> seen;
  bool combined = false;
  std::uint64_t state = 20261207;
  const auto pick = [&state](std::size_t n) {  // splitmix64: the same sample every run
    state += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<std::size_t>((z ^ (z >> 31)) % n);
  };
  for (int k = 0; k < 400; ++k) {
    const bool moved = pick(2) == 0;
    const std::string text = fmt::format(
        R"({{"revenue": "{}", "expense": "{}", "staff": {}, "area": "{}", "founded": "{}",{}
            "kind": "{}", "tags": {}, "certified": {}, "rating": "{}"}})",
        revenue[pick(revenue.size())], expense[pick(expense.size())], staff[pick(staff.size())],
        area[pick(area.size())], founded[pick(founded.size())],
        moved ? R"( "moved": "2023-01-01",)" : "", kind[pick(kind.size())], tags[pick(tags.size())],
        pick(2) == 0 ? "true" : "false", pick(8) == 0 ? "D" : "A");
    const auto loaded = rules.load_profile(text, "p.json", profile_format::json);
    ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
    for (const char* as_of : {"2024-12-31", "2025-01-01"}) {
      ASSERT_EQ(test::differences_between_modes(rules, loaded.get(), test::day(as_of), false,
                                                text + " @" + as_of),
                0);
      decide_options o;
      o.as_of = test::day(as_of);
      const decision d = rules.decide(loaded.get(), o);
      for (std::size_t i = 0; i < d.provisions().size(); ++i)
        seen.insert({i, d.provision(i).result});
      combined = combined || d.cap_applied(1) || d.provision(3).superseded_by >= 0 ||
                 d.provision(4).superseded_by >= 0;
    }
  }
  // The sample reaches what it is for: each provision both paid and refused, a group or cap.
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(seen.count({i, status::eligible})) << i;
    EXPECT_TRUE(seen.count({i, status::ineligible})) << i;
  }
  EXPECT_TRUE(combined);
}

}  // namespace
}  // namespace elig
