#pragma once
// Loading a profile from a TOML table that is part of a larger file (an `elig test` case), so
// diagnostics point into that file.
#include "check/ir.hpp"
#include "elig/profile.hpp"
#include "profile/toml.hpp"

namespace elig::profiles {

[[nodiscard]] profile_result load_profile_table(const check::program& prog, const toml::table& root,
                                                std::string name,
                                                std::shared_ptr<source_manager> sources,
                                                std::uint32_t file);

}  // namespace elig::profiles
