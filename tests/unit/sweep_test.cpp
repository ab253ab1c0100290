// `elig sweep`: at every breakpoint, and halfway between two (on the fact's unit), the curve equals
// what `elig check` decides for the profile with that value; between breakpoints it is linear, so
// the breakpoints from the rules are all there is. Cliffs are where the total falls.
#include <elig/profile_json.hpp>
#include <elig/sweep.hpp>

#include "support/test_rules.hpp"

namespace elig {
namespace {

namespace fs = std::filesystem;

// The report's total for `p` with `fact` at `x` (money), as `elig check` works it out.
total_amount checked(const ruleset& rules, const profile& p, std::uint32_t slot, decimal x,
                     date as_of) {
  const std::pair<std::uint32_t, std::string> change{slot, "\"" + x.to_string(2) + "\""};
  auto loaded = profile_with(rules, p, {&change, 1});
  EXPECT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = as_of;
  return rules.explain(loaded.get(), o).total;
}

TEST(Sweep, EqualsCheckAtAndBetweenBreakpoints) {
  const ruleset& rules = test::bundled();
  const auto schema = rules.schema();
  const date as_of = test::day("2024-12-31");
  std::size_t compared = 0;
  for (const auto& e : fs::directory_iterator(ELIG_EXAMPLES_DIR)) {
    if (e.path().extension() != ".toml") continue;
    auto loaded = rules.load_profile_file(e.path());
    ASSERT_TRUE(loaded.ok());
    for (std::uint32_t slot = 0; slot < schema.size(); ++slot) {
      if (schema[slot].type != "money" || schema[slot].read_by.empty()) continue;
      sweep_options o;
      o.fact = schema[slot].name;
      o.as_of = as_of;
      const auto curve = sweep(rules, loaded.get(), o);
      ASSERT_FALSE(curve.diags.has_errors());
      ASSERT_GE(curve.points.size(), 2u);
      const std::string what = e.path().filename().string() + " " + o.fact;
      for (std::size_t i = 0; i < curve.points.size(); ++i) {
        const auto& pt = curve.points[i];
        const auto at = checked(rules, loaded.get(), slot, pt.x, as_of);
        EXPECT_EQ(at.max, pt.total.max) << what << " at " << pt.x.to_string();
        EXPECT_EQ(at.min, pt.total.min) << what << " at " << pt.x.to_string();
        ++compared;
        if (i + 1 == curve.points.size()) continue;
        const auto& next = curve.points[i + 1];
        // Halfway, on the fen: the straight line between the two points.
        const decimal mid =
            (pt.x + (next.x - pt.x) / decimal::from_int(2)).round(2, rounding::floor);
        if (mid == pt.x) continue;
        const auto between = checked(rules, loaded.get(), slot, mid, as_of);
        EXPECT_EQ(between.max * (next.x - pt.x),
                  pt.total.max * (next.x - mid) + next.total.max * (mid - pt.x))
            << what << " between " << pt.x.to_string() << " and " << next.x.to_string();
        // A cliff: the next point pays less.
        EXPECT_EQ(pt.cliff, next.total.max < pt.total.max) << what;
      }
      // Every inner point is a breakpoint the rules give: none had to be found by halving.
      for (const auto& pt : curve.points) {
        if (pt.from_rules) continue;
        EXPECT_TRUE(pt.x == curve.points.front().x || pt.x == curve.points.back().x ||
                    (curve.today && pt.x == *curve.today))
            << what << ": " << pt.x.to_string() << " found by halving";
      }
    }
  }
  EXPECT_GT(compared, 50u);
}

// The office subsidy's cap (50% of the rent, at most 200万) starts to bind at a rent of 400万.
TEST(Sweep, CapBindsWhereTheLinesCross) {
  const ruleset& rules = test::bundled();
  auto loaded = rules.load_profile_file(ELIG_EXAMPLES_DIR "/shangcheng-ai-startup.toml");
  ASSERT_TRUE(loaded.ok());
  sweep_options o;
  o.fact = "rent_paid";
  o.as_of = test::day("2024-12-31");
  const auto curve = sweep(rules, loaded.get(), o);
  bool found = false;
  for (const auto& pt : curve.points) found = found || pt.x == test::money("4000000");
  EXPECT_TRUE(found);
  const std::string svg = render_sweep_svg(curve, language::zh);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("合计可得（元）"), std::string::npos);
}

TEST(Sweep, UnknownOrNonNumericFactIsAnError) {
  const ruleset& rules = test::bundled();
  auto loaded = rules.load_profile_file(ELIG_EXAMPLES_DIR "/shangcheng-ai-startup.toml");
  ASSERT_TRUE(loaded.ok());
  sweep_options o;
  o.fact = "main_revenu";
  auto curve = sweep(rules, loaded.get(), o);
  ASSERT_TRUE(curve.diags.has_errors());
  EXPECT_EQ(curve.diags.items()[0].help, "did you mean `main_revenue`?");
  o.fact = "district";
  EXPECT_TRUE(sweep(rules, loaded.get(), o).diags.has_errors());
}

}  // namespace
}  // namespace elig
