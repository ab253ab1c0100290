#pragma once
// The words of a verdict, shared by decisions and reports: statuses, amounts, outcomes.
#include <cstdint>
#include <optional>
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

// The languages elig speaks: Chinese, the language of the policies, and English.
enum class language : std::uint8_t { zh, en };
[[nodiscard]] constexpr std::string_view language_code(language l) {
  return l == language::en ? "en" : "zh";
}
// "zh" or "en"; nothing for anything else.
[[nodiscard]] constexpr std::optional<language> parse_language(std::string_view code) {
  if (code == "zh") return language::zh;
  if (code == "en") return language::en;
  return std::nullopt;
}

struct bitext {
  std::string zh;
  std::string en;
  // The English where there is one, else the Chinese.
  [[nodiscard]] const std::string& in(language l) const {
    return l == language::en && !en.empty() ? en : zh;
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
