#include "line_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace elig::cli {
namespace {

std::vector<std::string_view> lines_of(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto nl = s.find('\n');
    out.push_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name,
                         int context) {
  auto a = lines_of(before), b = lines_of(after);
  const std::size_t n = a.size(), m = b.size();
  // Longest common subsequence table; rule files are small (at most 1 MiB, checked on load).
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  struct line {
    char tag;  // ' ', '-', '+'
    std::string_view text;
    std::size_t ai, bi;  // positions before this line in a and b
  };
  std::vector<line> script;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      script.push_back({' ', a[i], i, j});
      ++i, ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      script.push_back({'-', a[i], i, j});  // removals first, as diff(1) shows them
      ++i;
    } else {
      script.push_back({'+', b[j], i, j});
      ++j;
    }
  }
  std::string out = fmt::format("--- {}\n+++ {} (formatted)\n", name, name);
  const auto ctx = static_cast<std::size_t>(context);
  for (std::size_t k = 0; k < script.size();) {
    if (script[k].tag == ' ') {
      ++k;
      continue;
    }
    // A hunk: this change, those within 2·context lines of it, and context around them.
    std::size_t start = k > ctx ? k - ctx : 0, end = k;
    while (end < script.size()) {
      std::size_t next = end;
      while (next < script.size() && script[next].tag == ' ') ++next;
      if (next == script.size() || next - end > 2 * ctx) break;
      end = next;
      while (end < script.size() && script[end].tag != ' ') ++end;
    }
    std::size_t stop = std::min(script.size(), end + ctx);
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t x = start; x < stop; ++x) {
      if (script[x].tag != '+') ++a_count;
      if (script[x].tag != '-') ++b_count;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", script[start].ai + 1, a_count, script[start].bi + 1,
                       b_count);
    for (std::size_t x = start; x < stop; ++x)
      out += fmt::format("{}{}\n", script[x].tag, script[x].text);
    k = stop;
  }
  return out;
}

}  // namespace elig::cli
