#pragma once
// What a screening adds up: profiles, errors, per provision how many are eligible and
// undetermined, and the budget (the sum of the totals). Partial summaries (a worker's, a
// cluster partition's) merge; a summary is written as the last line of `elig batch` and read
// back from it, so that partitions in other processes can be merged (docs/json.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "elig/decimal.hpp"
#include "elig/decision.hpp"
#include "elig/ruleset.hpp"

namespace elig {

class batch_summary {
 public:
  batch_summary() = default;
  explicit batch_summary(const ruleset& rules);

  void add(const decision& d);  // a decided profile
  void add_error() {            // a profile that did not load
    ++profiles_;
    ++errors_;
  }
  // Another summary over the same rules.
  void merge(const batch_summary& other);

  [[nodiscard]] std::uint64_t profiles() const { return profiles_; }
  [[nodiscard]] std::uint64_t errors() const { return errors_; }
  [[nodiscard]] bool overflow() const { return overflow_; }

  // `{"version":2,"summary":{...}}` and a newline.
  [[nodiscard]] std::string json() const;
  // The same for people: counts per provision, the budget, and how long it took.
  [[nodiscard]] std::string text(double seconds) const;
  // A summary from its json() line, over `rules`; nullopt if it is not one, or names other
  // provisions.
  [[nodiscard]] static std::optional<batch_summary> from_json(const ruleset& rules,
                                                              std::string_view line);

 private:
  std::vector<std::string> ids_;  // the provisions, in rule order
  std::uint64_t profiles_ = 0, errors_ = 0;
  std::vector<std::uint64_t> eligible_, undetermined_;  // per provision
  decimal total_min_, total_max_;
  bool overflow_ = false;
};

}  // namespace elig
