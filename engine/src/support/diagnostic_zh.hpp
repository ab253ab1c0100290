#pragma once
// The Chinese wording of diagnostics whose site gives only English (rule diagnostics).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace elig {

// The message, help or note in Chinese, when the catalogue knows its English template.
[[nodiscard]] std::optional<std::string> translate_zh(std::string_view english);

// Every (English template, Chinese template) pair, for the catalogue's own tests.
[[nodiscard]] std::vector<std::pair<std::string_view, std::string_view>> zh_catalogue();

}  // namespace elig
