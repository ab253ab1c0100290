#pragma once
// `date(y, m, d)` of three numbers, one reading for both evaluators.
#include <optional>

#include "elig/date.hpp"
#include "elig/decimal.hpp"

namespace elig {

// The date, or nothing when it is not a real one. Each number is checked whole and within the
// calendar's range before it is narrowed to an int: narrowed first, -4294965272 would be read
// as 2024 (its low 32 bits) and give a plausible date from nonsense.
inline std::optional<date> date_of(decimal year, decimal month, decimal day) {
  const auto within = [](decimal x, int last) {
    return x.is_integer() && decimal::from_int(1) <= x && x <= decimal::from_int(last);
  };
  if (!within(year, 9999) || !within(month, 12) || !within(day, 31)) return std::nullopt;
  return date::from_ymd(static_cast<int>(year.to_int()), static_cast<int>(month.to_int()),
                        static_cast<int>(day.to_int()));
}

}  // namespace elig
