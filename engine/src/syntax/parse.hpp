#pragma once
// The syntax layer's one entry point: text in, parse tree and diagnostics out.
#include <optional>

#include "elig/diagnostic.hpp"
#include "elig/source.hpp"
#include "syntax/ast.hpp"

namespace elig::syntax {

struct parse_limits {
  std::size_t max_bytes = 1 << 20;
  std::size_t max_nesting = 64;
};

// Parses one file. Syntax errors are reported per declaration (and per document item), so one
// mistake does not hide the next; returns the declarations that parsed.
[[nodiscard]] ast::rule_file parse_file(const source_file& file, std::uint32_t file_id,
                                        const parse_limits& limits, diagnostic_list& diags);

// One expression from byte `offset` to the end of the file: the value of `--set NAME=VALUE`.
[[nodiscard]] std::optional<ast::expression> parse_expression(const source_file& file,
                                                              std::uint32_t file_id,
                                                              std::uint32_t offset,
                                                              diagnostic_list& diags);

}  // namespace elig::syntax
