#pragma once
// What `elig serve` answers, without sockets: each endpoint is a function from a request to a
// response, so tests and fuzzers call them directly. The rule set can be replaced at any time
// (hot reload); a request keeps the rule set it started with. The endpoints are one table
// (routes()): dispatch, the query keys each takes, /metrics labels and /v1/openapi.json all
// read it.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <elig/elig.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "metrics.hpp"
#include "records.hpp"

namespace elig::server {

struct request {
  std::string method;  // "GET", "POST"
  std::string path;    // "/v1/check"
  std::multimap<std::string, std::string> query;
  std::string content_type;
  std::string body;
  std::string request_id;     // the client's X-Request-Id, or one made for it
  std::string authorization;  // the Authorization header
  std::string client;         // the peer's address: whom a rate limit counts against
  std::string origin;         // the Origin header (CORS)
};

struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// One endpoint.
struct route {
  std::string_view method;              // "GET" (HEAD too) or "POST"
  std::string_view path;                // "/v1/explain/{provision}": one parameter at the end
  std::string_view name;                // /metrics label and OpenAPI operationId
  std::vector<std::string_view> query;  // the query keys it takes; any other is a 400
  bool takes_profile = false;           // the body is a profile (JSON or TOML)
  bool open = false;                    // answered without a token (/healthz)
  std::string_view summary;
};
[[nodiscard]] const std::vector<route>& routes();

struct service_options {
  std::string rules_path;               // a folder or file of rules, for reloads
  std::string decision_log;             // append a decision record per decision (empty: none)
  std::vector<std::string> mask_facts;  // text facts written masked in decision records
  date default_as_of;  // when a request gives no `as_of` (empty date: today, per request)
  std::vector<std::string> tokens;  // bearer tokens; empty: no authentication
  double rate_limit = 0;            // requests a second per client; 0: no limit
  double rate_burst = 0;            // bucket size; 0: the rate (at least 1)
  std::string cors_origin;          // allowed Origin ("*" for any); empty: no CORS
};

class service {
 public:
  explicit service(service_options opts);

  // (Re)compiles the rules; on failure the old rule set stays and the error is kept for
  // /healthz. Returns whether the new rules are in use. Throws std::runtime_error when a
  // masked fact is not a text fact of the rules.
  bool reload();
  [[nodiscard]] std::shared_ptr<const ruleset> rules() const;

  // A rule set with what is built once per rule set: the writer of compact decision lines.
  struct loaded {
    std::shared_ptr<const ruleset> rules;
    decision_json_writer writer;
    explicit loaded(std::shared_ptr<const ruleset> r) : rules(std::move(r)), writer(*rules) {}
  };
  [[nodiscard]] std::string last_reload_error() const;

  response handle(const request& r);
  metrics& stats() { return metrics_; }
  [[nodiscard]] const service_options& options() const { return opts_; }

 private:
  [[nodiscard]] std::shared_ptr<const loaded> current() const;
  std::optional<response> admit(const request& r, const route* rt);
  response dispatch(const request& r, const route& rt, const loaded& now,
                    std::string_view parameter);
  response evaluate(const request& r, const route& rt, const loaded& now, const std::string& only);
  response explain(const request& r, const route& rt, const loaded& now, const std::string& id);
  response decide(const request& r, const route& rt, const loaded& now);
  response diff(const request& r, const route& rt, const loaded& now);
  response paths(const request& r, const route& rt, const loaded& now);
  response sweep(const request& r, const route& rt, const loaded& now);
  response healthz(const std::shared_ptr<const ruleset>& rules) const;
  void record(const loaded& now, const profile& p, const decide_options& o, const decision& d);

  service_options opts_;
  token_check tokens_;
  rate_limiter limiter_;
  mutable std::mutex m_;
  std::shared_ptr<const loaded> loaded_;
  std::string loaded_at_;
  std::string last_error_;
  std::uint64_t reloads_ = 0;
  metrics metrics_;
  std::unique_ptr<record_log> log_;
};

// A JSON Schema (2020-12) of the profile, with zh/en labels, from the rules' schema.
[[nodiscard]] std::string profile_json_schema(const ruleset& rules);
// The OpenAPI 3.1 document of every route, with the profile schema of `rules`.
[[nodiscard]] std::string openapi_document(const ruleset& rules);

// The page served at `/` (HTML with its script and style inline: no CDN, no internet).
[[nodiscard]] std::string_view web_page();

}  // namespace elig::server
