#pragma once
// What a traced decision shows as it goes (cel-cpp's evaluation listener): each condition's
// outcome, each amount worked out, the first evaluation error, with every node's value in the
// trace. explain/ renders an explanation from these and the checked program; the decision
// itself is the same with or without an observer.
#include <cstdint>
#include <vector>

#include "elig/report.hpp"
#include "fast/machine.hpp"

namespace elig::fast {

// The run's state an observer may read while it is called.
class trace_view {
 public:
  trace_view(const trace_store& trace, const scratch& s) : trace_(trace), s_(s) {}
  // A node's value in this run, or null when it was not evaluated.
  [[nodiscard]] const fval* value(std::int32_t node) const { return trace_.value(node); }
  // The elements of a set of open facts: fact slots, then places (profile_data::places), in
  // that order.
  [[nodiscard]] std::vector<std::uint32_t> elements(std::uint32_t set) const {
    std::vector<std::uint32_t> out;
    if (set == 0) return out;
    const std::uint64_t* bits = s_.sets.data() + static_cast<std::size_t>(set) * s_.words;
    for (std::uint32_t e = 0; e < s_.elements; ++e)
      if ((bits[e / 64] >> (e % 64)) & 1u) out.push_back(e);
    return out;
  }

 private:
  const trace_store& trace_;
  const scratch& s_;
};

class observer {
 public:
  virtual ~observer() = default;
  virtual void start(const trace_view& view) = 0;
  // A provision's condition, `index` in the decision's order (the exclusions, the document's,
  // its own, then `pays once`); `missing` is a set of open facts, for an unknown outcome.
  virtual void condition(std::size_t provision, std::uint32_t index, outcome result,
                         std::uint32_t missing) = 0;
  // A part's own condition, `index` among the part's conditions.
  virtual void part_condition(std::size_t provision, std::uint32_t part, std::uint32_t index,
                              outcome result, std::uint32_t missing) = 0;
  // A part's amount just worked out: `item` is the list item's place for a per-item benefit,
  // -1 otherwise.
  virtual void amount(std::size_t provision, std::uint32_t part, std::int32_t item) = 0;
  // A part decided (not in error), with the facts that leave it open.
  virtual void part_done(std::size_t provision, std::uint32_t part, std::uint32_t missing) = 0;
  // A per-item part whose list is known and none of whose items qualifies.
  virtual void no_item(std::size_t provision, std::uint32_t part) = 0;
  // The evaluation error a provision's verdict keeps (the first in the decision's order).
  virtual void error(std::size_t provision, const failure& f) = 0;
  // An evaluation error in its parts left the provision without them (they read as not paid).
  virtual void parts_abandoned(std::size_t provision) = 0;
  // A global exclusion as the decision reports it (`yes`: it holds).
  virtual void exclusion(std::size_t index, outcome holds, std::uint32_t missing) = 0;
};

}  // namespace elig::fast
