#include "elig/files.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace elig {

file_list find_files(const std::vector<std::filesystem::path>& paths, std::string_view extension) {
  namespace fs = std::filesystem;
  file_list out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      auto it =
          fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().extension() != extension) continue;
        std::error_code type_ec;
        if (it->is_regular_file(type_ec)) {
          out.files.push_back(it->path());
        } else if (std::error_code dir_ec; !it->is_directory(dir_ec)) {
          // A link in a loop or to nowhere, a device: said, never skipped in silence.
          out.problems.push_back(
              fmt::format("cannot read `{}`: {}", it->path().string(),
                          type_ec ? type_ec.message() : std::string("not a regular file")));
        }
      }
      if (ec) out.problems.push_back(fmt::format("cannot read `{}`: {}", p.string(), ec.message()));
    } else if (fs::is_regular_file(p, ec)) {
      out.files.push_back(p);
    } else {
      std::error_code exists_ec;
      bool exists = fs::exists(p, exists_ec);
      out.problems.push_back(fmt::format("cannot read `{}`: {}", p.string(),
                                         ec       ? ec.message()
                                         : exists ? std::string("not a regular file or directory")
                                                  : std::string("no such file or directory")));
    }
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

bool read_bounded(const std::filesystem::path& path, std::size_t limit, std::string& text) {
  text.clear();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  char buf[65536];
  while (text.size() <= limit) {
    std::size_t want = std::min(sizeof buf, limit + 1 - text.size());
    std::size_t got = std::fread(buf, 1, want, f.get());
    text.append(buf, got);
    if (got < want) return std::ferror(f.get()) == 0;
  }
  return true;
}

}  // namespace elig
