#pragma once
// Runtime values. Texts, lists and records are views into storage owned by the profile or the
// rule set, so evaluating a condition never allocates; they live as long as their owner.
#include <cstdint>
#include <string_view>
#include <variant>

#include "elig/date.hpp"
#include "elig/decimal.hpp"

namespace elig {

struct duration {
  std::int32_t months = 0;
  std::int32_t days = 0;
  friend bool operator==(const duration&, const duration&) = default;
};

class value;
struct record_value;

struct list_view {
  const value* data = nullptr;
  std::uint32_t size = 0;
  [[nodiscard]] const value* begin() const { return data; }
  [[nodiscard]] const value* end() const;
};

// A missing fact is `unknown`: the monostate alternative.
using unknown = std::monostate;

class value {
 public:
  using storage = std::variant<unknown, bool, decimal, date, duration, std::string_view, list_view,
                               const record_value*>;
  value() = default;
  value(bool b) : v_(b) {}      // NOLINT(google-explicit-constructor): values are literals too
  value(decimal d) : v_(d) {}   // NOLINT
  value(date d) : v_(d) {}      // NOLINT
  value(duration d) : v_(d) {}  // NOLINT
  value(std::string_view s) : v_(s) {}     // NOLINT
  value(list_view l) : v_(l) {}            // NOLINT
  value(const record_value* r) : v_(r) {}  // NOLINT

  [[nodiscard]] bool known() const { return !std::holds_alternative<unknown>(v_); }
  [[nodiscard]] bool as_bool() const { return std::get<bool>(v_); }
  [[nodiscard]] decimal as_decimal() const { return std::get<decimal>(v_); }
  [[nodiscard]] date as_date() const { return std::get<date>(v_); }
  [[nodiscard]] duration as_duration() const { return std::get<duration>(v_); }
  [[nodiscard]] std::string_view as_text() const { return std::get<std::string_view>(v_); }
  [[nodiscard]] list_view as_list() const { return std::get<list_view>(v_); }
  [[nodiscard]] const record_value& as_record() const { return *std::get<const record_value*>(v_); }
  [[nodiscard]] const storage& raw() const { return v_; }

 private:
  storage v_;
};

inline const value* list_view::end() const { return data + size; }

struct record_value {
  const value* fields = nullptr;  // by field slot of the record type
  std::uint32_t size = 0;
  std::uint32_t index = 0;  // position in its list, for `position()` and for naming `loans[2]`
  std::uint32_t owner = 0xFFFFFFFF;  // fact slot of the list it belongs to, if any
};

}  // namespace elig
