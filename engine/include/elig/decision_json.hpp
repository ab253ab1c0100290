#pragma once
// One decision as one compact JSON object on one line: what `elig batch` writes per profile and
// what a service can store. Ineligible and out-of-force provisions are left out (a batch's
// summary counts them); docs/json.md#decision-lines describes every field.
#include <string>
#include <string_view>
#include <vector>

#include "elig/decision.hpp"
#include "elig/profile.hpp"
#include "elig/ruleset.hpp"

namespace elig {

class decision_json_writer {
 public:
  // Names are escaped once here, so writing a line only copies them.
  explicit decision_json_writer(const ruleset& rules);

  // What a decision line shows: verdicts, amounts, the total and the open facts. A line shows
  // no condition outcomes, so a decision made for one does not work them out.
  [[nodiscard]] static decide_options line_options(date as_of, bool include_drafts) {
    decide_options o{as_of, include_drafts};
    o.condition_outcomes = false;
    return o;
  }

  // Appends `{"version":2,<leading>,"id":...,"as_of":...,"eligible":[...],...}` and a newline
  // (docs/json.md#decision-lines). `leading` is written as it is (e.g. `"line":12`); `id` is
  // the caller's identifier, by default the profile's own (profile::id()).
  void append(const decision& d, const profile& p, std::string_view leading, std::string& out,
              std::string_view id = {}) const;

  // One profile's text as one `elig batch` line: `"input"` and (when not 0) `"line"`, the
  // profile's line in its input, lead; then its decision, or `"diagnostics"` located on the
  // input's own lines. Returns whether the profile loaded; then `d` holds its decision.
  bool append_batch_line(std::string_view text, profile_format format, std::string_view input,
                         std::uint64_t line, const decide_options& opts, decision& d,
                         std::string& out) const;
  // An input that is not a profile at all (a line past the size limit): a diagnostics line.
  void append_problem_line(std::string_view input, std::uint64_t line, std::string_view problem,
                           std::string& out) const;

 private:
  const ruleset* rules_;
  std::vector<std::string> provision_ids_;  // quoted JSON strings
  std::vector<std::string> fact_names_;     // quoted JSON strings
  std::string provenance_;                  // `,"rules_hash":...,"engine":...`
};

// `text` as a JSON string literal, quotes included (UTF-8 kept, control characters escaped).
void append_json_string(std::string_view text, std::string& out);

}  // namespace elig
