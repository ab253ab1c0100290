#pragma once
// The protocol under the language server: LSP framing over stdio, file URIs, positions, and the
// words and declarations of a rule file's text as an editor points at them.
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace elig::cli::lsp {

using json = nlohmann::json;

constexpr std::size_t k_message_limit = 64 << 20;

// One message's body, or why there is none. A header that cannot be read is reported and the
// reader resynchronises on the next blank line; an oversized body is read and dropped.
struct framed {
  enum { ok, bad_header, too_large, end } kind = end;
  std::string body;
};

[[nodiscard]] framed read_message(std::FILE* in);
void write_message(std::FILE* out, const json& message);

[[nodiscard]] std::string path_of(std::string_view uri);
[[nodiscard]] std::string uri_of(const std::string& path);
// The byte offset of an LSP position (UTF-16 units; the rules' text is within the BMP).
[[nodiscard]] std::size_t offset_of(std::string_view text, int line, int character);
[[nodiscard]] json position(int line, int character);
[[nodiscard]] bool word_char(char c);
[[nodiscard]] std::string word_at(std::string_view text, std::size_t at);

// `keyword name` at the start of a line (after indentation): the keyword and the name, when the
// keyword is one of `keywords`.
struct declared {
  std::string keyword, name;
  std::size_t column = 0;
};
[[nodiscard]] std::optional<declared> declaration_in(
    std::string_view line, std::initializer_list<std::string_view> keywords);

// Calls `each(line_number, line)` for every line of `text`.
template <typename Each>
void for_each_line(std::string_view text, Each each) {
  std::size_t start = 0;
  for (int line = 0; start <= text.size(); ++line) {
    auto nl = text.find('\n', start);
    each(line,
         text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}

}  // namespace elig::cli::lsp
