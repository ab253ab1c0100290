#include "lsp/protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace elig::cli::lsp {

framed read_message(std::FILE* in) {
  std::optional<std::size_t> length;
  bool any = false, bad = false;
  std::string line;
  for (;;) {
    line.clear();
    int c;
    while ((c = std::fgetc(in)) != EOF && c != '\n') {
      if (line.size() < 4096) line += static_cast<char>(c);
    }
    if (c == EOF && line.empty()) return {};
    any = true;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    constexpr std::string_view key = "Content-Length:";
    if (line.size() > key.size() && line.compare(0, key.size(), key) == 0) {
      std::size_t n = 0;
      auto text = std::string_view(line).substr(key.size());
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) bad = true;
      length = n;
    } else if (line.find(':') == std::string::npos) {
      bad = true;
    }
  }
  if (!any) return {};
  if (bad || !length) return {framed::bad_header, {}};
  if (*length > k_message_limit) {
    for (std::size_t i = 0; i < *length && std::fgetc(in) != EOF; ++i) {
    }
    return {framed::too_large, {}};
  }
  std::string body(*length, '\0');
  std::size_t got = std::fread(body.data(), 1, *length, in);
  if (got != *length) return {};
  return {framed::ok, std::move(body)};
}

void write_message(std::FILE* out, const json& message) {
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  std::fprintf(out, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out);
  std::fflush(out);
}

std::string path_of(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.starts_with(scheme)) uri.remove_prefix(scheme.size());
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

std::string uri_of(const std::string& path) {
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c >= 0x80)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::size_t offset_of(std::string_view text, int line, int character) {
  std::size_t at = 0;
  for (int l = 0; l < line && at < text.size(); ++l) {
    auto nl = text.find('\n', at);
    if (nl == std::string_view::npos) return text.size();
    at = nl + 1;
  }
  for (int c = 0; c < character && at < text.size() && text[at] != '\n'; ++c) {
    auto u = static_cast<unsigned char>(text[at]);
    at += u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
  }
  return at;
}

json position(int line, int character) { return {{"line", line}, {"character", character}}; }

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

std::string word_at(std::string_view text, std::size_t at) {
  std::size_t b = at, e = at;
  while (b > 0 && word_char(text[b - 1])) --b;
  while (e < text.size() && word_char(text[e])) ++e;
  std::string w(text.substr(b, e - b));
  while (!w.empty() && (w.back() == '.' || w.back() == '-')) w.pop_back();
  return w;
}

std::optional<declared> declaration_in(std::string_view line,
                                       std::initializer_list<std::string_view> keywords) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t end = at;
  while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
  std::string_view keyword = line.substr(at, end - at);
  if (std::find(keywords.begin(), keywords.end(), keyword) == keywords.end()) return std::nullopt;
  std::size_t name = line.find_first_not_of(" \t", end);
  if (name == end || name == std::string_view::npos) return std::nullopt;
  std::size_t stop = name;
  while (stop < line.size() && word_char(line[stop]) && line[stop] != '.') ++stop;
  if (stop == name) return std::nullopt;
  return declared{std::string(keyword), std::string(line.substr(name, stop - name)), name};
}

}  // namespace elig::cli::lsp
