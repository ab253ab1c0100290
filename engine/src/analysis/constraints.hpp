#pragma once
// What a conjunction of simple conditions requires of each fact: numeric intervals, boolean
// values, enumeration members. Sound for contradictions: conditions it cannot read are ignored,
// so an empty requirement proves the conjunction can never hold, never the other way round.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "check/bounds.hpp"
#include "check/ir.hpp"

namespace elig::analysis {

struct interval {
  std::optional<decimal> lo, hi;
  bool lo_open = false, hi_open = false;
  [[nodiscard]] bool empty() const;
  void meet(const interval& o);
};

struct requirements {
  std::map<std::uint32_t, interval> numbers;  // by fact slot (dates as day numbers)
  std::map<std::uint32_t, bool> flags;
  std::map<std::uint32_t, std::set<std::string>> allowed;  // enumeration members allowed
  std::map<std::uint32_t, std::set<std::string>> denied;
  std::set<std::uint32_t> facts_seen;
  bool contradiction = false;
  std::string why;                        // the first contradiction, in words
  std::optional<std::uint32_t> conflict;  // the fact it is about, when one fact is

  // Adds what node `id` being `truth` requires.
  void require(const check::program& p, check::node_id id, bool truth);
};

using check::facts_read;  // check/bounds.hpp

}  // namespace elig::analysis
