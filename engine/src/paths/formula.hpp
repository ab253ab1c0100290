#pragma once
// What a provision requires, as alternatives (a disjunction of conjunctions) of atoms: the
// conditions of its exclusions, document, own list and parts, with `and`, `or`, `not` and named
// predicates unfolded. Each atom remembers the condition it came from, for the words.
#include <cstdint>
#include <vector>

#include "check/ir.hpp"

namespace elig::paths {

struct origin {
  std::int32_t part = -1;   // -1: a condition of the provision (exclusions and document first)
  std::uint32_t index = 0;  // in the report's condition list of the provision or part
};

struct atom {
  check::node_id node = check::no_node;
  bool truth = true;  // what the node must be
  origin from;
};

using conjunction = std::vector<atom>;

struct formula {
  std::vector<conjunction> alternatives;
  bool truncated = false;  // more alternatives than the limit: the rest are left out
};

// The alternatives under which provision `index` is eligible (its parts: at least one).
[[nodiscard]] formula requirements_of(const check::program& p, std::size_t index,
                                      std::size_t limit = 64);

}  // namespace elig::paths
