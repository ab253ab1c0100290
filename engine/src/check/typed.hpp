#pragma once
// A known scalar value as the compiled evaluator holds it, given its checked type: one
// conversion for rule literals (fast/plan.cpp) and profile facts (profile/typed_profile.cpp).
#include "check/ir.hpp"
#include "support/typed_value.hpp"

namespace elig::check {

inline std::uint32_t member_index(const program& p, std::uint32_t enum_id, std::string_view text) {
  const auto& members = p.enums[enum_id].members;
  std::uint32_t i = 0;
  while (i < members.size() && members[i] != text) ++i;
  return i;
}

// Lists and records are the caller's: their items need storage it owns.
inline fast::fval typed_scalar(const program& p, const value& v, const type& t) {
  using fast::fval;
  switch (t.kind) {
    case base::boolean:
      return fval::of_bool(v.as_bool());
    case base::number:
    case base::money:
    case base::percent:
    case base::year:
      return fval::of_num(v.as_decimal().raw());
    case base::date:
      return fval::of_day(v.as_date().days());
    case base::duration: {
      fval out;
      out.dur = {v.as_duration().months, v.as_duration().days};
      return out;
    }
    case base::text: {
      fval out;
      out.text = {v.as_text().data(), static_cast<std::uint32_t>(v.as_text().size())};
      return out;
    }
    case base::enumeration:
      return fval::of_idx(member_index(p, t.ref, v.as_text()));
    default:
      return {};
  }
}

}  // namespace elig::check
