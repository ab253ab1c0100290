#pragma once
// The reference policies hand-written in plain C++ over a plain struct: the practical limit
// elig is measured against, and the second opinion the conformance test compares it with.
#include <array>
#include <cstdint>
#include <string>

#include "reference_profile.hpp"

namespace elig::reference {

// The company with every text turned into a small number once, as a hand-written service would.
struct plain_company {
  std::uint8_t district = 0;  // 0..8 the Hangzhou districts, 9.. other cities
  std::uint16_t tags = 0;     // bit per tag, in the generator's order
  std::int32_t registered_day = 0;
  std::int32_t settle_day = 0;  // relocated_date if given, else registered_date
  std::int64_t employees = 0;
  std::int64_t revenue = 0;
  std::int64_t rd = 0;
  std::int64_t area_tenths = 0;  // m² × 10
  std::int64_t rent_fen = 0;     // yuan per m² per day × 100
  bool high_tech = false;
  std::uint8_t credit = 0;  // 0 A, 1 B, 2 C, 3 D
  bool violation = false;
  std::int64_t patents = 0;
  std::uint8_t funding = 0;  // index in none, angel, seed, pre-A, A, B, C, D+, IPO
};

plain_company to_plain(const company& c);

enum policy : std::uint8_t { rent, rd, scale, patent, startup, policy_count };

struct hand_result {
  bool excluded = false;
  std::array<std::int64_t, policy_count> amount{};  // valid where eligible
  std::uint8_t eligible = 0;                        // bit per policy
  std::int8_t superseded = -1;                      // rent or startup, or -1
  std::int64_t total = 0;
};

hand_result evaluate_by_hand(const plain_company& c);  // as of 2025-06-30

// `<id> X=<0|1> E=<ID:amount,... sorted by id> S=<id|-> T=<total>`
std::string canonical_line(const std::string& id, const hand_result& r);
extern const char* const k_policy_ids[policy_count];  // "RENT", "RD", ...

}  // namespace elig::reference
