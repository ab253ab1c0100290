#pragma once
// Random valid rule sets and profiles for them: every construct of docs/language.md (types,
// dated parameters, definitions with and without parameters, quantifiers and sums over lists of
// records, brackets, ladders, every benefit kind, parts, take-highest groups, caps, exclusions,
// drafts, validity windows), and profiles with facts absent, at and one unit beside the rules'
// own thresholds, on leap days, with empty lists. The engine's tests decide them in every mode
// (random_rules_test); a libFuzzer target draws the choices from its input (fuzz_random_rules).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace elig::testgen {

// The source of every choice: a seeded generator in the tests, the fuzzer's bytes in the fuzz
// target. Any sequence of numbers gives a valid rule set.
using draw = std::function<std::uint64_t()>;

struct generated {
  std::string rules;                  // one `.elig` file
  std::vector<std::string> profiles;  // TOML, for these rules
  std::vector<std::string> as_of;     // dates to decide them at
};

[[nodiscard]] generated generate(const draw& next, int profiles);

// A seeded draw (splitmix64), for tests.
[[nodiscard]] draw seeded(std::uint64_t seed);

}  // namespace elig::testgen
