#pragma once
// UTF-8 for the whole engine, through utf8proc: one decoder, one validity test, one width table.
#include <cstddef>
#include <string_view>

namespace elig::utf8 {

// The code point at byte `i` and its length in bytes; an invalid byte counts as one byte
// (code point U+FFFD), so a broken text still advances.
std::size_t next(std::string_view s, std::size_t i, char32_t& cp);
// The length of the character starting at byte `i` (1 for an invalid byte).
inline std::size_t length_at(std::string_view s, std::size_t i) {
  char32_t cp;
  return next(s, i, cp);
}
// Whether `s` is valid UTF-8; where it is not, the offset of the first bad byte.
bool valid(std::string_view s, std::size_t& bad);
// Terminal columns: East Asian wide and full-width characters take two.
std::size_t width(std::string_view s);

}  // namespace elig::utf8
