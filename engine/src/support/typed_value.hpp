#pragma once
// Values as the compiled evaluator holds them: the type is known from the rules, so a value is a
// plain union and never a variant to visit. Money and numbers are decimal raws, dates day
// numbers, enum members their index in the enumeration, texts byte ranges. `missing` is 0 for
// a known value, otherwise the set of absent facts (fact slots, then the profile's places) that
// left it unknown, as an id into the machine's table of sets (fast/machine.hpp).
#include <cstdint>

#include "elig/decimal.hpp"

namespace elig::fast {

struct fval;
struct frecord;

struct text_ref {
  const char* data;
  std::uint32_t size;
};
struct list_ref {
  const fval* data;
  std::uint32_t size;
};
struct duration_ref {
  std::int32_t months;
  std::int32_t days;
};

struct fval {
  union {
    int128_t num;       // number, money, percent, year: decimal::raw()
    std::int32_t day;   // date: days since 1970-01-01
    std::uint32_t idx;  // enum member index; bool as 0 or 1
    text_ref text;
    list_ref list;
    const frecord* rec;
    duration_ref dur;
  };
  std::uint32_t missing = 0;

  fval() : num(0) {}
  static fval of_num(int128_t n) {
    fval v;
    v.num = n;
    return v;
  }
  static fval of_day(std::int32_t d) {
    fval v;
    v.day = d;
    return v;
  }
  static fval of_idx(std::uint32_t i) {
    fval v;
    v.idx = i;
    return v;
  }
  static fval of_bool(bool b) { return of_idx(b ? 1u : 0u); }
  static fval unknown(std::uint32_t set) {
    fval v;
    v.missing = set;
    return v;
  }
  [[nodiscard]] bool known() const { return missing == 0; }
  [[nodiscard]] bool truth() const { return idx != 0; }
};

// An item of a list of records: its fields by field slot, its place, the fact it belongs to.
struct frecord {
  const fval* fields = nullptr;
  std::uint32_t index = 0;
  std::uint32_t owner = 0xFFFFFFFF;
};

// An absent field of one item of a list fact: what a decision asks for as `loans[2].repaid_date`.
struct place {
  std::uint32_t fact;   // the list's fact slot
  std::uint32_t index;  // the item's place in the list, from 0
  std::uint32_t field;  // the field's slot in the record
};

}  // namespace elig::fast
