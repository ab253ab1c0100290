#pragma once
// A profile as read, before the schema is applied: the same tree whether it came from TOML or
// JSON, so one converter (load_profile.cpp) gives both formats the same checks and messages.
#include <cstdint>
#include <string>
#include <vector>

#include "elig/date.hpp"
#include "elig/source.hpp"

namespace elig::profiles {

enum class input_format : std::uint8_t { toml, json };

struct input_field;

struct input_node {
  enum class kind : std::uint8_t {
    text,
    integer,  // `text` holds the digits as written
    number,   // a non-integer number; `text` holds it as written (never through a double)
    boolean,
    date,       // a TOML local date
    time,       // TOML only
    date_time,  // TOML only
    list,
    table,
    null  // JSON only
  };
  kind k = kind::null;
  std::string text;
  bool flag = false;
  std::int64_t integer = 0;
  date day;
  bool day_valid = false;
  source_span span;
  std::vector<input_node> items;
  std::vector<input_field> fields;
};

struct input_field {
  std::string key;
  source_span key_span;
  input_node value;
};

}  // namespace elig::profiles
