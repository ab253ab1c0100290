#include "elig/source.hpp"

#include <algorithm>

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

std::uint32_t source_file::offset(line_col lc) const {
  if (lc.line == 0) return 0;
  if (lc.line > line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t pos = line_starts_[lc.line - 1];
  std::string_view line = line_text(lc.line);
  std::size_t i = 0;
  // ASCII up to the column (the usual case) is one byte per column.
  while (i + 1 < lc.column && i < line.size() && static_cast<unsigned char>(line[i]) < 0x80) ++i;
  for (auto c = static_cast<std::uint32_t>(i + 1); c < lc.column && i < line.size(); ++c) {
    char32_t cp;
    i += utf8::next(line, i, cp);
  }
  return pos + static_cast<std::uint32_t>(i);
}

std::uint32_t source_manager::add(std::string name, std::string text) {
  files_.push_back(std::make_unique<source_file>(std::move(name), std::move(text)));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::size_t display_width(std::string_view s) { return utf8::width(s); }

}  // namespace elig
