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

  // Appends `{<leading>,"id":...,"excluded":...,"total":...,"eligible":{...},...}` and a newline.
  // `leading` is written first as it is (e.g. `"line":12`); `id` is the profile's `id` fact when
  // the schema has one.
  void append(const decision& d, const profile& p, std::string_view leading,
              std::string& out) const;

 private:
  const ruleset* rules_;
  std::vector<std::string> provision_ids_;  // quoted JSON strings
  std::vector<std::string> fact_names_;     // quoted JSON strings
  std::int64_t id_slot_ = -1;
};

// `text` as a JSON string literal, quotes included (UTF-8 kept, control characters escaped).
void append_json_string(std::string_view text, std::string& out);

}  // namespace elig
