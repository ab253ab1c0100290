#pragma once
#include <cstdint>
#include <optional>
#include <set>

#include "check/ir.hpp"
#include "elig/date.hpp"
#include "elig/decimal.hpp"

namespace elig::check {

// Every fact a node reads, following definitions.
void facts_read(const program& p, node_id id, std::set<std::uint32_t>& out);

// The largest value node `id` can take whatever the facts, from the rules alone; nullopt when
// it depends on a fact in a way the bound cannot follow. Parameters count at `as_of` (without
// it, not at all); a parameter read on a date the profile gives counts at its largest row.
[[nodiscard]] std::optional<decimal> upper_bound(const program& p, node_id id,
                                                 std::optional<date> as_of = std::nullopt);

}  // namespace elig::check
