// Which provisions get a fast lane (fast/lane.hpp). decide_test holds lanes to the explaining
// evaluator's answers; this holds the compiler to building them where it should, so that a
// provision does not quietly fall back to the general path (same answers, more work).
#include <gtest/gtest.h>

#include "facade/ruleset_impl.hpp"
#include "fast/plan.hpp"
#include "support/test_rules.hpp"

namespace elig {
namespace {

std::vector<bool> usable_lanes(const std::string& text) {
  auto compiled = compile_sources({{"lanes.elig", text}});
  if (!compiled.ok()) {
    ADD_FAILURE() << render_all(compiled.diagnostics(), compiled.sources());
    return {};
  }
  std::vector<bool> out;
  for (const auto& l : detail::plan_of(*compiled.rules()).lanes.provisions) out.push_back(l.usable);
  return out;
}

TEST(Lanes, EveryReferenceProvisionHasOne) {
  auto compiled = compile_paths({ELIG_REFERENCE_RULES_DIR});
  ASSERT_TRUE(compiled.ok());
  const auto& p = detail::plan_of(*compiled.rules());
  ASSERT_EQ(p.lanes.provisions.size(), 5u);
  for (const auto& l : p.lanes.provisions) EXPECT_TRUE(l.usable);
  // `hangzhou`, `metaverse_tagged`, bool facts and facts compared with literals are read in
  // place; the date windows against the as-of date (rent's settle_date and startup's
  // registered_date, two bounds each) compare days; nothing goes through a generic test.
  std::size_t through = 0, days = 0;
  for (const auto& a : p.lanes.atoms) {
    through += a.test == fast::lane_test::truth || a.test == fast::lane_test::compare ||
               a.test == fast::lane_test::in_mask || a.test == fast::lane_test::any_in_mask;
    days += a.test == fast::lane_test::day_compare;
  }
  EXPECT_EQ(through, 0u);
  EXPECT_EQ(days, 4u);
  // Conditions are tested as the atoms that must all hold: `unless has_violation or
  // credit_rating == "D"` as two, each date window and the head count as two; no lane condition
  // is an `and`, an `or` or a `not`.
  ASSERT_EQ(p.lanes.exclusions.size(), 2u);
  EXPECT_FALSE(p.lanes.exclusions[0].last);
  EXPECT_TRUE(p.lanes.exclusions[1].last);
  std::size_t composite = 0, split = 0;
  for (const auto& c : p.lanes.conditions) {
    const auto test = p.lanes.atoms[c.atom].test;
    composite += test == fast::lane_test::and_ || test == fast::lane_test::or_ ||
                 test == fast::lane_test::not_;
    split += c.last ? 0 : 1;
  }
  EXPECT_EQ(composite, 0u);
  EXPECT_EQ(split, 3u);
}

// The bundled rules: every condition of a provision with a lane is read in place or worked out
// with lane arithmetic, except `entered_register_in_claimed_year` (an `otherwise`). The
// `for at most 3 years` windows compare the claimed year with a small definition's `if`;
// `"national" in park_designations` is a bit test per designation.
TEST(Lanes, BundledConditionsAreReadInPlace) {
  auto compiled = compile_paths({ELIG_RULES_DIR});
  ASSERT_TRUE(compiled.ok());
  const auto& p = detail::plan_of(*compiled.rules());
  std::size_t usable = 0;
  for (const auto& l : p.lanes.provisions) usable += l.usable ? 1 : 0;
  EXPECT_EQ(usable, 8u);
  std::size_t through = 0, numbers = 0, lists = 0;
  for (const auto& a : p.lanes.atoms) {
    through += a.test == fast::lane_test::truth || a.test == fast::lane_test::compare ||
               a.test == fast::lane_test::in_mask || a.test == fast::lane_test::any_in_mask;
    numbers += a.test == fast::lane_test::num_compare;
    lists += a.test == fast::lane_test::fact_any_in_mask;
  }
  EXPECT_EQ(through, 1u);
  EXPECT_EQ(numbers, 3u);  // the office and R&D windows, and the R&D threshold (a parameter)
  EXPECT_EQ(lists, 3u);    // park designations: twice in the condition, once in the amount
}

constexpr const char* k_schema = R"(
schema {
  fact n : integer
  fact m : money
  fact flag : bool
  fact tags : list of enum(a, b)
  fact items : list of money
  history awards "已获" / "Awarded"
}
)";

TEST(Lanes, WhatGetsOneAndWhatDoesNot) {
  auto lanes = usable_lanes(std::string(k_schema) + R"(
define few "少" / "Few" = count i in items < 3
define tagged "标" / "Tagged" = any t in tags where t in ["a"]
document d {
  title "t"
  status in_force
  provision plain { title "1" article "第一条" / "Article 1" when n >= 3 and not flag when tagged pays up to m * 2 }
  provision looped { title "2" article "第一条" / "Article 1" when few pays m }
  provision summed { title "3" article "第一条" / "Article 1" when flag pays sum of i for each i in items }
  provision parts {
    title "4"
    article "第一条" / "Article 1"
    part x "x" / "x" { pays m }
    part y "y" / "y" { pays m }
  }
  provision each { title "5" article "第一条" / "Article 1" pays m for each m in items }
  provision once { title "6" article "第一条" / "Article 1" when 3 < n pays once 1 yuan }  # the history read in place
}
)");
  EXPECT_EQ(lanes, (std::vector<bool>{true, false, false, false, false, true}));
}

// An amount deeper than a lane's stack is one step the machine works out: the provision keeps
// its lane, and every mode decides it as the traced run does.
TEST(Lanes, AnAmountDeeperThanTheStackIsWorkedOutByTheMachine) {
  std::string deep = "m";
  for (std::uint32_t i = 0; i < fast::k_lane_stack + 4; ++i) deep = "m + (" + deep + ")";
  auto compiled = compile_sources({{"deep.elig", std::string(k_schema) + R"(
document d {
  title "t"
  status in_force
  provision deep { title "1" article "第一条" / "Article 1" when n >= 3 pays )" +
                                                     deep + R"( }
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const auto& p = detail::plan_of(*compiled.rules());
  ASSERT_TRUE(p.lanes.provisions[0].usable);
  const auto first = static_cast<std::size_t>(p.lanes.provisions[0].first);
  EXPECT_EQ(p.lanes.program[first].op, fast::lane_calc::node);
  EXPECT_EQ(p.lanes.program[first + 1].op, fast::lane_calc::end);
  for (const char* text : {"n = 3\nm = 2\n", "n = 2\nm = 2\n", "n = 5\n"}) {
    auto loaded = compiled.rules()->load_profile(text, "deep.toml");
    ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
    EXPECT_EQ(test::differences_between_modes(*compiled.rules(), loaded.get(),
                                              test::day("2024-12-31"), false, text),
              0);
  }
  auto paid = compiled.rules()->load_profile("n = 3\nm = 2\n", "deep.toml");
  const decision d = compiled.rules()->decide(paid.get(), {test::day("2024-12-31"), false});
  EXPECT_EQ(d.provision(0).value.max, decimal::from_int(2 * (fast::k_lane_stack + 5)));
}

TEST(Lanes, AnExclusionOutOfReachLeavesEveryProvisionToTheGeneralPath) {
  auto lanes = usable_lanes(std::string(k_schema) + R"(
exclusion many {
  title "多" / "Many"
  article "X" / "X"
  when count i in items > 100
}
document d {
  title "t"
  status in_force
  provision plain { title "1" article "第一条" / "Article 1" when n >= 3 pays m }
}
)");
  EXPECT_EQ(lanes, (std::vector<bool>{false}));
}

}  // namespace
}  // namespace elig
