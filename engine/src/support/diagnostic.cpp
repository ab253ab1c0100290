#include "elig/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "support/diagnostic_zh.hpp"
#include "support/paint.hpp"
#include "support/utf8.hpp"

namespace elig {
namespace {

struct code_row {
  std::string_view id;
  severity sev;
  std::string_view summary;
};

constexpr code_row k_codes[] = {
#define ELIG_DIAG(name, id, sev, summary) {id, severity::sev, summary},
#include "elig/diag_codes.def"
#undef ELIG_DIAG
};

std::string_view severity_name(severity s) {
  switch (s) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
}

// The caret line keeps tabs as tabs and pads wide characters with two columns.
std::string caret_line(std::string_view line, std::size_t begin, std::size_t end) {
  std::string out;
  begin = std::min(begin, line.size());
  end = std::clamp(end, begin, line.size());
  for (std::size_t i = 0; i < begin; ++i) {
    if (line[i] == '\t') {
      out.push_back('\t');
    } else if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) {
      out.append(display_width(line.substr(i, utf8::length_at(line, i))), ' ');
    }
  }
  out.push_back('^');
  std::size_t w = end > begin ? display_width(line.substr(begin, end - begin)) : 1;
  if (w > 1) out.append(w - 1, '~');
  return out;
}

}  // namespace

std::string_view diag_id(diag_code c) { return k_codes[static_cast<std::size_t>(c)].id; }
std::string_view diag_summary(diag_code c) { return k_codes[static_cast<std::size_t>(c)].summary; }
std::vector<diag_code> all_diag_codes() {
  std::vector<diag_code> out;
  for (std::size_t i = 0; i < std::size(k_codes); ++i) out.push_back(static_cast<diag_code>(i));
  return out;
}

diagnostic& diagnostic_list::add(diag_code code, std::string message,
                                 std::optional<source_span> span, std::optional<std::string> help) {
  diagnostic d;
  d.code = code;
  d.sev = k_codes[static_cast<std::size_t>(code)].sev;
  d.message = std::move(message);
  d.span = span;
  if (help && !help->empty()) d.help = std::move(help);  // never an empty `help:` line
  items_.push_back(std::move(d));
  return items_.back();
}

void diagnostic_list::append(const diagnostic_list& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool diagnostic_list::has_errors() const { return error_count() > 0; }

std::size_t diagnostic_list::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const diagnostic& d) { return d.sev == severity::error; }));
}

std::vector<diagnostic> diagnostic_list::sorted() const {
  std::vector<diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const diagnostic& a, const diagnostic& b) {
    auto key = [](const diagnostic& d) {
      return std::tuple(d.span ? d.span->file : 0u, d.span ? d.span->begin : 0u,
                        static_cast<int>(d.sev), static_cast<int>(d.code));
    };
    return key(a) < key(b);
  });
  return out;
}

namespace {

// The Chinese message: given by the site (profile diagnostics) or from the catalogue.
std::optional<std::string> zh_message(const diagnostic& d) {
  if (!d.message_zh.empty()) return d.message_zh;
  return translate_zh(d.message);
}

std::optional<std::string> zh_help(const diagnostic& d) {
  if (d.help_zh) return d.help_zh;
  if (!d.message_zh.empty() || !d.help) return std::nullopt;
  return translate_zh(*d.help);
}

// One diagnostic as JSON; `first_line` is the line of the input its source starts on.
nlohmann::ordered_json json_object(const diagnostic& d, const source_manager& sources,
                                   std::uint32_t first_line) {
  const source_file* file =
      d.span && d.span->file < sources.size() ? &sources.file(d.span->file) : nullptr;
  line_col pos = file ? file->position(d.span->begin) : line_col{};
  auto shift = [&](std::uint32_t line) { return line == 0 ? 0 : line + first_line - 1; };
  nlohmann::ordered_json j;
  j["code"] = diag_id(d.code);
  j["severity"] = severity_name(d.sev);
  j["message"] = d.message;
  j["file"] = file ? file->name() : "";
  j["line"] = shift(pos.line);
  j["column"] = pos.column;
  line_col endp = file ? file->position(d.span->end) : line_col{};
  j["end_line"] = shift(endp.line);
  j["end_column"] = endp.column;
  j["notes"] = nlohmann::ordered_json::array();
  for (const auto& [span, text] : d.notes) {
    line_col np =
        span.file < sources.size() ? sources.file(span.file).position(span.begin) : line_col{};
    j["notes"].push_back({{"message", text}, {"line", shift(np.line)}, {"column", np.column}});
  }
  j["help"] = d.help ? *d.help : "";
  j["witness"] = d.witness ? *d.witness : "";
  if (d.pointer) j["pointer"] = *d.pointer;
  // Translated diagnostics carry both languages.
  if (auto zh = zh_message(d)) {
    j["message_zh"] = *zh;
    auto help = zh_help(d);
    j["help_zh"] = help ? *help : "";
  }
  return j;
}

}  // namespace

