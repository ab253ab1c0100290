#pragma once
// What a loaded profile owns. Values view into these containers, which never move what they
// hold, so views stay valid as long as the profile lives.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "elig/profile.hpp"
#include "elig/source.hpp"
#include "support/typed_value.hpp"

namespace elig::detail {

// Append-only storage whose elements never move. Unlike std::deque it allocates nothing until
// the first element (a deque allocates its map and a 512-byte block when constructed: seven of
// them were a tenth of loading a small profile); blocks then double in size.
template <typename T>
class stable_list {
 public:
  T& push_back(T value) {
    if (used_ == capacity_) {
      capacity_ = blocks_.empty() ? 4 : capacity_ * 2;
      blocks_.push_back(std::make_unique<T[]>(capacity_));
      used_ = 0;
    }
    T& slot = blocks_.back()[used_++];
    slot = std::move(value);
    return slot;
  }
  [[nodiscard]] const T& back() const { return blocks_.back()[used_ - 1]; }
  [[nodiscard]] T& back() { return blocks_.back()[used_ - 1]; }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t capacity_ = 0, used_ = 0;
};

struct profile_data {
  std::string name;
  // The caller's identifier for the profile (its `id` fact, or an `id` key a schema without
  // one leaves to the caller) and the company's name (the `names company` fact); empty: none.
  // Views of `texts` (stable), so a load copies no string for them.
  std::string_view id, company;
  std::vector<value> facts;                       // by fact slot
  std::vector<std::optional<source_span>> spans;  // where each fact was stated
  stable_list<std::string> texts;
  stable_list<std::vector<value>> lists;
  stable_list<record_value> records;
  stable_list<std::vector<value>> fields;

  // The same facts typed for the compiled evaluator (profile/typed_profile.cpp).
  std::vector<fast::fval> typed;  // by fact slot
  // The absent fields of list items (`loans[2].repaid_date`), each its own open fact: element
  // `facts + k` of the evaluator's sets is place k, so a decision can name the very field.
  std::vector<fast::place> places;
  stable_list<std::vector<fast::fval>> typed_lists;
  stable_list<fast::frecord> typed_records;
};

}  // namespace elig::detail
