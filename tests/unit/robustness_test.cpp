// No input crashes or hangs the engine: deterministic mutations of the bundled rules and of an
// example profile must each end in a result or in diagnostics (run under ASan/UBSan in CI).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "support/test_rules.hpp"

namespace elig {
namespace {
namespace fs = std::filesystem;

using test::slurp;

std::string mutate(std::string s, std::mt19937& rng) {
  static const std::string pieces[] = {"(",
                                       ")",
                                       "{",
                                       "}",
                                       "\"",
                                       "#",
                                       " and ",
                                       " or ",
                                       "not ",
                                       "万",
                                       "%",
                                       ".",
                                       ",",
                                       "=>",
                                       "=",
                                       "-",
                                       "9999999999999999999",
                                       "\n",
                                       "if ",
                                       "any ",
                                       "sum of ",
                                       "/",
                                       "0",
                                       "at ",
                                       "每"};
  int edits = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    std::size_t at = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
    switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
      case 0:
        s.erase(at, std::uniform_int_distribution<std::size_t>(1, 8)(rng));
        break;
      case 1:
        s.insert(at,
                 pieces[std::uniform_int_distribution<std::size_t>(0, std::size(pieces) - 1)(rng)]);
        break;
      case 2:
        s[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
        break;
      default:
        s.resize(at);
        break;
    }
  }
  return s;
}

TEST(Robustness, MutatedRulesGiveResultsOrDiagnostics) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const char* f : {"schema.elig", "common.elig", "shangcheng-2023.elig", "xihu-2022.elig",
                        "qiantang-2024.elig"})
    files.emplace_back(f, slurp(fs::path(ELIG_RULES_DIR) / f));
  std::string profile = slurp(fs::path(ELIG_EXAMPLES_DIR) / "hangzhou-xr-studio.toml");
  std::mt19937 rng(20261128);
  int compiled = 0;
  // ELIG_ROBUSTNESS_ROUNDS raises the count for a longer local run.
  const int rounds = std::getenv("ELIG_ROBUSTNESS_ROUNDS")
                         ? std::atoi(std::getenv("ELIG_ROBUSTNESS_ROUNDS"))
                         : 300;
  for (int round = 0; round < rounds; ++round) {
    auto mutated = files;
    auto& target = mutated[std::uniform_int_distribution<std::size_t>(0, files.size() - 1)(rng)];
    target.second = mutate(target.second, rng);
    auto result = compile_sources(mutated);
    if (!result.ok()) {
      EXPECT_TRUE(result.diagnostics().has_errors());
      for (const auto& d : result.diagnostics().items()) (void)render(d, result.sources());
      continue;
    }
    ++compiled;
    auto loaded = result.rules()->load_profile(profile, "p.toml");
    if (!loaded) continue;
    explain_options o;
    o.as_of = test::day("2024-12-31");
    auto d = result.rules()->explain(loaded.get(), o);
    (void)render_text(d, {});
    (void)render_json({d}, *result.rules(), o.as_of);
  }
  EXPECT_GT(compiled, 0);  // some mutations (in comments, texts) still compile
}

TEST(Robustness, MutatedProfilesGiveResultsOrDiagnostics) {
  std::string profile = slurp(fs::path(ELIG_EXAMPLES_DIR) / "hangzhou-xr-studio.toml");
  std::mt19937 rng(7);
  const int rounds = std::getenv("ELIG_ROBUSTNESS_ROUNDS")
                         ? std::atoi(std::getenv("ELIG_ROBUSTNESS_ROUNDS"))
                         : 500;
  for (int round = 0; round < rounds; ++round) {
    auto loaded = test::bundled().load_profile(mutate(profile, rng), "p.toml");
    if (!loaded) {
      EXPECT_TRUE(loaded.diagnostics().has_errors());
      (void)render_all(loaded.diagnostics(), loaded.sources());
      continue;
    }
    explain_options o;
    o.as_of = test::day("2024-12-31");
    (void)render_text(test::bundled().explain(loaded.get(), o), {});
  }
}

// Loans are compared with each other (drawdown order): a profile with thousands of them hits the
// step limit and leaves that provision undetermined instead of running for minutes.
TEST(Robustness, HugeProfilesHitTheStepLimitNotAHang) {
  std::string text =
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"shangcheng\"\n"
      "metaverse_enterprise = true\noperates_lawfully = true\nsettled_date = 2023-01-01\n"
      "main_business = \"ai\"\nin_risk_pool = true\n";
  for (int i = 0; i < 6000; ++i)
    text += "[[loans]]\nprincipal = 1000\ndrawdown_date = 2024-03-01\nrepaid = false\n";
  auto loaded = test::bundled().load_profile(text, "big.toml");
  ASSERT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  o.explain = false;
  auto d = test::bundled().explain(loaded.get(), o);
  const auto& r = test::find(d, "shangcheng-2023.loan-interest");
  EXPECT_EQ(r.result, status::undetermined);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues.items()[0].code, diag_code::eval_limit);
  // The limit is per provision: the others are still decided.
  EXPECT_TRUE(test::find(d, "shangcheng-2023.talent").issues.empty());
  EXPECT_EQ(test::find(d, "qiantang-2024.loan-interest").result, status::ineligible);
  // The compiled decision, which reuses per-loan results, meets the limit where explain does.
  decision fast = test::bundled().decide(loaded.get(), {o.as_of, false});
  for (std::size_t i = 0; i < d.provisions.size(); ++i)
    EXPECT_EQ(fast.provision(i).result, d.provisions[i].result) << d.provisions[i].id;
}

TEST(Robustness, ConcurrentEvaluationOfOneRuleSet) {
  std::string profile = slurp(fs::path(ELIG_EXAMPLES_DIR) / "hangzhou-xr-studio.toml");
  auto loaded = test::bundled().load_profile(profile, "p.toml");
  ASSERT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  std::string want =
      render_json({test::bundled().explain(loaded.get(), o)}, test::bundled(), o.as_of);
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i)
        got[static_cast<std::size_t>(t)] =
            render_json({test::bundled().explain(loaded.get(), o)}, test::bundled(), o.as_of);
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) EXPECT_EQ(g, want);
}

}  // namespace
}  // namespace elig
