#pragma once
// The open facts of a decision or a condition, named and ordered one way for every reader: a
// schema slot by its name, in the schema's order; an absent field of a list item
// (profile_data::places) as `loans[2].repaid_date`, after its list, by item, then field.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "check/ir.hpp"

namespace elig::fast {

// `Place` has `fact`, `index` and `field` (fast::place, decision::item_field).
template <typename Place>
void sort_open_facts(std::vector<std::uint32_t>& elements, std::uint32_t facts,
                     const std::vector<Place>& places) {
  const auto key = [&](std::uint32_t e) {
    if (e < facts) return std::tuple(e, 0u, 0u);
    const Place& at = places[e - facts];
    return std::tuple(at.fact, at.index + 1, at.field);
  };
  std::stable_sort(elements.begin(), elements.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
}

template <typename Place>
std::string open_fact_name(const check::program& prog, const std::vector<Place>& places,
                           std::uint32_t element) {
  const auto facts = static_cast<std::uint32_t>(prog.facts.size());
  if (element < facts) return prog.facts[element].name;
  const Place& at = places[element - facts];
  const auto& list = prog.facts[at.fact];
  std::string_view field = "?";
  if (list.t.kind == check::base::record && list.t.ref < prog.records.size() &&
      at.field < prog.records[list.t.ref].fields.size())
    field = prog.records[list.t.ref].fields[at.field].name;
  return fmt::format("{}[{}].{}", list.name, at.index + 1, field);
}

}  // namespace elig::fast
