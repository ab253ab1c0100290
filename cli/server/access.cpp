#include "access.hpp"

#include <fmt/format.h>

#include <elig/files.hpp>
#include <sstream>
#include <stdexcept>

namespace elig::server {

std::vector<std::string> read_token_file(const std::string& path) {
  std::string text;
  // Bounded: a device or a huge file is refused, not read for ever.
  if (!read_bounded(path, 1 << 20, text) || text.size() > (1 << 20))
    throw std::runtime_error(
        fmt::format("cannot read the token file `{}` (a file of at most 1 MiB)", path));
  std::istringstream in(text);
  std::vector<std::string> tokens;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    line.erase(0, start);
    for (unsigned char c : line)
      if (c <= ' ' || c == 0x7f)
        throw std::runtime_error(
            fmt::format("{}:{}: a token has a space or a control character", path, n));
    tokens.push_back(line);
  }
  if (tokens.empty())
    throw std::runtime_error(
        fmt::format("`{}` holds no token: every request would be refused "
                    "(write one token a line)",
                    path));
  return tokens;
}

std::optional<std::string> token_check::accept(std::string_view authorization) const {
  constexpr std::string_view scheme = "Bearer ";
  if (authorization.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i)  // the scheme is case-insensitive
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(scheme[i])))
      return std::nullopt;
  std::string_view given = authorization.substr(scheme.size());
  std::optional<std::string> found;
  for (const auto& t : tokens_) {
    // Every byte of every token is compared, so the time says nothing of a near miss.
    unsigned diff = t.size() != given.size();
    for (std::size_t i = 0; i < t.size(); ++i)
      diff |= static_cast<unsigned char>(t[i]) ^
              static_cast<unsigned char>(i < given.size() ? given[i] : 0);
    if (diff == 0) found = t;
  }
  return found;
}

bool rate_limiter::take(const std::string& client, clock::time_point now, double& retry_after) {
  std::lock_guard lock(m_);
  // A client seen once must not hold memory forever: forget the full buckets now and then.
  if (buckets_.size() > 100000)
    std::erase_if(buckets_, [&](const auto& kv) {
      return std::chrono::duration<double>(now - kv.second.last).count() * rate_ >= burst_;
    });
  auto [it, fresh] = buckets_.try_emplace(client, bucket{burst_, now});
  bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  retry_after = (1 - b.tokens) / rate_;
  return false;
}

}  // namespace elig::server
