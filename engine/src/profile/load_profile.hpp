#pragma once
// Profile text (TOML or JSON) -> profile, validated against the checked schema. Every problem is
// located.
#include <optional>

#include "check/ir.hpp"
#include "elig/profile.hpp"
#include "profile/input.hpp"

namespace elig::profiles {

// A profile_result while it is being made.
struct profile_draft {
  std::optional<profile> loaded;
  diagnostic_list diags;
  std::shared_ptr<source_manager> sources = std::make_shared<source_manager>();
  [[nodiscard]] profile_result done() && {
    return {std::move(loaded), std::move(diags), std::move(sources)};
  }
};

// Without a format, JSON is recognised by its leading `{`; anything else is read as TOML.
[[nodiscard]] profile_result load_profile(const check::program& prog, std::string_view text,
                                          std::string name,
                                          std::optional<input_format> format = std::nullopt);

}  // namespace elig::profiles
