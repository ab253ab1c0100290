#pragma once
// Helpers shared by the engine tests: the bundled rules (compiled once) and small in-memory sets.
#include <gtest/gtest.h>

#include <elig/elig.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/modes.hpp"

namespace elig::test {

inline const ruleset& bundled() {
  static const compile_result compiled = compile_paths({ELIG_RULES_DIR});
  if (!compiled) {
    ADD_FAILURE() << render_all(compiled.diagnostics(), compiled.sources());
    std::abort();
  }
  return *compiled.rules();
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline date day(const char* iso) { return *date::parse(iso); }

// Evaluates a TOML profile; fails the test (with the diagnostics) when it does not load, or
// when a decision in any mode (lanes on and off, each level of detail) differs from the report.
inline report run(const ruleset& rules, std::string_view toml, const char* as_of = "2024-12-31",
                  bool explain = true) {
  auto loaded = rules.load_profile(toml, "test.toml");
  if (!loaded) {
    ADD_FAILURE() << render_all(loaded.diagnostics(), loaded.sources());
    return {};
  }
  explain_options o;
  o.as_of = day(as_of);
  o.explain = explain;
  report r = rules.explain(loaded.get(), o);
  EXPECT_EQ(differences_between_modes(rules, loaded.get(), r, o.as_of, false, std::string(toml)),
            0);
  return r;
}

inline const provision_result& find(const report& d, std::string_view id) {
  for (const auto& p : d.provisions)
    if (p.id == id) return p;
  static provision_result none;
  ADD_FAILURE() << "no provision " << id;
  return none;
}

inline decimal money(const char* s) { return *decimal::parse(s); }

}  // namespace elig::test
