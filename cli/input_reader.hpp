#pragma once
// The inputs of `elig batch` cut into chunks: JSON Lines streams (files or standard input) line
// by line, TOML and JSON files (given or found in folders) whole. Never more than one profile's
// limit is held beyond the chunk being filled, so an endless or huge input reads in bounded memory.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace elig::cli {

struct input_item {
  std::uint32_t input = 0;             // index into input_reader::names()
  std::uint64_t line = 0;              // 1-based line of a JSON Lines input; 0 for a whole file
  std::size_t offset = 0, length = 0;  // the profile's text within the chunk
  bool json = true;
  std::string problem;  // not readable as a profile (too long, unreadable): reported as is
};

struct input_chunk {
  std::uint64_t seq = 0;
  std::string text;
  std::vector<input_item> items;
  std::uint64_t bytes = 0;  // input consumed, for the progress bar

  [[nodiscard]] std::string_view text_of(const input_item& it) const {
    return std::string_view(text).substr(it.offset, it.length);
  }
};

class input_reader {
 public:
  static constexpr std::size_t profile_limit = 1 << 20;  // as for a profile file
  static constexpr std::size_t chunk_items = 1024;
  static constexpr std::size_t chunk_bytes = 1 << 20;

  // Problems found before reading (a missing path, an unknown kind of file) go to `problems`.
  input_reader(const std::vector<std::string>& inputs, std::vector<std::string>& problems);
  ~input_reader();
  input_reader(const input_reader&) = delete;
  input_reader& operator=(const input_reader&) = delete;

  // Fills `c` with the next items; false when every input is read.
  bool next(input_chunk& c);

  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }
  [[nodiscard]] std::uint64_t total_bytes() const { return total_bytes_; }
  // Read errors met while reading (an input that failed midway).
  [[nodiscard]] const std::vector<std::string>& late_problems() const { return late_; }

 private:
  struct source {
    std::uint32_t name;
    bool stream;  // JSON Lines; otherwise one file, one profile
    bool json;
    std::FILE* file = nullptr;
  };
  bool read_file_item(const source& s, input_chunk& c);
  // One step of a stream: adds at most one item; false at the stream's end.
  bool stream_step(source& s, input_chunk& c);
  void add_line(const source& s, std::string_view line, input_chunk& c);

  std::vector<std::string> names_;
  std::vector<source> sources_;
  std::size_t current_ = 0;
  std::string pending_;  // stream bytes read but not yet cut into lines
  std::size_t pos_ = 0;
  std::uint64_t line_ = 0;
  bool skipping_ = false;  // inside an over-long line: discard up to its end
  bool eof_ = false;
  std::uint64_t total_bytes_ = 0;
  std::vector<std::string> late_;
};

}  // namespace elig::cli
