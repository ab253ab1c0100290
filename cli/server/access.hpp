#pragma once
// Who may call `elig serve`, and how often: bearer tokens from a file, and a request rate per
// client (a token bucket: `rate` requests a second on average, bursts of `burst`).
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace elig::server {

// The tokens of a token file: one a line; blank lines and lines starting with `#` are skipped.
// Throws std::runtime_error, naming the file and line, on a file that cannot be read, a token
// with spaces or control characters, or a file with no token at all.
[[nodiscard]] std::vector<std::string> read_token_file(const std::string& path);

class token_check {
 public:
  explicit token_check(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}
  [[nodiscard]] bool enabled() const { return !tokens_.empty(); }
  // The token of an `Authorization: Bearer ...` header, if it is one of ours. Compared in time
  // that does not depend on where a wrong token differs.
  [[nodiscard]] std::optional<std::string> accept(std::string_view authorization) const;

 private:
  std::vector<std::string> tokens_;
};

class rate_limiter {
 public:
  using clock = std::chrono::steady_clock;
  rate_limiter(double per_second, double burst) : rate_(per_second), burst_(burst) {}
  [[nodiscard]] bool enabled() const { return rate_ > 0; }
  // Takes one request from `client`'s bucket; false (and the seconds until one is free, in
  // `retry_after`) when it is empty.
  bool take(const std::string& client, clock::time_point now, double& retry_after);

 private:
  struct bucket {
    double tokens;
    clock::time_point last;
  };
  double rate_, burst_;
  std::mutex m_;
  std::unordered_map<std::string, bucket> buckets_;
};

}  // namespace elig::server
