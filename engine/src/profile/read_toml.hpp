#pragma once
// TOML (toml++) -> input tree.
#include "profile/toml.hpp"

#include "elig/source.hpp"
#include "profile/input.hpp"

namespace elig::profiles {

[[nodiscard]] input_node read_toml(const toml::node& node, const source_file& file,
                                   std::uint32_t file_id);

}  // namespace elig::profiles