std::string render_json_array(const diagnostic_list& list, const source_manager& sources,
                              std::uint32_t first_line) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& d : list.sorted()) all.push_back(json_object(d, sources, first_line));
  return all.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string render(const diagnostic& d, const source_manager& sources, render_style style,
                   language lang) {
  const source_file* file =
      d.span && d.span->file < sources.size() ? &sources.file(d.span->file) : nullptr;
  line_col pos = file ? file->position(d.span->begin) : line_col{};
  if (style == render_style::json)
    return json_object(d, sources, 1)
        .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  bool color = style == render_style::human_color;
  painter paint{color};
  std::string head =
      file ? fmt::format("{}:{}:{}: ", file->name(), pos.line, pos.column) : "elig: ";
  std::string sev = fmt::format("{}[{}]", severity_name(d.sev), diag_id(d.code));
  const bool zh = lang == language::zh;
  std::optional<std::string> message = zh ? zh_message(d) : std::nullopt;
  std::string out = paint(tone::strong, head) +
                    paint(d.sev == severity::error ? tone::error : tone::warning, sev + ":") + " " +
                    (message ? *message : d.message) + "\n";
  if (file) {
    std::string_view line = file->line_text(pos.line);
    std::uint32_t line_start = file->offset({pos.line, 1});
    std::size_t b = d.span->begin - line_start;
    std::size_t e = d.span->end > d.span->begin ? d.span->end - line_start : b;
    // A very long line (minified JSON, generated rules) is shown as a window around the fault.
    std::string shown(line);
    constexpr std::size_t k_window = 160;
    if (line.size() > k_window) {
      auto boundary = [&](std::size_t i) {
        while (i > 0 && i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80)
          --i;
        return i;
      };
      std::size_t from = boundary(b > k_window / 3 ? b - k_window / 3 : 0);
      std::size_t to = boundary(std::min(line.size(), from + k_window));
      if (to <= b) to = line.size();
      shown = (from > 0 ? "…" : "") + std::string(line.substr(from, to - from)) +
              (to < line.size() ? "…" : "");
      std::size_t lead = from > 0 ? std::string_view("…").size() : 0;
      b = b - from + lead;
      e = std::min(e, to) - from + lead;
      line = shown;
    }
    std::string gutter = fmt::format("{:>5}", pos.line);
    out += fmt::format("{} | {}\n", gutter, line);
    out += fmt::format("{} | {}\n", std::string(gutter.size(), ' '),
                       paint(tone::good, caret_line(line, b, e)));
  }
  for (const auto& [span, english] : d.notes) {
    std::optional<std::string> translated = zh ? translate_zh(english) : std::nullopt;
    const std::string& text = translated ? *translated : english;
    if (span.file < sources.size()) {
      const auto& nf = sources.file(span.file);
      line_col np = nf.position(span.begin);
      out += fmt::format("{}:{}:{}: note: {}\n", nf.name(), np.line, np.column, text);
    } else {
      out += fmt::format("note: {}\n", text);
    }
  }
  if (auto help = zh ? zh_help(d) : std::nullopt)
    out += paint(tone::help, "提示:") + " " + *help + "\n";
  else if (d.help)
    out += paint(tone::help, "help:") + " " + *d.help + "\n";
  if (d.witness) {
    out += zh ? "示例（可复现此问题的企业信息）：\n" : "witness (a profile that shows it):\n";
    std::size_t start = 0;
    while (start < d.witness->size()) {
      auto nl = d.witness->find('\n', start);
      if (nl == std::string::npos) nl = d.witness->size();
      out += "    " + d.witness->substr(start, nl - start) + "\n";
      start = nl + 1;
    }
  }
  return out;
}

std::string render_all(const diagnostic_list& list, const source_manager& sources,
                       render_style style, language lang) {
  std::string out;
  for (const auto& d : list.sorted()) {
    out += render(d, sources, style, lang);
    if (style == render_style::json) out += "\n";
  }
  return out;
}

std::optional<std::string> nearest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
  // By characters, not bytes: "西湖" is one edit from "西湖区".
  auto chars = [](std::string_view t) {
    std::u32string out;
    for (std::size_t i = 0; i < t.size();) {
      char32_t cp = 0;
      i += utf8::next(t, i, cp);
      out.push_back(cp);
    }
    return out;
  };
  auto distance = [&](std::string_view a8, std::string_view b8) {
    std::u32string a = chars(a8), b = chars(b8);
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::optional<std::string> best;
  std::size_t best_d = std::max<std::size_t>(2, chars(name).size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t dist = distance(name, c);
    if (dist < best_d || (dist == best_d && best && c < *best)) {
      if (dist < best_d) best_d = dist;
      best = c;
    }
  }
  return best;
}

}  // namespace elig
