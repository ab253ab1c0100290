// Random valid rule sets (tests/generator/random_rules.hpp), each with profiles decided at
// several dates: every rule set compiles, every profile loads, and the report agrees with the
// decision in every mode (test::differences_between_modes), so `elig check` and
// `elig batch` give one answer. Deterministic: the seeds are fixed.
#include "generator/random_rules.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>

#include "elig/synthesise.hpp"
#include "support/test_rules.hpp"

namespace elig {
namespace {

// Set ELIG_RANDOM_RULES=N to try N rule sets (say, for a longer run by hand).
int rule_sets() {
  const char* n = std::getenv("ELIG_RANDOM_RULES");
  return n ? std::max(1, std::atoi(n)) : 300;
}

TEST(RandomRules, EveryModeAgreesOnGeneratedRuleSets) {
  int decided = 0, compiled_sets = 0;
  std::set<status> seen;
  std::set<diag_code> errors;
  for (int seed = 1; seed <= rule_sets(); ++seed) {
    const testgen::generated g = testgen::generate(testgen::seeded(seed), 8);
    const compile_result c = compile_sources({{"random.elig", g.rules}});
    ASSERT_TRUE(c.ok()) << "seed " << seed << "\n"
                        << render_all(c.diagnostics(), c.sources()) << "\n"
                        << g.rules;
    ++compiled_sets;
    // The first sets' lanes are linked in, synthesised (tests/generator/synth_random.cpp).
    if (seed <= ELIG_SYNTHESISED_RANDOM_SETS) {
      EXPECT_TRUE(has_synthesised_lanes(*c.rules())) << "seed " << seed;
    }
    for (const auto& text : g.profiles) {
      const profile_result loaded = c.rules()->load_profile(text, "random.toml");
      ASSERT_TRUE(loaded.ok()) << "seed " << seed << "\n"
                               << render_all(loaded.diagnostics(), loaded.sources()) << "\n"
                               << text;
      for (const auto& as_of : g.as_of)
        for (const bool drafts : {false, true}) {
          explain_options o;
          o.as_of = test::day(as_of.c_str());
          o.include_drafts_in_total = drafts;
          const report r = c.rules()->explain(loaded.get(), o);
          const int diffs =
              test::differences_between_modes(*c.rules(), loaded.get(), r, o.as_of, drafts,
                                              fmt::format("seed {} @{}", seed, as_of));
          ASSERT_EQ(diffs, 0) << g.rules << "\n" << text;
          for (const auto& p : r.provisions) {
            seen.insert(p.result);
            for (const auto& i : p.issues.items()) errors.insert(i.code);
          }
          ++decided;
        }
    }
  }
  // The generator reaches what it is for: every status, and evaluation errors of several kinds.
  EXPECT_EQ(compiled_sets, rule_sets());
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_GE(errors.size(), rule_sets() >= 100 ? 3u : 0u);
  EXPECT_GT(decided, 0);
  std::string codes;
  for (auto e : errors) codes += std::string(diag_id(e)) + " ";
  std::cout << decided << " profiles decided over " << compiled_sets
            << " rule sets; evaluation errors met: " << codes << "\n";
}

}  // namespace
}  // namespace elig
