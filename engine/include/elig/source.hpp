#pragma once
// Source files and locations: every diagnostic and explanation points back into one of these.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct source_span {
  std::uint32_t file = 0;
  std::uint32_t begin = 0;  // byte offsets, [begin, end)
  std::uint32_t end = 0;
  friend bool operator==(const source_span&, const source_span&) = default;
};

struct line_col {
  std::uint32_t line = 0;    // 1-based; 0 = unknown
  std::uint32_t column = 0;  // 1-based, in code points
};

class source_file {
 public:
  source_file(std::string name, std::string text);
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string_view text() const { return text_; }
  // Bytes readable past the end of text() (a parser that reads ahead in blocks may use them).
  [[nodiscard]] std::size_t slack() const { return text_.capacity() - text_.size(); }
  [[nodiscard]] line_col position(std::uint32_t offset) const;
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;  // without the newline
  // Byte offset of a 1-based line and column, clamped to the file.
  [[nodiscard]] std::uint32_t offset(line_col lc) const;
  // The same, counted on from a position known on that line: a span's end from its beginning.
  [[nodiscard]] std::uint32_t offset(line_col lc, line_col from, std::uint32_t from_offset) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns every file read during a load; spans name files by index into it.
class source_manager {
 public:
  std::uint32_t add(std::string name, std::string text);
  [[nodiscard]] const source_file& file(std::uint32_t id) const { return *files_.at(id); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<source_file>> files_;
};

// Display width of UTF-8 text in terminal columns (East Asian wide characters count 2).
std::size_t display_width(std::string_view utf8);

}  // namespace elig
