#include "syntax/parse.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "elig/diagnostic.hpp"
#include "support/utf8.hpp"
#include "syntax/grammar.hpp"
#include "syntax/vocabulary.hpp"

namespace elig::syntax {
namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where a word starts at `p`, the word; used to find recovery points and to quote what was found.
std::string_view word_at(const char* p, const char* end) {
  const char* q = p;
  while (q < end && is_word_char(*q)) ++q;
  return {p, static_cast<std::size_t>(q - p)};
}

class driver {
 public:
  driver(const source_file& file, std::uint32_t file_id, const parse_limits& limits,
         diagnostic_list& diags)
      : text_(file.text()), file_id_(file_id), diags_(diags) {
    state_.begin = text_.data();
    state_.max_depth = limits.max_nesting;
  }

  ast::rule_file run() {
    collect_comments();
    const char* end = text_.data() + text_.size();
    const char* p = text_.data();
    while (skip(p), p < end) {
      std::string_view w = word_at(p, end);
      if (w == "document") {
        parse_document(p);
      } else {
        ast::declaration decl;
        if (attempt(grammar::declaration(), p, decl)) {
          out_.declarations.push_back(std::move(decl));
        } else {
          report(p,
                 "a declaration (`document`, `schema`, `parameter`, `define`, `brackets`, "
                 "`ladder`, `take highest`, `cap` or `exclusion`)");
          p = next_line_starting(p, false);
        }
      }
    }
    return std::move(out_);
  }

  // One expression, from `offset` to the end of the text (a `--set NAME=VALUE`'s value).
  std::optional<ast::expression> run_expression(std::uint32_t offset) {
    const char* end = text_.data() + text_.size();
    const char* p = text_.data() + offset;
    ast::expression e;
    if (!attempt(grammar::expression(), p, e)) {
      report(p, "a value such as `800万` or `3.5%`");
      return std::nullopt;
    }
    skip(p);
    if (p < end) {
      auto off = static_cast<std::uint32_t>(p - text_.data());
      diags_.add(diag_code::syntax_unexpected,
                 fmt::format("expected the end of the value, found {}", describe_found(p, end)),
                 span(off, off + 1), "a value is one expression, such as `800万`");
      return std::nullopt;
    }
    return e;
  }

 private:
  void parse_document(const char*& p) {
    const char* end = text_.data() + text_.size();
    ast::document_decl doc;
    doc.begin = static_cast<std::uint32_t>(p - text_.data());
    ast::path_ref id;
    if (!attempt(grammar::document_header(), p, id)) {
      report(p, "a document header (`document ID {`)");
      p = next_line_starting(p, false);
      return;
    }
    doc.id = std::move(id);
    while (true) {
      skip(p);
      if (p >= end) {
        diags_.add(diag_code::syntax_expected, "expected `}` to close the document",
                   span(doc.begin, doc.begin + 8), "every `document ... {` needs a matching `}`");
        break;
      }
      if (*p == '}') {
        ++p;
        break;
      }
      ast::document_item item;
      if (attempt(grammar::document_item(), p, item)) {
        doc.items.push_back(std::move(item));
        continue;
      }
      report(p,
             "a document item (`title`, `issuer`, `announced`, `source`, `status`, `valid`, "
             "`interpretation`, `when`, `unless` or `provision`)");
      doc.recovered = true;
      // Recovery stops at the next provision (stay in the document), at the `}` that closes
      // the document, or at a top-level keyword (leave it).
      p = recover_in_document(p);
      if (p < end && *p != '}' && word_at(p, end) != "provision") break;
    }
    doc.end = static_cast<std::uint32_t>(p - text_.data());
    out_.documents.push_back(std::move(doc));
  }

  template <typename Rule, typename Attr>
  bool attempt(const Rule& rule, const char*& p, Attr& attr) {
    state_.failed = false;
    state_.too_deep = false;
    state_.depth = 0;
    const char* first = p;
    const char* end = text_.data() + text_.size();
    bool ok = false;
    try {
      ok = x3::phrase_parse(first, end, x3::with<state_tag>(std::ref(state_))[rule], skipper_def,
                            attr);
    } catch (const x3::expectation_failure<const char*>& e) {
      // A failure outside any rule with an on_error handler (rare): record it the same way.
      if (!state_.failed) {
        state_.failed = true;
        state_.fail_offset = static_cast<std::uint32_t>(e.where() - text_.data());
        state_.expected = e.which();
      }
      ok = false;
    }
    if (ok) p = first;
    return ok;
  }

