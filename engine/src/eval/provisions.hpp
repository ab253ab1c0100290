#pragma once
// Decides each provision: in force, conditions, history, parts and amounts; then the total.
#include "elig/report.hpp"
#include "eval/evaluator.hpp"

namespace elig::eval {

// Implemented by explain/: turns the values a condition or amount just used into readable text.
// The evaluator calls it right after evaluating, while the trace still holds those values.
class trace_sink {
 public:
  virtual ~trace_sink() = default;
  virtual condition_trace on_condition(const check::condition& c, const context& ctx) = 0;
  virtual amount_step on_amount(const check::benefit& b, const context& ctx,
                                const std::string& item) = 0;
};

struct evaluation_options {
  date as_of;
  bool include_drafts_in_total = false;
  // Trace only this provision (by index); the others are decided without an explanation.
  std::optional<std::size_t> only;
};

[[nodiscard]] report evaluate_all(const check::program& prog, const profile& p,
                                  const evaluation_options& opts, trace_sink* sink);

// Applies take-highest groups and caps, and sums what is counted (combine.cpp).
void combine(const check::program& prog, report& d, bool include_drafts);

}  // namespace elig::eval
