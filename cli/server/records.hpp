#pragma once
// Decision records: one JSON line per decision with everything needed to reproduce it (engine
// version, rules hash, the canonical profile and its sha256, as-of, options) and the result.
// `elig replay` decides each record again and reports every difference.
#include <cstdio>
#include <elig/elig.hpp>
#include <mutex>
#include <string>

namespace elig::server {

[[nodiscard]] std::string sha256_hex(std::string_view data);

// The record of one decision, as one line (with its newline). `writer` is the rule set's, kept
// by the caller: it escapes every provision id once, not once per record.
// The facts named in `masked` (text facts) are written as "***"; `profile_sha256` stays the
// hash of the whole profile, so that whoever holds it can still show it was this one.
[[nodiscard]] std::string decision_record(const ruleset& rules, const decision_json_writer& writer,
                                          const profile& p, const decide_options& opts,
                                          const decision& d,
                                          const std::vector<std::string>& masked = {});

// Appends records to a file from many threads; each line is written whole.
class record_log {
 public:
  explicit record_log(const std::string& path);  // throws std::runtime_error if it cannot open
  ~record_log();
  record_log(const record_log&) = delete;
  record_log& operator=(const record_log&) = delete;
  void append(const std::string& line);

 private:
  std::mutex m_;
  std::FILE* f_;
  std::string path_;
};

struct replay_result {
  std::size_t records = 0, same = 0, different = 0, unreadable = 0;
  std::string report;  // one paragraph per record that differs or cannot be read
};

// Decides every record of `path` again with `rules`. A record made with other rules (its hash
// differs) counts as different even when the verdicts agree.
[[nodiscard]] replay_result replay_records(const ruleset& rules, const std::string& path);

}  // namespace elig::server
