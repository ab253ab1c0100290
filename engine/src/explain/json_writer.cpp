#include "explain/json_writer.hpp"

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace elig::explain {

void json_writer::newline() {
  out_ += '\n';
  out_.append(2 * counts_.size(), ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;
  if (counts_.back()) out_ += ',';
  counts_.back() = 1;
  newline();
}

json_writer& json_writer::open(char c) {
  before_value();
  out_ += c;
  counts_.push_back(0);
  return *this;
}

json_writer& json_writer::close(char c) {
  bool had = counts_.back() != 0;
  counts_.pop_back();
  if (had) newline();
  out_ += c;
  return *this;
}

json_writer& json_writer::raw(std::string_view text) {
  before_value();
  out_ += text;
  return *this;
}

json_writer& json_writer::key(std::string_view k) {
  value(k);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view s) {
  before_value();
  out_ += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Whole UTF-8 sequences are copied; a malformed byte becomes U+FFFD.
      char32_t cp = 0;
      std::size_t len = utf8::next(s, i, cp);
      if (len == 1) {
        out_ += "\xEF\xBF\xBD";
        ++i;
      } else {
        out_.append(s, i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (c < 0x20)
          fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c);
        else
          out_ += static_cast<char>(c);
    }
    ++i;
  }
  out_ += '"';
  return *this;
}

json_writer& json_writer::strings(const std::vector<std::string>& v) {
  begin_array();
  for (const auto& s : v) value(s);
  return end_array();
}

}  // namespace elig::explain
