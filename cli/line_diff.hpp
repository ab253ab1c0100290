#pragma once
// A unified diff of two texts, line by line (LCS), for `elig fmt --diff`.
#include <string>
#include <string_view>

namespace elig::cli {

[[nodiscard]] std::string unified_diff(std::string_view before, std::string_view after,
                                       const std::string& name, int context = 2);

}  // namespace elig::cli
