#pragma once
// A report: the decision of a traced run (fast/decide.hpp) with the explanation its observer
// wrote as the run went, in a reader's words.
#include <string_view>

#include "check/ir.hpp"
#include "elig/decision.hpp"
#include "elig/report.hpp"
#include "elig/ruleset.hpp"
#include "fast/plan.hpp"

namespace elig::explain {

// `prog` and `plan` are the rule set's own.
[[nodiscard]] report explain_profile(const check::program& prog, const fast::plan& plan,
                                     const ruleset& rules, const profile& p,
                                     const explain_options& opts);

// The facts to ask next, best first, and their labels in the schema's words (questions.cpp).
void add_questions(const check::program& prog, report& r);

}  // namespace elig::explain
