#pragma once
// Diagnostics are values: every layer returns them in a list, none throws them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "elig/source.hpp"
#include "elig/verdict.hpp"

namespace elig {

enum class severity { error, warning, note };

enum class diag_code : std::uint16_t {
#define ELIG_DIAG(name, id, sev, summary) name,
#include "elig/diag_codes.def"
#undef ELIG_DIAG
};

[[nodiscard]] std::string_view diag_id(diag_code c);       // "E2001"
[[nodiscard]] std::string_view diag_summary(diag_code c);  // one line for docs
[[nodiscard]] std::vector<diag_code> all_diag_codes();

struct diagnostic {
  diag_code code{};
  severity sev = severity::error;
  std::string message;  // one line, lower-case start, no final period, user text in `backticks`
  std::optional<source_span> span;
  std::vector<std::pair<source_span, std::string>> notes;
  std::optional<std::string> help;
  std::optional<std::string> witness;  // a profile (TOML) that shows a warning's problem
  // In a JSON profile, the value the diagnostic is about (RFC 6901: `/loans/0/principal`), so a
  // form can show it beside the field.
  std::optional<std::string> pointer;
  // The same in Chinese, where the message has been translated (profile diagnostics); rendered
  // under `lang` "zh", and given beside the English in JSON.
  std::string message_zh;
  std::optional<std::string> help_zh;
};

class diagnostic_list {
 public:
  diagnostic& add(diag_code code, std::string message, std::optional<source_span> span = {},
                  std::optional<std::string> help = {});
  void append(const diagnostic_list& other);
  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] std::size_t error_count() const;
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<diagnostic>& items() const { return items_; }
  // Sorted by (file, offset, severity, code): output does not depend on discovery order.
  [[nodiscard]] std::vector<diagnostic> sorted() const;

 private:
  std::vector<diagnostic> items_;
};

enum class render_style { human, human_color, json };

// GNU style first line, then the source line with a caret under the span, notes and help.
// In Chinese (`language::zh`), the Chinese message and help where a diagnostic has them.
[[nodiscard]] std::string render(const diagnostic& d, const source_manager& sources,
                                 render_style style = render_style::human,
                                 language lang = language::en);
[[nodiscard]] std::string render_all(const diagnostic_list& list, const source_manager& sources,
                                     render_style style = render_style::human,
                                     language lang = language::en);

// Every diagnostic as a JSON array of the objects `render_style::json` writes. A profile read
// from the middle of a larger input (a JSON Lines line) gives `first_line`: its lines count on
// from there, so that `line` names the input's own line.
[[nodiscard]] std::string render_json_array(const diagnostic_list& list,
                                            const source_manager& sources,
                                            std::uint32_t first_line = 1);

// "did you mean ...": the closest candidate within a small edit distance, if any.
[[nodiscard]] std::optional<std::string> nearest_name(std::string_view name,
                                                      const std::vector<std::string>& candidates);

}  // namespace elig
