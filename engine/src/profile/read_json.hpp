#pragma once
// JSON (simdjson on demand) -> input tree. Numbers keep the text they were written with, so
// `2.75` is read as exactly 2.75; every node knows where it stands in the file.
#include <optional>
#include <string_view>

#include "elig/diagnostic.hpp"
#include "elig/source.hpp"
#include "profile/input.hpp"

namespace elig::profiles {

// Nesting deeper than this is an error, not a deep recursion: a profile is at most a list of
// records holding lists.
inline constexpr std::size_t k_max_input_depth = 16;

[[nodiscard]] std::optional<input_node> read_json(const source_file& file, std::uint32_t file_id,
                                                  diagnostic_list& diags);

}  // namespace elig::profiles
