#pragma once
// A profile written back as canonical JSON: facts in schema order, unknown facts left out, no
// spaces, money and other decimals as exact JSON numbers, percentages as "12.5%", dates as
// "YYYY-MM-DD". It loads back (as JSON) to the same facts, so a decision record can be replayed,
// and equal profiles give equal bytes, so its sha256 identifies the profile.
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "elig/profile.hpp"
#include "elig/ruleset.hpp"

namespace elig {

// The facts named in `masked` are written as "***" (a decision log kept without names).
[[nodiscard]] std::string canonical_profile_json(const ruleset& rules, const profile& p,
                                                 std::span<const std::string> masked = {});

// The same with some facts replaced: (fact slot, the JSON text of its new value).
[[nodiscard]] std::string profile_json_with(
    const ruleset& rules, const profile& p,
    std::span<const std::pair<std::uint32_t, std::string>> replaced);
// The profile with those facts replaced, loaded (what-ifs: paths, curves); named as `p` is.
[[nodiscard]] profile_result profile_with(
    const ruleset& rules, const profile& p,
    std::span<const std::pair<std::uint32_t, std::string>> replaced);

}  // namespace elig
