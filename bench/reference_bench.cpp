// The reference policy set (shared/bench/reference-policies.md): elig against the same policies
// hand-written in C++, on the generator's first 10,000 profiles (seed 20250630). Compare the
// figures as ratios within one run; docs/performance.md says how to reproduce them.
#include <benchmark/benchmark.h>

#include <elig/elig.hpp>
#include <string>
#include <vector>

#include "hand_written.hpp"
#include "profile/toml.hpp"
#include "reference_profile.hpp"

namespace {

constexpr std::uint32_t k_profiles = 1000;

const std::vector<elig::reference::company>& companies() {
  static const auto all = [] {
    std::vector<elig::reference::company> out;
    elig::reference::rng r(20250630);
    for (std::uint32_t i = 0; i < k_profiles; ++i) out.push_back(elig::reference::generate(r, i));
    return out;
  }();
  return all;
}

const elig::ruleset& rules() {
  static const elig::compile_result compiled = elig::compile_paths({ELIG_REFERENCE_RULES_DIR});
  if (!compiled) std::abort();
  return *compiled.rules();
}

const std::vector<elig::profile>& profiles() {
  static const auto all = [] {
    std::vector<elig::profile> out;
    for (const auto& c : companies()) {
      auto loaded =
          rules().load_profile(elig::reference::to_json(c), c.id, elig::profile_format::json);
      if (!loaded) std::abort();
      out.push_back(loaded.get());
    }
    return out;
  }();
  return all;
}

elig::explain_options options(bool explain) {
  elig::explain_options o;
  o.as_of = *elig::date::parse("2025-06-30");
  o.explain = explain;
  return o;
}

void BM_Reference_Hand(benchmark::State& state) {
  std::vector<elig::reference::plain_company> plain;
  for (const auto& c : companies()) plain.push_back(elig::reference::to_plain(c));
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = elig::reference::evaluate_by_hand(plain[i++ % plain.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Reference_Hand);
BENCHMARK(BM_Reference_Hand)->Name("BM_Reference_Hand/fixed")->Iterations(100000);

// Decisions into one reused decision, what a screening service does, with `o`'s detail.
void decide_with(benchmark::State& state, elig::decide_options o) {
  const auto& ps = profiles();
  o.as_of = *elig::date::parse("2025-06-30");
  elig::decision d;
  std::size_t i = 0;
  for (auto _ : state) {
    rules().decide(ps[i++ % ps.size()], o, d);
    benchmark::DoNotOptimize(d.total().max);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// The default: verdicts, amounts and the open facts, conditions up to the first that fails.
void BM_Reference_Elig(benchmark::State& state) { decide_with(state, {}); }
// Verdicts and amounts alone.
void BM_Reference_EligVerdicts(benchmark::State& state) {
  elig::decide_options o;
  o.open_facts = false;
  o.condition_outcomes = false;
  decide_with(state, o);
}
// What a decision line (`elig batch`, `/v1/decide`) needs: verdicts, amounts, open facts.
void BM_Reference_EligLine(benchmark::State& state) {
  decide_with(state, elig::decision_json_writer::line_options({}, false));
}
// Every condition's outcome too (no lanes: they stop at the first failing condition).
void BM_Reference_EligEveryCondition(benchmark::State& state) {
  elig::decide_options o;
  o.every_condition = true;
  decide_with(state, o);
}
// The default without the fast lanes: what they save.
void BM_Reference_EligNoLanes(benchmark::State& state) {
  elig::decide_options o;
  o.fast_lanes = false;
  decide_with(state, o);
}
// Verdicts and amounts alone, with the lanes interpreted: what the synthesised lanes save.
void BM_Reference_EligInterpreted(benchmark::State& state) {
  elig::decide_options o;
  o.open_facts = false;
  o.condition_outcomes = false;
  o.synthesised_lanes = false;
  decide_with(state, o);
}
BENCHMARK(BM_Reference_Elig);
BENCHMARK(BM_Reference_EligVerdicts);
BENCHMARK(BM_Reference_EligInterpreted);
BENCHMARK(BM_Reference_EligLine);
BENCHMARK(BM_Reference_EligEveryCondition);
BENCHMARK(BM_Reference_EligNoLanes);
// A fixed number of decisions, for instruction counts under callgrind (bench/instructions.sh):
// deterministic where times are not.
BENCHMARK(BM_Reference_Elig)->Name("BM_Reference_Elig/fixed")->Iterations(100000);
BENCHMARK(BM_Reference_EligVerdicts)->Name("BM_Reference_EligVerdicts/fixed")->Iterations(100000);
BENCHMARK(BM_Reference_EligLine)->Name("BM_Reference_EligLine/fixed")->Iterations(100000);
BENCHMARK(BM_Reference_EligEveryCondition)
    ->Name("BM_Reference_EligEveryCondition/fixed")
    ->Iterations(100000);
BENCHMARK(BM_Reference_EligNoLanes)->Name("BM_Reference_EligNoLanes/fixed")->Iterations(100000);
BENCHMARK(BM_Reference_EligInterpreted)
    ->Name("BM_Reference_EligInterpreted/fixed")
    ->Iterations(100000);

// One provision (the rent subsidy) explained in one language: a traced decision of every
// provision, labels for that one.
void BM_Reference_EligExplainOne(benchmark::State& state) {
  const auto& ps = profiles();
  auto o = options(true);
  o.lang = elig::language::en;
  o.only = "reference.rent";
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = rules().explain(ps[i++ % ps.size()], o);
    benchmark::DoNotOptimize(r.total.max);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Reference_EligExplainOne);
BENCHMARK(BM_Reference_EligExplainOne)->Name("BM_Reference_EligExplainOne/fixed")->Iterations(1000);

// Every provision explained in both languages, as `elig check` shows them.
void BM_Reference_EligExplainAll(benchmark::State& state) {
  const auto& ps = profiles();
  auto o = options(true);
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = rules().explain(ps[i++ % ps.size()], o);
    benchmark::DoNotOptimize(r.total.max);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Reference_EligExplainAll);

void load(benchmark::State& state, bool json) {
  std::vector<std::string> texts;
  for (const auto& c : companies())
    texts.push_back(json ? elig::reference::to_json(c) : elig::reference::to_toml(c));
  std::size_t i = 0;
  for (auto _ : state) {
    auto p = rules().load_profile(texts[i++ % texts.size()], "p",
                                  json ? elig::profile_format::json : elig::profile_format::toml);
    benchmark::DoNotOptimize(p.ok());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
void BM_LoadProfile_Json(benchmark::State& state) { load(state, true); }
void BM_LoadProfile_Toml(benchmark::State& state) { load(state, false); }
BENCHMARK(BM_LoadProfile_Json);
BENCHMARK(BM_LoadProfile_Toml);
// A fixed number of loads (each of the first 1,000 profiles once), for bench/instructions.sh.
BENCHMARK(BM_LoadProfile_Json)->Name("BM_LoadProfile_Json/fixed")->Iterations(1000);
BENCHMARK(BM_LoadProfile_Toml)->Name("BM_LoadProfile_Toml/fixed")->Iterations(1000);

// TOML++ alone on the same texts, nothing of elig: the floor under BM_LoadProfile_Toml.
void BM_LoadProfile_TomlParseOnly(benchmark::State& state) {
  std::vector<std::string> texts;
  for (const auto& c : companies()) texts.push_back(elig::reference::to_toml(c));
  std::size_t i = 0;
  for (auto _ : state) {
    auto table = toml::parse(std::string_view(texts[i++ % texts.size()]), std::string_view("p"));
    benchmark::DoNotOptimize(table.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LoadProfile_TomlParseOnly);

}  // namespace

BENCHMARK_MAIN();
