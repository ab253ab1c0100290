#include "support/utf8.hpp"

#include <utf8proc.h>

namespace elig::utf8 {

std::size_t next(std::string_view s, std::size_t i, char32_t& cp) {
  utf8proc_int32_t c = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &c);
  if (n <= 0) {
    cp = 0xFFFD;
    return 1;
  }
  cp = static_cast<char32_t>(c);
  return static_cast<std::size_t>(n);
}

bool valid(std::string_view s, std::size_t& bad) {
  for (std::size_t i = 0; i < s.size();) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    if (n <= 0) {
      bad = i;
      return false;
    }
    i += static_cast<std::size_t>(n);
  }
  return true;
}

std::size_t width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += next(s, i, cp);
    // Control characters and combining marks take no column of their own in utf8proc; the
    // caret under them still needs one, so count at least one for anything printable here.
    int cw = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
    w += cw > 0 ? static_cast<std::size_t>(cw) : 1;
  }
  return w;
}

}  // namespace elig::utf8
