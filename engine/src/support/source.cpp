#include "elig/source.hpp"

#include <algorithm>
#include <cstring>

#include "support/utf8.hpp"

namespace elig {

source_file::source_file(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  // A UTF-8 byte order mark is not part of the text a person wrote.
  if (text_.starts_with("\xEF\xBB\xBF")) text_.erase(0, 3);
  line_starts_.push_back(0);
  std::string_view t(text_);
  for (auto i = t.find('\n'); i != std::string_view::npos; i = t.find('\n', i + 1))
    line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

line_col source_file::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  std::uint32_t col = 1;
  for (std::size_t i = start; i < offset;) {
    char32_t cp;
    i += utf8::next(text_, i, cp);
    ++col;
  }
  return {line, col};
}

std::string_view source_file::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  std::string_view v(text_.data() + start, end - start);
  if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
  return v;
}

namespace {

// Bytes taken by `columns` characters of `line` from byte i, at most to the line's end. ASCII,
// the usual case, eight bytes at a time: profiles place a span at every value.
std::size_t skip_columns(std::string_view line, std::size_t i, std::uint32_t columns) {
  while (columns >= 8 && i + 8 <= line.size()) {
    std::uint64_t w;
    std::memcpy(&w, line.data() + i, 8);
    if ((w & 0x8080808080808080ULL) != 0) break;
    i += 8;
    columns -= 8;
  }
  for (; columns > 0 && i < line.size(); --columns) {
    if (static_cast<unsigned char>(line[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    i += utf8::next(line, i, cp);
  }
  return i;
}

}  // namespace

std::uint32_t source_file::offset(line_col lc) const {
  if (lc.line == 0) return 0;
  if (lc.line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::uint32_t pos = line_starts_[lc.line - 1];
  const std::uint32_t columns = lc.column > 0 ? lc.column - 1 : 0;
  return pos + static_cast<std::uint32_t>(skip_columns(line_text(lc.line), 0, columns));
}

std::uint32_t source_file::offset(line_col lc, line_col from, std::uint32_t from_offset) const {
  if (lc.line == 0 || lc.line != from.line || lc.column < from.column ||
      lc.line > line_starts_.size())
    return offset(lc);
  const std::uint32_t pos = line_starts_[lc.line - 1];
  const std::string_view line = line_text(lc.line);
  if (from_offset < pos || from_offset - pos > line.size()) return offset(lc);
  return pos +
         static_cast<std::uint32_t>(skip_columns(line, from_offset - pos, lc.column - from.column));
}

std::uint32_t source_manager::add(std::string name, std::string text) {
  files_.push_back(std::make_unique<source_file>(std::move(name), std::move(text)));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::size_t display_width(std::string_view s) { return utf8::width(s); }

}  // namespace elig
