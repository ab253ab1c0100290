// Speed of the engine on the bundled Hangzhou rules: loading them, and evaluating generated
// profiles with and without explanations. Run: ./build/release/bench/elig_bench
#include <benchmark/benchmark.h>

#include <elig/elig.hpp>
#include <random>
#include <string>
#include <vector>

namespace {

const elig::ruleset& rules() {
  static const elig::compile_result compiled = elig::compile_paths({ELIG_RULES_DIR});
  return *compiled.rules();
}

// Profiles spread over the three districts with random figures; some facts left out on purpose.
std::vector<elig::profile> generate(std::size_t n) {
  std::mt19937 rng(42);
  const char* districts[] = {"shangcheng", "xihu", "qiantang", "other"};
  std::vector<elig::profile> out;
  for (std::size_t i = 0; i < n; ++i) {
    auto r = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::string t = "claimed_year = 2024\ncompany_name = \"c" + std::to_string(i) + "\"\n";
    t += std::string("district = \"") + districts[r(0, 3)] + "\"\n";
    t += "metaverse_enterprise = true\noperates_lawfully = true\nmain_business = \"ai\"\n";
    t += "settled_date = 2023-0" + std::to_string(r(1, 9)) + "-15\n";
    t += "main_revenue = " + std::to_string(r(1, 400) * 1000000) + "\n";
    t += "rd_expense = " + std::to_string(r(1, 20) * 100000) + "\n";
    t += "office_certified = true\nrents_office = true\nrent_paid = " +
         std::to_string(r(1, 50) * 40000) + "\n";
    t += "office_subsidy_received_before = false\nrd_certified = true\nrd_subsidy_received_before "
         "= false\n";
    t += "startup_project_certified = " + std::string(r(0, 1) ? "true" : "false") + "\n";
    t += "above_size_first_year = " + std::to_string(r(2022, 2024)) + "\n";
    t += "revenue_milestones_awarded = []\ngolden_boot_passed = false\nin_risk_pool = true\n";
    t += "park_designations = [\"provincial\"]\nhigh_level_talent_founder = true\nawards = []\n";
    for (int k = 0; k < r(0, 3); ++k)
      t += "[[loans]]\nprincipal = " + std::to_string(r(1, 8) * 1000000) +
           "\ndrawdown_date = 2024-0" + std::to_string(r(1, 9)) + "-10\nrepaid = false\n";
    for (int k = 0; k < r(0, 3); ++k)
      t += "[[rd_projects]]\nname = \"p\"\ncore_tech = \"ai\"\nexpense = " +
           std::to_string(r(1, 90) * 100000) + "\n";
    auto loaded = rules().load_profile(t, "gen.toml");
    if (!loaded) std::abort();
    out.push_back(loaded.get());
  }
  return out;
}

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) {
    auto c = elig::compile_paths({ELIG_RULES_DIR});
    benchmark::DoNotOptimize(c.ok());
  }
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMillisecond);

void evaluate(benchmark::State& state, bool explain) {
  static const std::vector<elig::profile> profiles = generate(1000);
  const auto as_of = *elig::date::parse("2024-12-31");
  std::size_t i = 0;
  if (!explain) {
    elig::decision d;
    for (auto _ : state) {
      rules().decide(profiles[i++ % profiles.size()], {as_of, false}, d);
      benchmark::DoNotOptimize(d.total().max);
    }
  } else {
    elig::explain_options o;
    o.as_of = as_of;
    for (auto _ : state) {
      auto r = rules().explain(profiles[i++ % profiles.size()], o);
      benchmark::DoNotOptimize(r.total.max);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// All 15 Hangzhou provisions for one profile.
void BM_Bundled_Evaluate(benchmark::State& state) { evaluate(state, false); }
void BM_Bundled_EvaluateExplained(benchmark::State& state) { evaluate(state, true); }
BENCHMARK(BM_Bundled_Evaluate)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Bundled_Evaluate)->Name("BM_Bundled_Evaluate/fixed")->Iterations(100000);
BENCHMARK(BM_Bundled_EvaluateExplained)->Unit(benchmark::kMicrosecond);

void BM_Bundled_LoadProfile(benchmark::State& state) {
  std::string text =
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"shangcheng\"\nmain_revenue = "
      "12000000\n"
      "[[loans]]\nprincipal = 6000000\ndrawdown_date = 2024-08-01\nrepaid = false\n";
  for (auto _ : state) {
    auto p = rules().load_profile(text, "p.toml");
    benchmark::DoNotOptimize(p.ok());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Bundled_LoadProfile)->Unit(benchmark::kMicrosecond);

}  // namespace
