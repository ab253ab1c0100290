#pragma once
// Name resolution and type checking: parse trees of all files in, one immutable program out.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "check/ir.hpp"
#include "elig/diagnostic.hpp"

namespace elig::syntax::ast {
struct rule_file;
struct expression;
}  // namespace elig::syntax::ast

namespace elig::check {

// A parameter's value set from outside the rules (`--set NAME=VALUE`): a reform tried without
// editing them. `value` was parsed from `file` (the text as given); the value holds on every date.
struct override_value {
  std::string name;
  source_span name_span;
  const syntax::ast::expression* value = nullptr;
  std::uint32_t file = 0;
};

// Returns a program even when there are errors (for listing what did check); callers must not
// evaluate it unless `diags.has_errors()` is false.
[[nodiscard]] std::unique_ptr<program> check_program(
    const std::vector<std::pair<std::uint32_t, const syntax::ast::rule_file*>>& files,
    diagnostic_list& diags, const std::vector<override_value>& overrides = {});

}  // namespace elig::check
