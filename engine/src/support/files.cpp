#include "elig/files.hpp"

#include <fmt/format.h>

#include <algorithm>

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
        std::error_code type_ec;
        if (it->is_regular_file(type_ec) && it->path().extension() == extension)
          out.files.push_back(it->path());
      }
      if (ec) out.problems.push_back(fmt::format("cannot read `{}`: {}", p.string(), ec.message()));
    } else if (fs::is_regular_file(p, ec)) {
      out.files.push_back(p);
    } else {
      out.problems.push_back(
          fmt::format("cannot read `{}`: {}", p.string(),
                      ec ? ec.message() : std::string("no such file or directory")));
    }
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace elig
