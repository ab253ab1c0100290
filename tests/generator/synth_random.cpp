// Writes the fast lanes of the random rule sets seeded `first` to `first + count - 1` as C++
// (elig/synthesise.hpp), compiled exactly as random_rules_test compiles them: linked into that
// test, their decisions with synthesised lanes are compared with every other mode.
// Usage: random_rules_synth FIRST COUNT OUTPUT
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "elig/ruleset.hpp"
#include "elig/synthesise.hpp"
#include "generator/random_rules.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: random_rules_synth FIRST COUNT OUTPUT\n";
    return 2;
  }
  const int first = std::atoi(argv[1]), count = std::atoi(argv[2]);
  std::vector<elig::compile_result> compiled;
  std::vector<std::pair<std::string, const elig::ruleset*>> sets;
  for (int seed = first; seed < first + count; ++seed) {
    const auto g =
        elig::testgen::generate(elig::testgen::seeded(static_cast<std::uint64_t>(seed)), 8);
    compiled.push_back(elig::compile_sources({{"random.elig", g.rules}}));
    if (!compiled.back()) {
      std::cerr << "random_rules_synth: seed " << seed << " does not compile\n";
      return 1;
    }
  }
  for (std::size_t k = 0; k < compiled.size(); ++k)
    sets.emplace_back("seed_" + std::to_string(first + static_cast<int>(k)), compiled[k].rules());
  std::ofstream out(argv[3], std::ios::binary);
  out << elig::synthesise_cpp(sets);
  return out.flush() ? 0 : 1;
}
