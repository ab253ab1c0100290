#pragma once
// What a loaded profile owns. Values view into these containers, which never reallocate
// (deques), so views stay valid as long as the profile lives.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "elig/profile.hpp"
#include "elig/source.hpp"
#include "support/typed_value.hpp"

namespace elig::detail {

struct profile_data {
  std::string name;
  std::vector<value> facts;                       // by fact slot
  std::vector<std::optional<source_span>> spans;  // where each fact was stated
  std::deque<std::string> texts;
  std::deque<std::vector<value>> lists;
  std::deque<record_value> records;
  std::deque<std::vector<value>> fields;

  // The same facts typed for the compiled evaluator (profile/typed_profile.cpp).
  std::vector<fast::fval> typed;  // by fact slot
  std::deque<std::vector<fast::fval>> typed_lists;
  std::deque<fast::frecord> typed_records;
};

}  // namespace elig::detail