  void report(const char* at, std::string_view fallback) {
    const char* end = text_.data() + text_.size();
    if (state_.too_deep) {
      diags_.add(diag_code::nesting_too_deep,
                 fmt::format("expressions nest deeper than {} levels", state_.max_depth),
                 span(state_.fail_offset, state_.fail_offset + 1),
                 "split the expression with `define` names");
      return;
    }
    std::uint32_t off =
        state_.failed ? state_.fail_offset : static_cast<std::uint32_t>(at - text_.data());
    const char* where = text_.data() + off;
    const char* skipped = where;
    skip(skipped);
    // Point at the next token when it is on the same line; otherwise at the end of the line
    // where the text stopped ("expected `)`" belongs after the last thing written).
    // X3 skips white space before it fails, so step back over it first.
    // (A rule that simply did not match where an item starts has skipped nothing: point at
    // the word it found, even on a line of its own.)
    const char* back = where;
    while (state_.failed && back > text_.data() &&
           (back[-1] == ' ' || back[-1] == '\t' || back[-1] == '\n' || back[-1] == '\r'))
      --back;
    bool same_line = !state_.failed || std::find(back, skipped, '\n') == skipped;
    off = static_cast<std::uint32_t>((same_line ? skipped : back) - text_.data());
    std::string expected = state_.failed ? pretty_expected(state_.expected) : std::string(fallback);
    std::string found = describe_found(skipped, end);
    std::uint32_t len =
        same_line
            ? static_cast<std::uint32_t>(std::max<std::size_t>(word_at(skipped, end).size(), 1))
            : 1;
    diags_.add(state_.failed ? diag_code::syntax_expected : diag_code::syntax_unexpected,
               fmt::format("expected {}, found {}", expected, found), span(off, off + len),
               hint_for(expected, found));
  }

