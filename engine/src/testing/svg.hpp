#pragma once
// What the SVG charts share (`elig diff --chart`, `elig sweep --chart`): text made safe for XML.
#include <string>
#include <string_view>

namespace elig {

[[nodiscard]] std::string svg_escape(std::string_view text);

}  // namespace elig
