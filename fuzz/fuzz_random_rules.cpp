// Random valid rule sets drawn from the fuzzer's bytes (tests/generator/random_rules.hpp): each
// must compile, each of its profiles load, and the report agree with the decision in every mode
// (elig::disagreements), at every date the generator gives.
#include <cstring>
#include <string>

#include "fuzz_support.hpp"
#include "generator/every_mode.hpp"
#include "generator/random_rules.hpp"

using namespace elig;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Eight bytes a choice; past the input's end the choices repeat from its start (or are 0).
  std::size_t at = 0;
  const testgen::draw next = [&]() {
    std::uint64_t v = 0;
    for (int k = 0; k < 8 && size > 0; ++k) v = (v << 8) | data[at++ % size];
    return v;
  };
  const testgen::generated g = testgen::generate(next, 3);
  const compile_result c = compile_sources({{"random.elig", g.rules}});
  if (!c) std::fputs((render_all(c.diagnostics(), c.sources()) + g.rules).c_str(), stderr);
  fuzz::require(c.ok(), "a generated rule set compiles");
  for (const auto& text : g.profiles) {
    const profile_result loaded = c.rules()->load_profile(text, "random.toml");
    if (!loaded)
      std::fputs((render_all(loaded.diagnostics(), loaded.sources()) + text).c_str(), stderr);
    fuzz::require(loaded.ok(), "a generated profile loads");
    for (const auto& day : g.as_of) {
      explain_options eo;
      eo.as_of = *date::parse(day);
      const report r = c.rules()->explain(loaded.get(), eo);
      for (const decide_options& o : testgen::every_mode(eo.as_of)) {
        const auto lines = disagreements(r, c.rules()->decide(loaded.get(), o), o);
        for (const auto& line : lines) std::fprintf(stderr, "%s\n", line.c_str());
        fuzz::require(lines.empty(), "every mode agrees with the explanation");
      }
    }
  }
  return 0;
}
