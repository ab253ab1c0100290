#pragma once
// Counters for /metrics, in the Prometheus text format. Lock-free: every request adds to them.
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "elig/report.hpp"

namespace elig::server {

class metrics {
 public:
  static constexpr std::array<double, 10> buckets{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                  0.025,  0.05,  0.1,    0.5,   1.0};
  // Requests are counted by endpoint: `names` (the routes' names); a request that matches
  // none is counted as `unmatched`.
  explicit metrics(std::vector<std::string> names);

  void observe(std::size_t endpoint, int status, double seconds);
  [[nodiscard]] std::size_t unmatched() const { return names_.size() - 1; }
  void decided(status s) { decisions_[static_cast<std::size_t>(s)].fetch_add(1); }
  void reloaded(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1); }
  [[nodiscard]] std::string text() const;

 private:
  static constexpr std::size_t classes = 5;  // 1xx .. 5xx
  std::vector<std::string> names_;
  std::vector<std::array<std::atomic<std::uint64_t>, classes>> requests_;
  std::array<std::atomic<std::uint64_t>, buckets.size() + 1> latency_{};
  std::atomic<std::uint64_t> latency_micros_{0}, latency_count_{0};
  std::array<std::atomic<std::uint64_t>, 5> decisions_{};
  std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0};
};

}  // namespace elig::server
