#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "elig/format.hpp"
#include "support/utf8.hpp"
#include "syntax/vocabulary.hpp"

namespace elig {
namespace {

enum class kind {
  word,
  path,
  number,
  string,
  op,
  open,
  close,
  comma,
  dot,
  colon,
  comment,
  newline,
  other
};

struct token {
  kind k;
  std::string text;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c); }

// Words after which an id with `-` and `.` follows: document and provision ids, part names.
const std::set<std::string> k_path_after = {"document", "provision", "part", "exclusion"};

std::vector<token> lex(std::string_view s) {
  std::vector<token> out;
  bool path_next = false;
  int member_braces = 0;  // inside `take highest ... { ... }` / `cap ... { ... }` member lists
  bool combine_decl = false;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      out.push_back({kind::newline, "\n"});
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (c == '#') {
      std::size_t j = s.find('\n', i);
      if (j == std::string_view::npos) j = s.size();
      std::string text(s.substr(i, j - i));
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.pop_back();
      out.push_back({kind::comment, text});
      i = j;
    } else if (c == '"') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != '"' && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      if (j < s.size() && s[j] == '"') ++j;
      out.push_back({kind::string, std::string(s.substr(i, std::min(j, s.size()) - i))});
      i = std::min(j, s.size());
    } else if ((path_next || member_braces > 0) && (is_word_char(c))) {
      std::size_t j = i;
      while (j < s.size() && (is_word_char(s[j]) || s[j] == '-' || s[j] == '.')) ++j;
      out.push_back({kind::path, std::string(s.substr(i, j - i))});
      path_next = false;
      i = j;
    } else if (is_word_start(c)) {
      std::size_t j = i;
      while (j < s.size() && is_word_char(s[j])) ++j;
      std::string w(s.substr(i, j - i));
      path_next = k_path_after.count(w) > 0;
      if (w == "take" || w == "cap") combine_decl = true;
      out.push_back({kind::word, w});
      i = j;
    } else if (is_digit(c)) {
      std::size_t j = i;
      auto digits = [&] {
        while (j < s.size() && (is_digit(s[j]) || s[j] == '_')) ++j;
      };
      digits();
      // A date: 2024-08-01.
      if (j - i == 4 && j + 5 < s.size() + 0 && s[j] == '-' && is_digit(s[j + 1]) &&
          is_digit(s[j + 2]) && s[j + 3] == '-' && is_digit(s[j + 4]) && is_digit(s[j + 5]))
        j += 6;
      // Comma groups and a fraction stay glued to the number.
      while (j + 3 < s.size() && s[j] == ',' && is_digit(s[j + 1]) && is_digit(s[j + 2]) &&
             is_digit(s[j + 3]) && (j + 4 >= s.size() || !is_digit(s[j + 4])))
        j += 4;
      if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
        ++j;
        digits();
      }
      // Suffixes that must touch the digits: %, 万, 亿 (and 元 after them).
      for (bool more = true; more;) {
        more = false;
        for (std::string_view suf : {"%", "\xE4\xB8\x87", "\xE4\xBA\xBF", "\xE5\x85\x83"})
          if (s.substr(j, suf.size()) == suf) {
            j += suf.size();
            more = true;
          }
      }
      out.push_back({kind::number, std::string(s.substr(i, j - i))});
      i = j;
    } else {
      static const std::string_view k_ops[] = {
          "<=", ">=", "==", "!=", "=>", "\xE2\x89\xA5", "\xE2\x89\xA4", "\xE2\x89\xA0", "\xC3\x97"};
      std::string text;
      for (auto op : k_ops)
        if (s.substr(i, op.size()) == op) text = op;
      if (text.empty()) text = std::string(s.substr(i, utf8::length_at(s, i)));
      kind k = kind::other;
      if (text == "(" || text == "[" || text == "{")
        k = kind::open;
      else if (text == ")" || text == "]" || text == "}")
        k = kind::close;
      else if (text == ",")
        k = kind::comma;
      else if (text == ".")
        k = kind::dot;
      else if (text == ":")
        k = kind::colon;
      else if (text.size() > 1 || std::string_view("+-*/<>=").find(text) != std::string_view::npos)
        k = kind::op;
      if (text == "{" && combine_decl) {
        member_braces = 1;
        combine_decl = false;
      } else if (text == "}" && member_braces > 0) {
        member_braces = 0;
      }
      path_next = false;
      out.push_back({k, text});
      i += text.size();
    }
  }
  return out;
}

