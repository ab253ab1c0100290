#include "explain/wrap.hpp"

#include <vector>

#include "support/utf8.hpp"

namespace elig::explain {

namespace {

struct piece {
  std::string_view text;  // one character, or one colour escape
  std::size_t width;
};

std::vector<piece> pieces(std::string_view line) {
  std::vector<piece> out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\x1b') {  // ESC [ ... m: no width
      std::size_t j = line.find('m', i);
      j = j == std::string_view::npos ? line.size() : j + 1;
      out.push_back({line.substr(i, j - i), 0});
      i = j;
      continue;
    }
    char32_t cp = 0;
    std::size_t len = utf8::next(line, i, cp);
    std::string_view ch = line.substr(i, len);
    out.push_back({ch, utf8::width(ch)});
    i += len;
  }
  return out;
}

bool is_wide(const piece& p) { return p.width >= 2; }

// Chinese closing punctuation is not put at the start of a line.
bool no_break_before(std::string_view ch) {
  for (std::string_view p : {"，", "。", "：", "；", "、", "）", "」", "！", "？", ")", ",", "."})
    if (ch == p) return true;
  return false;
}

// Nor is opening punctuation left at the end of one: it goes with what it opens.
bool no_break_after(std::string_view ch) {
  for (std::string_view p : {"（", "“", "「", "《", "【", "‘"})
    if (ch == p) return true;
  return false;
}

void wrap_line(std::string_view line, std::size_t width, std::string& out) {
  std::size_t indent = 0;
  while (indent < line.size() && line[indent] == ' ') ++indent;
  auto ps = pieces(line);
  std::size_t total = 0;
  for (const auto& p : ps) total += p.width;
  if (total <= width) {
    out.append(line);
    return;
  }
  // A list item ("- x", "✔ x", "? x") continues under its text.
  // Other lines hang four columns in, so a continuation never looks like a new item.
  std::size_t cont = indent + 4;
  std::string_view rest = line.substr(indent);
  for (std::string_view m : {"- ", "✔ ", "✘ ", "? ", "· "})
    if (rest.substr(0, m.size()) == m) cont = indent + 2;
  if (cont + 20 > width) cont = indent;  // never a column too narrow to hold words

  // Tokens: a run of narrow characters without spaces (a word), or one wide character with
  // the closing punctuation after it; spaces between them are where lines may break.
  struct token {
    std::size_t first, last;  // pieces [first, last)
    std::size_t width;
    bool space;
  };
  std::vector<token> tokens;
  for (std::size_t i = indent; i < ps.size();) {
    std::size_t j = i, w = 0;
    bool space = ps[i].text == " ";
    if (space) {
      while (j < ps.size() && ps[j].text == " ") w += ps[j++].width;
    } else if (is_wide(ps[i])) {
      // Openers, then the wide character or word they open, then closing punctuation.
      while (j + 1 < ps.size() && no_break_after(ps[j].text) && ps[j + 1].text != " ")
        w += ps[j++].width;
      if (is_wide(ps[j])) {
        w += ps[j++].width;
      } else {
        while (j < ps.size() && ps[j].text != " " && !is_wide(ps[j])) w += ps[j++].width;
      }
      while (j < ps.size() && no_break_before(ps[j].text)) w += ps[j++].width;
    } else {
      while (j < ps.size() && ps[j].text != " " && !is_wide(ps[j])) w += ps[j++].width;
      while (j < ps.size() && no_break_before(ps[j].text)) w += ps[j++].width;
    }
    tokens.push_back({i, j, w, space});
    i = j;
  }
  std::string current(line.substr(0, indent));
  std::size_t col = indent;
  bool line_has_text = false;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const token& tk = tokens[t];
    if (tk.space) {
      // Kept only when the next token fits after it on this line.
      std::size_t next = t + 1 < tokens.size() ? tokens[t + 1].width : 0;
      if (line_has_text && col + tk.width + next <= width) {
        for (std::size_t k = tk.first; k < tk.last; ++k) current.append(ps[k].text);
        col += tk.width;
      } else if (line_has_text) {
        out += current;
        out += '\n';
        current.assign(cont, ' ');
        col = cont;
        line_has_text = false;
      }
      continue;
    }
    if (line_has_text && col + tk.width > width) {  // two wide characters meet: break between
      out += current;
      out += '\n';
      current.assign(cont, ' ');
      col = cont;
    }
    for (std::size_t k = tk.first; k < tk.last; ++k) current.append(ps[k].text);
    col += tk.width;
    line_has_text = true;
  }
  out += current;
}

}  // namespace

std::string wrap_lines(std::string_view text, std::size_t width) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    wrap_line(line, width, out);
    if (nl == std::string_view::npos) break;
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

}  // namespace elig::explain
