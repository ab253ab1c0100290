#pragma once
// A rule set's fast lanes written as C++ (docs/performance.md, "Synthesised lanes"): a program
// that compiles and links the file decides the same rules with their lanes compiled, and the
// same answers. `elig-synth` writes such a file; CMake's elig_synthesise() builds it into a
// target (cmake/elig_synthesise.cmake). The file includes the engine's own headers
// (engine/src): it is built inside this project.
#include <string>
#include <utility>
#include <vector>

namespace elig {

class ruleset;

// One source file for these rule sets, each as (a C++ identifier for it, the rules).
[[nodiscard]] std::string synthesise_cpp(
    const std::vector<std::pair<std::string, const ruleset*>>& sets);

// Whether the rules decide with a synthesised pass: one for exactly these rules is linked in.
[[nodiscard]] bool has_synthesised_lanes(const ruleset& rules);

}  // namespace elig
