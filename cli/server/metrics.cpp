#include "metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace elig::server {

metrics::metrics(std::vector<std::string> names)
    : names_(std::move(names)), requests_(names_.size() + 1) {
  names_.emplace_back("unmatched");
}

void metrics::observe(std::size_t e, int status, double seconds) {
  e = std::min(e, unmatched());
  std::size_t cls = status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100 - 1) : 4;
  requests_[e][cls].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < buckets.size() && seconds > buckets[b]) ++b;
  latency_[b].fetch_add(1, std::memory_order_relaxed);
  latency_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
}

std::string metrics::text() const {
  std::string s;
  auto out = std::back_inserter(s);
  s += "# HELP elig_requests_total HTTP requests by endpoint and status class.\n";
  s += "# TYPE elig_requests_total counter\n";
  for (std::size_t e = 0; e < names_.size(); ++e)
    for (std::size_t c = 0; c < classes; ++c)
      fmt::format_to(out, "elig_requests_total{{endpoint=\"{}\",code=\"{}xx\"}} {}\n", names_[e],
                     c + 1, requests_[e][c].load());
  s += "# HELP elig_request_duration_seconds Time to answer a request.\n";
  s += "# TYPE elig_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    cumulative += latency_[b].load();
    fmt::format_to(out, "elig_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", buckets[b],
                   cumulative);
  }
  cumulative += latency_[buckets.size()].load();
  fmt::format_to(out, "elig_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  fmt::format_to(out, "elig_request_duration_seconds_sum {:.6f}\n",
                 static_cast<double>(latency_micros_.load()) / 1e6);
  fmt::format_to(out, "elig_request_duration_seconds_count {}\n", latency_count_.load());
  s += "# HELP elig_decisions_total Provision verdicts given, by status.\n";
  s += "# TYPE elig_decisions_total counter\n";
  for (std::size_t i = 0; i < decisions_.size(); ++i)
    fmt::format_to(out, "elig_decisions_total{{status=\"{}\"}} {}\n",
                   status_name(static_cast<status>(i)), decisions_[i].load());
  s += "# HELP elig_rule_reloads_total Rule reloads, by result.\n";
  s += "# TYPE elig_rule_reloads_total counter\n";
  fmt::format_to(out, "elig_rule_reloads_total{{result=\"ok\"}} {}\n", reloads_ok_.load());
  fmt::format_to(out, "elig_rule_reloads_total{{result=\"failed\"}} {}\n", reloads_failed_.load());
  return s;
}

}  // namespace elig::server
