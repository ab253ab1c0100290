#pragma once
// Evaluation helpers for the analysis: constant folding, upper bounds of amounts, and witness
// profiles that are checked by evaluating them.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/bounds.hpp"
#include "check/ir.hpp"
#include "elig/ruleset.hpp"
#include "fast/plan.hpp"

namespace elig::analysis {

// The value of a boolean expression that reads no fact; nullopt if it cannot be evaluated.
[[nodiscard]] std::optional<bool> constant_value(const check::program& prog, const fast::plan& p,
                                                 check::node_id id);

// An upper bound of an amount from its literals (`min(x, 0 yuan)` is at most 0); nullopt if
// unknown.
using check::upper_bound;  // check/bounds.hpp

// A TOML profile under which every (provision, part) given is eligible at `as_of`, found from
// the conditions' requirements and confirmed by deciding it with `rules` (compiled from `p`);
// nullopt if none was found.
[[nodiscard]] std::optional<std::string> find_witness(
    const check::program& p, const ruleset& rules,
    const std::vector<std::pair<std::uint32_t, std::int32_t>>& members, date as_of);

}  // namespace elig::analysis