// Words that start an item inside a block of the given opening keyword.
bool starts_item(const std::string& block, const token& t) {
  using syntax::is_one_of;
  if (t.k == kind::close) return true;
  if (block.empty()) return t.k == kind::word && is_one_of(t.text, syntax::k_top_keywords);
  if (block == "schema" || block == "record")
    return t.k == kind::word && is_one_of(t.text, syntax::k_schema_keywords);
  if (is_one_of(block, syntax::k_item_blocks))
    return t.k == kind::word && is_one_of(t.text, syntax::k_item_keywords);
  return true;  // rows of parameters, brackets, ladders and member lists: every line is an item
}

bool space_between(const token& a, const token& b, const token* before_a) {
  if (a.k == kind::open && a.text != "{") return false;
  if (b.k == kind::close && b.text != "}") return false;
  if (b.k == kind::comma) return false;
  if (a.k == kind::dot || b.k == kind::dot) return false;
  if (b.k == kind::open && b.text == "(" && a.k == kind::word &&
      !syntax::is_one_of(a.text, syntax::k_reserved_words))
    return false;  // a call: min(a, b)
  if (a.k == kind::op && a.text == "-") {
    // Unary minus sticks to its operand: after an operator, an opening bracket, a comma, a
    // keyword or `=`, or at the start of a line.
    bool unary =
        !before_a || before_a->k == kind::op || before_a->k == kind::open ||
        before_a->k == kind::comma || before_a->k == kind::colon || before_a->k == kind::newline ||
        (before_a->k == kind::word && syntax::is_one_of(before_a->text, syntax::k_reserved_words));
    if (unary) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> rule_tokens(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& t : lex(text))
    if (t.k != kind::newline && t.k != kind::comment) out.push_back(t.text);
  return out;
}

std::string format_rules(std::string_view text) {
  std::vector<token> toks = lex(text);
  // Split into lines of tokens.
  std::vector<std::vector<token>> lines(1);
  for (auto& t : toks) {
    if (t.k == kind::newline)
      lines.emplace_back();
    else
      lines.back().push_back(std::move(t));
  }
  std::string out;
  std::vector<std::string> blocks;  // the keyword that opened each `{`
  std::string item_first;           // first word of the current item: names the block its `{` opens
  int paren_depth = 0;              // ( and [ open across lines of one item
  bool pending_blank = false;
  bool after_open = true;  // no blank line right after `{` or at the start
  for (const auto& line : lines) {
    if (line.empty()) {
      pending_blank = !after_open;
      continue;
    }
    const token& first = line.front();
    bool closes = first.k == kind::close && first.text == "}";
    std::size_t depth = blocks.size() - (closes && !blocks.empty() ? 1 : 0);
    std::string block = blocks.empty() ? "" : blocks.back();
    bool item = first.k == kind::comment || (paren_depth == 0 && starts_item(block, first));
    // `for each` and `not in` continue an expression; `for at most` and `not encodable` are items.
    if (item && line.size() > 1 &&
        ((first.text == "for" && line[1].text == "each") ||
         (first.text == "not" && line[1].text != "encodable")))
      item = false;
    if (item && first.k != kind::comment) item_first = first.text;
    if (pending_blank && !closes) out += "\n";
    pending_blank = false;
    std::size_t indent = depth * 2;
    if (!item) indent += 2 + 2 * static_cast<std::size_t>(std::max(paren_depth, 0));
    out += std::string(indent, ' ');
    const token* prev = nullptr;
    const token* before_prev = nullptr;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const token& t = line[i];
      if (prev) {
        if (t.k == kind::comment)
          out += "  ";
        else if (space_between(*prev, t, before_prev))
          out += " ";
      }
      out += t.text;
      if (t.text == "(" || t.text == "[") ++paren_depth;
      if (t.text == ")" || t.text == "]") --paren_depth;
      if (t.text == "{") {
        blocks.push_back(item_first);
        paren_depth = 0;
      }
      if (t.text == "}" && !blocks.empty()) blocks.pop_back();
      before_prev = prev;
      prev = &t;
    }
    out += "\n";
    after_open = line.back().text == "{";
  }
  while (out.size() > 1 && out.ends_with("\n\n")) out.pop_back();
  if (out == "\n") out.clear();
  return out;
}

}  // namespace elig
