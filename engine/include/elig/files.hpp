#pragma once
// Finding rule files, profiles and test cases: one directory walk for every command.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace elig {

struct file_list {
  std::vector<std::filesystem::path> files;  // in path order
  std::vector<std::string> problems;         // paths that could not be read, and why
};

// Every regular file ending in `extension` under each path: a directory is searched
// recursively (symbolic links to directories are not followed, so a link loop cannot trap the
// walk); a path naming a file is taken as it is, whatever its extension. Failures, and entries
// ending in `extension` that are not readable files (a link in a loop, to nowhere), are reported
// in `problems`, never thrown and never skipped in silence.
[[nodiscard]] file_list find_files(const std::vector<std::filesystem::path>& paths,
                                   std::string_view extension);

// Reads at most `limit + 1` bytes of `path` into `text`, so that "larger than the limit" is
// known without reading (or holding) the rest of a huge file or an endless device. False when
// the file cannot be opened or read.
[[nodiscard]] bool read_bounded(const std::filesystem::path& path, std::size_t limit,
                                std::string& text);

}  // namespace elig
