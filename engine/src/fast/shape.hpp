#pragma once
// A rule set's shape as the steps written once over it read it (plain_total.hpp,
// exclusion_report.hpp): from the plan here, as constants in a synthesised pass
// (synth_writer.cpp), where the compiler unrolls the loops over it.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include "fast/plan.hpp"

namespace elig::fast {

// The shape as the plan holds it.
struct plan_shape {
  const plan& p;
  [[nodiscard]] std::size_t provisions() const { return p.provisions.size(); }
  [[nodiscard]] std::size_t exclusions() const { return p.exclusions.size(); }
  [[nodiscard]] std::size_t combinations() const { return p.combinations.size(); }
  [[nodiscard]] std::span<const std::pair<std::uint32_t, std::int32_t>> members(
      std::size_t c) const {
    return p.combinations[c].members;
  }
  // Counted members from which the group acts: two for take-highest, one for a cap.
  [[nodiscard]] std::size_t acts_from(std::size_t c) const {
    return p.combinations[c].highest ? 2 : 1;
  }
};

}  // namespace elig::fast
