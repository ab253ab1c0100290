#pragma once
// `elig fmt`: the canonical layout of rule files.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "elig/diagnostic.hpp"
#include "elig/source.hpp"

namespace elig {

// Re-lays out a rule file: indentation by nesting, one space between tokens (none inside
// brackets, before commas, around `.`, or between a function and its `(`), line breaks as the
// author wrote them, blank lines collapsed, comments kept where they were. Only white space
// changes, so the token sequence (and with it the meaning) is the same; idempotent.
[[nodiscard]] std::string format_rules(std::string_view text);

// The file's tokens without white space and comments: equal before and after formatting.
[[nodiscard]] std::vector<std::string> rule_tokens(std::string_view text);

struct syntax_result {
  diagnostic_list diags;
  std::shared_ptr<source_manager> sources = std::make_shared<source_manager>();
};

// Parses one file alone (no name resolution): the formatter refuses files that do not parse.
[[nodiscard]] syntax_result check_syntax(std::string_view text, std::string name);

}  // namespace elig
