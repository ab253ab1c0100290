#pragma once
// A loaded profile's values, typed once for the compiled evaluator.
#include "check/ir.hpp"
#include "support/profile_data.hpp"

namespace elig::profiles {

void type_profile(const check::program& prog, detail::profile_data& data);

}  // namespace elig::profiles
