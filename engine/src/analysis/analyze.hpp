#pragma once
// Static analysis of a checked program: warnings an officer wants before publishing a rule.
// What it can and cannot prove is in docs/analysis.md.
#include "check/ir.hpp"
#include "elig/diagnostic.hpp"
#include "elig/ruleset.hpp"
#include "fast/plan.hpp"

namespace elig::analysis {

struct options {
  date as_of;  // windows closed before this date are reported; witnesses are evaluated at it
  // Both null when the program has errors: then only what the checked conditions prove is
  // reported (contradictions, closed windows), so an officer sees it before fixing the rest.
  const fast::plan* plan = nullptr;  // the program compiled, for constant conditions
  const ruleset* rules = nullptr;    // the same, to decide witness profiles
};

void analyze(const check::program& prog, const options& opts, diagnostic_list& out);

}  // namespace elig::analysis
