#pragma once
// TOML (toml++) -> input tree.
#include "elig/source.hpp"
#include "profile/input.hpp"
#include "profile/toml.hpp"

namespace elig::profiles {

[[nodiscard]] input_node read_toml(const toml::node& node, const source_file& file,
                                   std::uint32_t file_id);

}  // namespace elig::profiles
