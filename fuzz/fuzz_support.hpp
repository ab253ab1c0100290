#pragma once
// Shared by the fuzz targets: the bundled rules compiled once, and a check that aborts (so
// libFuzzer records the input) when an invariant does not hold.
#include <cstdio>
#include <cstdlib>
#include <elig/elig.hpp>

namespace elig::fuzz {

inline const compile_result& bundled() {
  static const compile_result compiled = compile_paths({ELIG_FUZZ_RULES_DIR});
  if (!compiled) {
    std::fputs(render_all(compiled.diagnostics(), compiled.sources()).c_str(), stderr);
    std::abort();
  }
  return compiled;
}

inline const ruleset& bundled_rules() { return *bundled().rules(); }

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

inline const date as_of = *date::from_ymd(2024, 12, 31);

}  // namespace elig::fuzz
