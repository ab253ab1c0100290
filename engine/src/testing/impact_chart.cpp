// `elig diff --chart FILE.svg`: the change per company and the budget impact per provision as
// two horizontal bar charts, in plain SVG (no script, no fonts to fetch).
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "elig/impact.hpp"
#include "testing/svg.hpp"

namespace elig {
namespace {

struct bar {
  std::string label;
  decimal value;
};

// The bar's length in pixels for `value` on a scale whose largest magnitude is `largest`:
// decimal division, never binary floating point, rounded to a pixel.
int length(decimal value, decimal largest, int width) {
  if (largest == decimal{}) return 0;
  decimal magnitude = value < decimal{} ? decimal{} - value : value;
  decimal scaled = (magnitude * decimal::from_int(width) / largest).round(0, rounding::half_up);
  return static_cast<int>(scaled.to_int());
}

// One panel: a title, then a bar per row from a zero line, gains right, losses left.
int panel(std::string& svg, int top, const std::string& title, const std::vector<bar>& bars,
          const std::string& empty) {
  constexpr int label_width = 300, half = 220, row = 22;
  const int zero = label_width + half + 20;
  svg += fmt::format("<text x=\"10\" y=\"{}\" class=\"title\">{}</text>\n", top + 16,
                     svg_escape(title));
  top += 28;
  if (bars.empty()) {
    svg += fmt::format("<text x=\"10\" y=\"{}\">{}</text>\n", top + 14, svg_escape(empty));
    return top + row + 10;
  }
  decimal largest;
  for (const auto& b : bars) {
    decimal m = b.value < decimal{} ? decimal{} - b.value : b.value;
    if (largest < m) largest = m;
  }
  svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"axis\"/>\n", zero,
                     top, top + row * static_cast<int>(bars.size()));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    int y = top + row * static_cast<int>(i);
    int len = length(b.value, largest, half);
    bool loss = b.value < decimal{};
    svg += fmt::format("<text x=\"10\" y=\"{}\">{}</text>\n", y + 15, svg_escape(b.label));
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" class=\"{}\"/>\n",
                       loss ? zero - len : zero, y + 3, std::max(len, 1), loss ? "loss" : "gain");
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}{}</text>\n",
                       loss ? zero - len - 4 : zero + len + 4, y + 15, loss ? "end" : "start",
                       loss ? "" : "+", b.value.to_grouped(2));
  }
  return top + row * static_cast<int>(bars.size()) + 16;
}

}  // namespace

std::string render_impact_svg(const impact_report& r, const render_options& o) {
  const bool en = o.lang == language::en;
  std::vector<bar> companies, provisions;
  for (const auto& c : r.companies)
    if (!c.changes.empty() || c.before.max != c.after.max)
      companies.push_back(
          {c.company.empty() ? c.profile.substr(c.profile.find_last_of('/') + 1) : c.company,
           c.after.max - c.before.max});
  for (const auto& b : r.provisions) provisions.push_back({b.id, b.delta_max});
  std::string body;
  int y = panel(body, 10,
                en ? fmt::format("Change of each company's total (ceiling, CNY), as of {}",
                                 r.as_of.to_string())
                   : fmt::format("各企业合计的变化（上限，元），核查日期 {}", r.as_of.to_string()),
                companies, en ? "No company's total changes." : "没有企业的合计发生变化。");
  y = panel(
      body, y + 10,
      en ? (r.weighted ? "Budget impact per provision (ceiling, CNY, weighted estimate)"
                       : "Budget impact per provision (ceiling, CNY)")
         : (r.weighted ? "各条款的预算影响（上限，元，加权估计）" : "各条款的预算影响（上限，元）"),
      provisions, en ? "No provision's amounts change." : "没有条款的金额发生变化。");
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"{}\" "
      "viewBox=\"0 0 900 {}\" font-family=\"sans-serif\" font-size=\"13\">\n"
      "<style>.title{{font-weight:bold}} .gain{{fill:#2e7d32}} .loss{{fill:#c62828}} "
      ".axis{{stroke:#555}}</style>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{}</svg>\n",
      y + 10, y + 10, body);
}

}  // namespace elig
