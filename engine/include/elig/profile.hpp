#pragma once
// A company profile: the facts a company states, validated against a rule set's schema.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "elig/diagnostic.hpp"
#include "elig/source.hpp"
#include "elig/value.hpp"

namespace elig {

// How a profile is written.
enum class profile_format : std::uint8_t { toml, json };

class ruleset;
class profile;
namespace detail {
struct profile_data;
// For the engine's own layers: the typed facts behind a profile (support/profile_data.hpp).
const profile_data& data_of(const profile& p);
}  // namespace detail

class profile {
 public:
  explicit profile(std::shared_ptr<const detail::profile_data> data) : data_(std::move(data)) {}
  [[nodiscard]] const std::string& name() const;
  // The caller's identifier: the `id` fact, or in a schema without one the profile's `id` key
  // (a text or whole number); empty when none is given.
  [[nodiscard]] std::string_view id() const;
  // The company's name: the value of the schema's `names company` fact; empty when unknown.
  [[nodiscard]] std::string_view company() const;
  // Values by fact slot (the rule set's schema order); unknown where the profile is silent.
  [[nodiscard]] const std::vector<value>& facts() const;

 private:
  friend class ruleset;  // decides and explains from the typed facts
  friend const detail::profile_data& detail::data_of(const profile& p);
  std::shared_ptr<const detail::profile_data> data_;
};

// A profile, or the diagnostics that say why there is none. Made by the engine.
class profile_result {
 public:
  profile_result() = default;
  profile_result(std::optional<profile> p, diagnostic_list diags,
                 std::shared_ptr<source_manager> sources)
      : profile_(std::move(p)), diags_(std::move(diags)), sources_(std::move(sources)) {}

  [[nodiscard]] bool ok() const { return profile_.has_value(); }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const profile& get() const { return *profile_; }
  [[nodiscard]] const diagnostic_list& diagnostics() const { return diags_; }
  [[nodiscard]] const source_manager& sources() const { return *sources_; }

 private:
  std::optional<profile> profile_;
  diagnostic_list diags_;
  std::shared_ptr<source_manager> sources_ = std::make_shared<source_manager>();
};

}  // namespace elig
