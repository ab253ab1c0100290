#pragma once
// A report: the decision of a traced run (fast/decide.hpp) with the explanation its observer
// wrote as the run went, in a reader's words.
#include <memory>
#include <string_view>

#include "check/ir.hpp"
#include "elig/decision.hpp"
#include "elig/report.hpp"
#include "elig/ruleset.hpp"
#include "fast/observer.hpp"
#include "fast/plan.hpp"
#include "support/profile_data.hpp"

namespace elig::explain {

// The observer of a traced decision that writes its report: it labels each condition and
// amount as the run decides it, then lays the decision out with those labels.
class report_writer : public fast::observer {
 public:
  [[nodiscard]] virtual report assemble(const decision& d, bool include_drafts) const = 0;
};

// `data` is the profile's own typed facts.
[[nodiscard]] std::unique_ptr<report_writer> make_report_writer(const check::program& prog,
                                                                const profile& p,
                                                                const detail::profile_data& data,
                                                                const explain_options& opts);

// The facts to ask next, best first, and their labels in the schema's words (questions.cpp).
void add_questions(const check::program& prog, report& r);

}  // namespace elig::explain
