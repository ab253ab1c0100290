#pragma once
// Every 4xx and 5xx answer of `elig serve` in one shape: RFC 9457 problem details
// (`application/problem+json`), with the located diagnostics of a bad profile in `errors`.
#include <optional>
#include <string>
#include <string_view>

#include "elig/diagnostic.hpp"

namespace elig::server {

struct response;

// The kinds of problem the service reports; each has a `type` URI and a fixed title.
enum class problem_kind {
  bad_request,         // 400: malformed query or body framing
  unknown_parameter,   // 400: a query key the endpoint does not take
  bad_parameter,       // 400: a query value that does not parse
  unauthorized,        // 401: no token, or a wrong one
  not_found,           // 404: no such endpoint
  unknown_provision,   // 404
  method_not_allowed,  // 405
  too_large,           // 413
  uri_too_long,        // 414
  unsupported_type,    // 415: a body that is neither JSON nor TOML by its Content-Type
  invalid_profile,     // 422: the profile has errors (`errors` lists them)
  invalid_reform,      // 422: a `set` names no parameter, or a value of the wrong type
  too_many_requests,   // 429
  headers_too_large,   // 431
  internal,            // 500
  no_rules,            // 503: no rule set compiled
};

struct problem {
  problem_kind kind;
  std::string detail;
  std::string help;  // what to do instead; empty: none
};

[[nodiscard]] int problem_status(problem_kind kind);
// `urn:elig:problem:<slug>` by kind: a stable name a client can branch on.
[[nodiscard]] std::string problem_type(problem_kind kind);
[[nodiscard]] std::string_view problem_title(problem_kind kind);
// The httplib-level errors (413, 414, 431, 400) by status.
[[nodiscard]] problem_kind problem_for_status(int status);

// The response for a problem; `diagnostics` (a JSON array) becomes `errors`.
[[nodiscard]] response problem_response(const problem& p, std::string_view request_id,
                                        std::string_view diagnostics = "[]");
// A bad profile: 422 with every diagnostic, located.
[[nodiscard]] response profile_problem(const diagnostic_list& d, const source_manager& s,
                                       std::string_view request_id);

}  // namespace elig::server
