#pragma once
// Readable labels built from the checked program and the values a traced decision recorded
// (fast/observer.hpp), in Chinese and English.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/ir.hpp"
#include "elig/report.hpp"
#include "fast/observer.hpp"

namespace elig::explain {

// A value as a reader sees it: money grouped to the fen, an enum member by its label.
[[nodiscard]] std::string format_value(const check::program& p, const fast::fval& v,
                                       const check::type& t, bool en);
// A rule literal (a scalar), the same way.
[[nodiscard]] std::string format_value(const check::program& p, const value& literal,
                                       const check::type& t, bool en);

class labeller {
 public:
  // Words in `lang` only; without, in both languages.
  labeller(const check::program& p, std::optional<language> lang);

  // A condition with the values the run used; its outcome and missing facts are the caller's.
  [[nodiscard]] condition_trace condition(const check::condition& c,
                                          const fast::trace_view& trace) const;
  // An amount's arithmetic; `item` is a per-item benefit's item (from 0, named by its own name
  // or place), -1 for a plain benefit.
  [[nodiscard]] amount_step amount(const check::benefit& b, const fast::trace_view& trace,
                                   std::int32_t item) const;

 private:
  const check::program& p_;
  std::vector<bool> languages_{false, true};  // false: zh, true: en
};

}  // namespace elig::explain
