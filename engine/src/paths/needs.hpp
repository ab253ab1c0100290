#pragma once
// What one alternative of a provision's requirements asks of each fact, read from its atoms: a
// range for numbers, money, years and dates, a value for yes/no facts, members for enumerations,
// members a list must hold or lack. Atoms of other shapes are `opaque`: they must already hold.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/ir.hpp"
#include "elig/decimal.hpp"
#include "fast/machine.hpp"
#include "paths/formula.hpp"
#include "support/profile_data.hpp"

namespace elig::paths {

struct need {
  std::optional<decimal> lo, hi;  // dates as day numbers
  bool lo_open = false, hi_open = false;
  std::optional<bool> flag;
  std::optional<std::set<std::string>> allowed;
  std::set<std::string> denied;
  std::set<std::string> includes, excludes;  // members of a list
  bool empty = false;                        // contradictory: no value satisfies
  std::uint64_t first = UINT64_MAX;          // the earliest condition asking it (order_of)
};

// Conditions in the order a decision reads them: the provision's (exclusions and document
// first), then each part's.
inline std::uint64_t order_of(const origin& o) {
  return (static_cast<std::uint64_t>(o.part + 1) << 32) | o.index;
}

struct alternative_needs {
  std::map<std::uint32_t, need> by_fact;  // by fact slot
  std::vector<atom> opaque;               // must hold as the profile stands
};

// Reads atoms against one profile: the other side of a comparison (a parameter, a date worked
// out from the claimed year) is evaluated with the profile's facts.
class reader {
 public:
  reader(const check::program& p, const fast::plan& plan, const detail::profile_data& data,
         date as_of);
  [[nodiscard]] alternative_needs read(const conjunction& c);
  // An atom's value as the profile stands: true, false, or none when unknown or in error.
  [[nodiscard]] std::optional<bool> holds(const atom& a);
  // A node's value as the profile stands; none when unknown or in error.
  [[nodiscard]] std::optional<fast::fval> eval(check::node_id id);

 private:
  bool comparison(const atom& a, alternative_needs& out);

  const check::program& p_;
  const fast::plan& plan_;
  const detail::profile_data& data_;
  date as_of_;
  fast::scratch scratch_;
};

}  // namespace elig::paths
