#pragma once
// One company of the reference policy set (shared/bench/reference-policies.md) as a plain struct,
// and the deterministic generator of shared/bench/gen_profiles.js, ported so that the same
// (n, seed) gives byte-identical JSON Lines and TOML.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace elig::reference {

struct company {
  std::string id;
  std::string name;
  std::string district;
  std::vector<std::string> industry_tags;
  std::int32_t registered_day = 0;            // days since 1970-01-01
  std::optional<std::int32_t> relocated_day;  // absent when never relocated
  std::int64_t employees = 0;
  std::int64_t annual_revenue_yuan = 0;
  std::int64_t rd_expense_yuan = 0;
  std::int64_t office_area_halves = 0;  // office area in 0.5 m² (the generator's step)
  std::int64_t rent_quarters = 0;       // yuan per m² per day in 0.25 yuan
  bool is_high_tech = false;
  std::string credit_rating;
  bool has_violation = false;
  std::int64_t patents = 0;
  std::string funding_round;
  // JSON.stringify keeps insertion order: relocated_date comes last when present.
};

// sfc32 seeded through splitmix32, exactly as the JavaScript generator.
class rng {
 public:
  explicit rng(std::uint32_t seed);
  std::uint32_t next();
  std::int64_t between(std::int64_t lo, std::int64_t hi);  // inclusive
  bool chance(std::uint32_t per_mille);

 private:
  std::uint32_t a_ = 0, b_ = 0, c_ = 0, d_ = 0;
};

company generate(rng& r, std::uint32_t index);  // index from 0; id C000001 for index 0

std::string to_json(const company& c);  // JSON.stringify's bytes
std::string to_toml(const company& c);  // gen_profiles.js --toml-dir's bytes

std::string iso_date(std::int32_t day);
std::int32_t day_number(int y, int m, int d);

}  // namespace elig::reference
