#pragma once
// Name resolution and type checking: parse trees of all files in, one immutable program out.
#include <memory>
#include <utility>
#include <vector>

#include "check/ir.hpp"
#include "elig/diagnostic.hpp"

namespace elig::syntax::ast {
struct rule_file;
}

namespace elig::check {

// Returns a program even when there are errors (for listing what did check); callers must not
// evaluate it unless `diags.has_errors()` is false.
[[nodiscard]] std::unique_ptr<program> check_program(
    const std::vector<std::pair<std::uint32_t, const syntax::ast::rule_file*>>& files,
    diagnostic_list& diags);

}  // namespace elig::check
