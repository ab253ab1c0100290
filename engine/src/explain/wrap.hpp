#pragma once
// Lines of a report folded to a width in terminal columns (CJK characters take two), so that
// Chinese and English reports alike fit 100 columns. A continuation is indented under a list
// item's text ("- ", "✔ "), or four columns in. Colour escapes take no room.
#include <cstddef>
#include <string>
#include <string_view>

namespace elig::explain {

[[nodiscard]] std::string wrap_lines(std::string_view text, std::size_t width = 100);

}  // namespace elig::explain
