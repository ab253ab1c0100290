#pragma once
// What `elig serve` answers, without sockets: each endpoint is a function from a request to a
// response, so tests and fuzzers call them directly. The rule set can be replaced at any time
// (hot reload); a request keeps the rule set it started with.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <elig/elig.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "metrics.hpp"
#include "records.hpp"

namespace elig::server {

struct request {
  std::string method;  // "GET", "POST"
  std::string path;    // "/v1/check"
  std::map<std::string, std::string> query;
  std::string content_type;
  std::string body;
};

struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

struct service_options {
  std::string rules_path;    // a folder or file of rules, for reloads
  std::string decision_log;  // append a decision record per decision (empty: none)
  date default_as_of;        // when a request gives no `as_of` (empty date: today, per request)
};

class service {
 public:
  explicit service(service_options opts);

  // (Re)compiles the rules; on failure the old rule set stays and the error is kept for
  // /healthz. Returns whether the new rules are in use.
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
  response evaluate(const request& r, const loaded& now, const std::string& only);
  response explain(const request& r, const loaded& now, const std::string& id);
  response decide(const request& r, const loaded& now);
  response healthz(const std::shared_ptr<const ruleset>& rules) const;

  service_options opts_;
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

// The page served at `/` (HTML with its script and style inline: no CDN, no internet).
[[nodiscard]] std::string_view web_page();

}  // namespace elig::server
