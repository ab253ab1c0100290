#pragma once
// What a rule set is made of, for the engine's layers only: public headers name it, never open it.
#include <memory>

#include "check/ir.hpp"
#include "elig/ruleset.hpp"
#include "fast/plan.hpp"

namespace elig::detail {

struct ruleset_impl {
  std::unique_ptr<const check::program> prog;
  fast::plan plan;
};

inline const check::program& program_of(const ruleset& r) { return *impl_of(r).prog; }
inline const fast::plan& plan_of(const ruleset& r) { return impl_of(r).plan; }

}  // namespace elig::detail
