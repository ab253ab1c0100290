#pragma once
// The words of a verdict, shared by decisions and reports: statuses, amounts, outcomes.
#include <cstdint>
#include <string>
#include <string_view>

#include "elig/decimal.hpp"

namespace elig {

enum class status { eligible, ineligible, undetermined, not_in_force, not_encodable };
[[nodiscard]] std::string_view status_name(status s);  // "eligible", ...

enum class amount_kind { none, fixed, up_to, range };
[[nodiscard]] std::string_view amount_kind_name(amount_kind k);  // "fixed", "up_to", ...

struct amount {
  amount_kind kind = amount_kind::none;
  decimal min;
  decimal max;
};

struct bitext {
  std::string zh;
  std::string en;
  [[nodiscard]] const std::string& in(std::string_view lang) const {
    return lang == "en" && !en.empty() ? en : zh;
  }
};

enum class outcome { yes, no, unknown, not_evaluated };

// What a condition is: a global exclusion, `when`, `unless`, `for at most N years`, `pays once`,
// or (inside another's details) what a named predicate is made of.
enum class condition_kind : std::uint8_t { exclusion, when, unless, years, once, definition };
[[nodiscard]] std::string_view condition_kind_name(condition_kind k);  // "when", ...

// Whether a document is in force, a draft for comment, or superseded.
enum class document_status : std::uint8_t { in_force, draft, superseded };
[[nodiscard]] std::string_view document_status_name(document_status s);  // "in_force", ...

struct total_amount {
  decimal min;
  decimal max;
};

}  // namespace elig
