// A rule set's lanes as C++ (elig/synthesise.hpp): the plan's text, from the fast layer.
#include "elig/synthesise.hpp"

#include "facade/ruleset_impl.hpp"
#include "fast/synth.hpp"

namespace elig {

std::string synthesise_cpp(const std::vector<std::pair<std::string, const ruleset*>>& sets) {
  std::vector<std::string> bodies, names;
  for (const auto& [name, rules] : sets) {
    names.push_back(name);
    bodies.push_back(fast::synthesise_lanes(detail::plan_of(*rules)));
  }
  return fast::synthesised_file(bodies.data(), names.data(), sets.size());
}

bool has_synthesised_lanes(const ruleset& rules) {
  return detail::plan_of(rules).synthesised_lanes != nullptr;
}

}  // namespace elig
