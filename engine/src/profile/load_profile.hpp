#pragma once
// TOML text -> profile, validated against the checked schema. Every problem is located.
#include "check/ir.hpp"
#include "elig/profile.hpp"

namespace elig::profiles {

[[nodiscard]] profile_result load_profile(const check::program& prog, std::string_view text,
                                          std::string name);

}  // namespace elig::profiles
