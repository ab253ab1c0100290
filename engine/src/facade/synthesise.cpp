// A rule set's lanes as C++ (elig/synthesise.hpp): the plan's text, from the fast layer.
#include "elig/synthesise.hpp"

#include "facade/ruleset_impl.hpp"
#include "fast/synth.hpp"

namespace elig {

std::string synthesise_cpp(const std::vector<std::pair<std::string, const ruleset*>>& sets) {
  std::vector<std::pair<std::string, std::string>> passes;
  for (const auto& [name, rules] : sets)
    passes.emplace_back(name, fast::synthesise_lanes(detail::plan_of(*rules)));
  return fast::synthesised_file(passes);
}

bool has_synthesised_lanes(const ruleset& rules) {
  return detail::plan_of(rules).synthesised_lanes != nullptr;
}

}  // namespace elig
