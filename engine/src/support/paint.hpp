#pragma once
// Colour on a terminal, through fmt's text styles: one palette for diagnostics and reports.
#include <fmt/color.h>

#include <string>
#include <string_view>

namespace elig {

namespace tone {
inline const fmt::text_style strong = fmt::emphasis::bold;
inline const fmt::text_style good = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::green);
inline const fmt::text_style bad = fmt::fg(fmt::terminal_color::red);
inline const fmt::text_style error = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red);
inline const fmt::text_style warning = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::magenta);
inline const fmt::text_style open = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::yellow);
inline const fmt::text_style caution = fmt::fg(fmt::terminal_color::yellow);
inline const fmt::text_style help = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::cyan);
inline const fmt::text_style faint = fmt::emphasis::faint;
}  // namespace tone

struct painter {
  bool on;
  std::string operator()(const fmt::text_style& style, std::string_view s) const {
    return on ? fmt::format(style, "{}", s) : std::string(s);
  }
};

}  // namespace elig
