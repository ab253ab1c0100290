#include "problem.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "service.hpp"

namespace elig::server {

namespace {

struct kind_info {
  int status;
  std::string_view slug, title;
};

kind_info info(problem_kind k) {
  switch (k) {
    case problem_kind::bad_request:
      return {400, "bad-request", "The request is malformed"};
    case problem_kind::unknown_parameter:
      return {400, "unknown-parameter", "The endpoint does not take this query parameter"};
    case problem_kind::bad_parameter:
      return {400, "bad-parameter", "A query parameter has a value that is not valid"};
    case problem_kind::unauthorized:
      return {401, "unauthorized", "A valid bearer token is needed"};
    case problem_kind::not_found:
      return {404, "not-found", "No such endpoint"};
    case problem_kind::unknown_provision:
      return {404, "unknown-provision", "No such provision"};
    case problem_kind::method_not_allowed:
      return {405, "method-not-allowed", "The endpoint does not answer this method"};
    case problem_kind::too_large:
      return {413, "body-too-large", "The body is larger than the limit"};
    case problem_kind::uri_too_long:
      return {414, "uri-too-long", "The URI is too long"};
    case problem_kind::unsupported_type:
      return {415, "unsupported-media-type", "The body's media type is not JSON or TOML"};
    case problem_kind::invalid_profile:
      return {422, "invalid-profile", "The profile has errors"};
    case problem_kind::invalid_reform:
      return {422, "invalid-reform", "The reform does not apply to these rules"};
    case problem_kind::too_many_requests:
      return {429, "too-many-requests", "Too many requests from this client"};
    case problem_kind::headers_too_large:
      return {431, "headers-too-large", "The request headers are too large"};
    case problem_kind::internal:
      return {500, "internal-error", "Internal error"};
    case problem_kind::no_rules:
      return {503, "no-rules", "No rules are loaded"};
  }
  return {500, "internal-error", "Internal error"};
}

}  // namespace

int problem_status(problem_kind kind) { return info(kind).status; }

std::string problem_type(problem_kind kind) {
  return fmt::format("urn:elig:problem:{}", info(kind).slug);
}

std::string_view problem_title(problem_kind kind) { return info(kind).title; }

problem_kind problem_for_status(int status) {
  switch (status) {
    case 413:
      return problem_kind::too_large;
    case 414:
      return problem_kind::uri_too_long;
    case 431:
      return problem_kind::headers_too_large;
    case 404:
      return problem_kind::not_found;
    case 405:
      return problem_kind::method_not_allowed;
    default:
      return status >= 500 ? problem_kind::internal : problem_kind::bad_request;
  }
}

response problem_response(const problem& p, std::string_view request_id,
                          std::string_view diagnostics) {
  nlohmann::ordered_json j{{"type", problem_type(p.kind)},
                           {"title", problem_title(p.kind)},
                           {"status", problem_status(p.kind)},
                           {"detail", p.detail}};
  if (!p.help.empty()) j["help"] = p.help;
  if (!request_id.empty()) j["request_id"] = request_id;
  j["errors"] = nlohmann::ordered_json::parse(diagnostics);
  response r;
  r.status = problem_status(p.kind);
  r.content_type = "application/problem+json";
  r.body = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  return r;
}

response profile_problem(const diagnostic_list& d, const source_manager& s,
                         std::string_view request_id) {
  std::size_t errors = 0;
  for (const auto& x : d.items()) errors += x.sev == severity::error;
  return problem_response(
      {problem_kind::invalid_profile,
       fmt::format("the profile has {} error{}: each is in `errors`, with its line and column",
                   errors, errors == 1 ? "" : "s"),
       "correct them and send the profile again; GET /v1/schema describes every fact"},
      request_id, render_json_array(d, s));
}

}  // namespace elig::server