  // The keywords an "expected ..." message lists (`title`, `provision`, ...), for did-you-mean.
  static std::vector<std::string> listed_keywords(const std::string& expected) {
    std::vector<std::string> out;
    for (std::size_t i = expected.find('`'); i != std::string::npos;
         i = expected.find('`', i + 1)) {
      std::size_t j = expected.find('`', i + 1);
      if (j == std::string::npos) break;
      std::string w = expected.substr(i + 1, j - i - 1);
      if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return is_word_char(c); }))
        out.push_back(w);
      i = j;
    }
    return out;
  }

  static std::string pretty_expected(const std::string& which) {
    // X3 names literals as 'x' and our rules by their names; show both as `x`.
    if (which.size() >= 3 && which.front() == '\'' && which.back() == '\'')
      return "`" + which.substr(1, which.size() - 2) + "`";
    if (which.size() >= 3 && which.front() == '"' && which.back() == '"')
      return "`" + which.substr(1, which.size() - 2) + "`";
    if (which.find_first_of(" `(") == std::string::npos && !which.empty() &&
        which != "expression" && which != "identifier" && which != "string" && which != "number" &&
        which != "date" && which != "name" && which != "value" && which != "type" &&
        which != "amount" && which != "item")
      return "`" + which + "`";
    if (which == "expression" || which == "identifier" || which == "string" || which == "number" ||
        which == "date" || which == "name" || which == "value" || which == "type" ||
        which == "amount" || which == "item")
      return (which[0] == 'a' || which[0] == 'e' || which[0] == 'i' ? "an " : "a ") + which;
    return which;
  }

  static std::string describe_found(const char* p, const char* end) {
    if (p >= end) return "end of file";
    std::string_view w = word_at(p, end);
    if (!w.empty()) return fmt::format("`{}`", w);
    for (std::string_view op : {"&&", "||"})
      if (static_cast<std::size_t>(end - p) >= 2 && std::string_view(p, 2) == op)
        return fmt::format("`{}`", op);
    std::size_t len = utf8::length_at(std::string_view(p, static_cast<std::size_t>(end - p)), 0);
    return fmt::format("`{}`", std::string_view(p, len));
  }

  static std::optional<std::string> hint_for(const std::string& expected,
                                             const std::string& found) {
    // What was found says more than what was expected: `&&`, full-width commas, `=`.
    if (found == "`=`") return "compare with `==`; `=` only gives a parameter its value";
    if (found == "`&&`") return "write `and`";
    if (found == "`||`") return "write `or`";
    if (found == "`!`") return "write `not`";
    // Full-width punctuation typed with a Chinese input method.
    static constexpr std::pair<std::string_view, std::string_view> k_full_width[] = {
        {"，", ","}, {"（", "("}, {"）", ")"}, {"：", ":"}, {"；", ";"}, {"“", "\""}, {"”", "\""},
        {"＝", "="}, {"【", "["}, {"】", "]"}, {"｛", "{"}, {"｝", "}"}, {"％", "%"}};
    for (auto [wide, ascii] : k_full_width)
      if (found == fmt::format("`{}`", wide))
        return fmt::format("`{}` is full-width punctuation: write the ASCII `{}`", wide, ascii);
    if (expected == "`}`") return "check that every `{` has a matching `}`";
    if (expected == "`\"`") return "strings end on the same line they start";
    if (expected == "an expression")
      return "an expression is a name, a number (`200万`, `50%`), a date, a string or a call";
    if (found.size() > 2 && found.front() == '`') {
      std::string word = found.substr(1, found.size() - 2);
      auto keywords = listed_keywords(expected);
      if (std::find(keywords.begin(), keywords.end(), word) == keywords.end())
        if (auto near = nearest_name(word, keywords))
          return fmt::format("did you mean `{}`?", *near);
    }
    if (expected.find("text (") != std::string::npos)
      return "write the Chinese text, then `/` and the English text";
    return std::nullopt;
  }

  void skip(const char*& p) const {
    const char* end = text_.data() + text_.size();
    while (p < end) {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') {
        ++p;
      } else if (*p == '#') {
        while (p < end && *p != '\n') ++p;
      } else {
        break;
      }
    }
  }

  // After an error inside a document: the next line at the document's own level that starts a
  // provision or a top-level declaration, or the `}` that closes the document. Braces opened by
  // the broken item are skipped whole, so its body does not produce errors of its own.
  const char* recover_in_document(const char* p) const {
    const char* end = text_.data() + text_.size();
    int depth = 0;
    bool line_start = false;
    while (p < end) {
      char c = *p;
      if (line_start && depth == 0) {
        const char* q = p;
        while (q < end && (*q == ' ' || *q == '\t')) ++q;
        std::string_view w = word_at(q, end);
        if (w == "provision") return q;
        for (auto k : k_top_keywords)
          if (w == k) return q;
      }
      line_start = false;
      if (c == '"') {
        ++p;
        while (p < end && *p != '"' && *p != '\n') p += (*p == '\\' && p + 1 < end) ? 2 : 1;
        if (p < end && *p == '"') ++p;
        continue;
      }
      if (c == '#') {
        while (p < end && *p != '\n') ++p;
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') {
        if (depth == 0) return p;
        --depth;
      }
      if (c == '\n') line_start = true;
      ++p;
    }
    return end;
  }

  // The start of the next line (after `p`'s line) whose first word is a top-level keyword, or
  // `provision` when inside a document.
  const char* next_line_starting(const char* p, bool in_document) const {
    const char* end = text_.data() + text_.size();
    while (p < end) {
      while (p < end && *p != '\n') ++p;
      if (p < end) ++p;
      const char* q = p;
      while (q < end && (*q == ' ' || *q == '\t')) ++q;
      std::string_view w = word_at(q, end);
      if (in_document && w == "provision") return q;
      for (auto k : k_top_keywords)
        if (w == k) return q;
    }
    return end;
  }

  // Comments are not in the grammar (the skipper drops them); the formatter needs them back.
  void collect_comments() {
    bool in_string = false;
    for (std::size_t i = 0; i < text_.size(); ++i) {
      char c = text_[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"' || c == '\n')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '#') {
        std::size_t j = text_.find('\n', i);
        if (j == std::string_view::npos) j = text_.size();
        ast::comment cm;
        cm.begin = static_cast<std::uint32_t>(i);
        cm.end = static_cast<std::uint32_t>(j);
        cm.text = std::string(text_.substr(i, j - i));
        out_.comments.push_back(std::move(cm));
        i = j;
      }
    }
  }

  source_span span(std::uint32_t b, std::uint32_t e) const { return {file_id_, b, e}; }

  std::string_view text_;
  std::uint32_t file_id_;
  diagnostic_list& diags_;
  parse_state state_;
  ast::rule_file out_;
};

}  // namespace

ast::rule_file parse_file(const source_file& file, std::uint32_t file_id,
                          const parse_limits& limits, diagnostic_list& diags) {
  if (file.text().size() > limits.max_bytes) {
    diags.add(diag_code::file_too_large,
              fmt::format("`{}` is {} bytes; rule files are limited to {} bytes", file.name(),
                          file.text().size(), limits.max_bytes),
              source_span{file_id, 0, 0}, "split the rules into several files");
    return {};
  }
  std::size_t bad = 0;
  if (!utf8::valid(file.text(), bad)) {
    auto at = static_cast<std::uint32_t>(bad);
    diags.add(diag_code::bad_encoding, "the file is not valid UTF-8",
              source_span{file_id, at, at + 1}, "save the file as UTF-8");
    return {};
  }
  return driver(file, file_id, limits, diags).run();
}

std::optional<ast::expression> parse_expression(const source_file& file, std::uint32_t file_id,
                                                std::uint32_t offset, diagnostic_list& diags) {
  return driver(file, file_id, parse_limits{}, diags).run_expression(offset);
}

}  // namespace elig::syntax
