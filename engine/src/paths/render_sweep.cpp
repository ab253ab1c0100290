// The benefit curve as a table, as JSON, and as an SVG chart (no script, no fonts to fetch):
// the total's ceiling against the fact, its floor where it differs, cliffs marked in red.
#include <fmt/format.h>

#include <algorithm>

#include "elig/decision_json.hpp"
#include "elig/render.hpp"
#include "elig/sweep.hpp"
#include "testing/svg.hpp"

namespace elig {
namespace {

std::string pick(const bitext& b, language lang) { return b.in(lang).empty() ? b.zh : b.in(lang); }

std::string amount_json(const amount& a) {
  return fmt::format(R"({{"kind":"{}","min":"{}","max":"{}","currency":"CNY"}})",
                     amount_kind_name(a.kind), a.min.to_string(2), a.max.to_string(2));
}

// A scale position in pixels, by decimal arithmetic: `v` of `top` over `pixels`.
int scaled(decimal v, decimal top, int pixels) {
  if (!(top > decimal{})) return 0;
  return static_cast<int>(
      (v * decimal::from_int(pixels) / top).round(0, rounding::half_up).to_int());
}

// An axis value as people abbreviate it: 1,000万 / 10M.
std::string short_amount(decimal v, language lang) {
  if (lang == language::zh && v >= decimal::from_int(10'000))
    return (v / decimal::from_int(10'000)).round(1, rounding::half_up).to_grouped() + "万";
  if (lang == language::en && v >= decimal::from_int(1'000'000))
    return (v / decimal::from_int(1'000'000)).round(2, rounding::half_up).to_grouped() + "M";
  return v.round(2, rounding::half_up).to_grouped();
}

}  // namespace

std::string render_sweep_text(const sweep_result& r, language lang) {
  const bool zh = lang == language::zh;
  std::string out =
      zh ? fmt::format("合计可得随“{}”的变化（各断点之间为线性）\n", pick(r.fact_label, lang))
         : fmt::format("The total payable as “{}” varies (linear between breakpoints)\n",
                       pick(r.fact_label, lang));
  if (r.today)
    out += zh ? fmt::format("目前：{}\n", r.today->to_grouped(2))
              : fmt::format("Today: {}\n", r.today->to_grouped(2));
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    const auto& pt = r.points[i];
    std::string total =
        pt.total.min == pt.total.max
            ? pt.total.max.to_grouped(2)
            : fmt::format("{} – {}", pt.total.min.to_grouped(2), pt.total.max.to_grouped(2));
    std::string changed;
    if (i > 0)
      for (std::size_t k = 0; k < pt.provisions.size(); ++k) {
        const amount& before = r.points[i - 1].provisions[k];
        const amount& now = pt.provisions[k];
        if ((before.kind == amount_kind::none) != (now.kind == amount_kind::none))
          changed += fmt::format("{}{}{}", changed.empty() ? "  " : ", ",
                                 now.kind == amount_kind::none ? (zh ? "停止：" : "stops: ")
                                                               : (zh ? "开始：" : "starts: "),
                                 pick(r.titles[k], lang));
      }
    out += fmt::format(
        "  {:>18}  {:>30}{}{}\n", pt.x.to_grouped(2), total,
        pt.cliff ? (zh ? "  ← 断崖：再多一点反而少得" : "  ← cliff: a little more pays less") : "",
        changed);
  }
  return out;
}

std::string render_sweep_json(const sweep_result& r) {
  std::string out = "{\"fact\":";
  append_json_string(r.fact, out);
  out += ",\"label\":{\"zh\":";
  append_json_string(r.fact_label.zh, out);
  out += ",\"en\":";
  append_json_string(r.fact_label.en, out);
  out += fmt::format("}},\"today\":{},\"points\":[",
                     r.today ? "\"" + r.today->to_string() + "\"" : std::string("null"));
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    const auto& pt = r.points[i];
    out += fmt::format(
        R"({}{{"x":"{}","total":{{"min":"{}","max":"{}"}},"cliff":{},"from_rules":{},"provisions":{{)",
        i ? "," : "", pt.x.to_string(), pt.total.min.to_string(2), pt.total.max.to_string(2),
        pt.cliff, pt.from_rules);
    bool first = true;
    for (std::size_t k = 0; k < pt.provisions.size(); ++k) {
      if (pt.provisions[k].kind == amount_kind::none) continue;
      if (!first) out += ',';
      first = false;
      append_json_string(r.provisions[k], out);
      out += ':' + amount_json(pt.provisions[k]);
    }
    out += "}}";
  }
  return out + "]}\n";
}

std::string render_sweep_svg(const sweep_result& r, language lang) {
  const bool zh = lang == language::zh;
  const int left = 90, top = 30, width = 600, height = 280;
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="12" role="img">)"
      "\n",
      left + width + 30, top + height + 60, left + width + 30, top + height + 60);
  const std::string fact = pick(r.fact_label, lang);
  svg += fmt::format("<title>{}</title>\n",
                     svg_escape(zh ? fmt::format("合计可得随“{}”的变化", fact)
                                   : fmt::format("Total payable as “{}” varies", fact)));
  if (r.points.empty()) return svg + "</svg>\n";
  const decimal x0 = r.points.front().x, x1 = r.points.back().x;
  decimal y1{};
  for (const auto& pt : r.points) y1 = std::max(y1, pt.total.max);
  if (!(y1 > decimal{})) y1 = decimal::from_int(1);
  auto px = [&](decimal x) { return left + scaled(x - x0, x1 - x0, width); };
  auto py = [&](decimal y) { return top + height - scaled(y, y1, height); };
  // Axes, five ticks each, and their titles.
  svg += fmt::format(R"(<path d="M{} {} V{} H{}" stroke="#344054" fill="none"/>)"
                     "\n",
                     left, top, top + height, left + width);
  for (int k = 0; k <= 4; ++k) {
    const decimal fx = x0 + (x1 - x0) * decimal::from_int(k) / decimal::from_int(4);
    const decimal fy = y1 * decimal::from_int(k) / decimal::from_int(4);
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)"
                       "\n",
                       px(fx), top + height + 16, svg_escape(short_amount(fx, lang)));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)"
                       "\n",
                       left - 6, py(fy) + 4, svg_escape(short_amount(fy, lang)));
    svg += fmt::format(R"(<path d="M{} {} H{}" stroke="#eaecf0"/>)"
                       "\n",
                       left + 1, py(fy), left + width);
  }
  svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)"
                     "\n",
                     left + width / 2, top + height + 40, svg_escape(fact));
  svg += fmt::format(
      R"svg(<text x="16" y="{}" text-anchor="middle" transform="rotate(-90 16 {})">{}</text>)svg"
      "\n",
      top + height / 2, top + height / 2,
      svg_escape(zh ? "合计可得（元）" : "Total payable (yuan)"));
  // The ceiling, and the floor where a range leaves it below.
  for (bool ceiling : {false, true}) {
    std::string d;
    bool differs = false;
    for (const auto& pt : r.points) {
      decimal y = ceiling ? pt.total.max : pt.total.min;
      differs = differs || pt.total.min != pt.total.max;
      d += fmt::format("{}{} {} ", d.empty() ? "M" : "L", px(pt.x), py(y));
    }
    if (!ceiling && !differs) continue;
    svg += fmt::format(R"(<path d="{}" stroke="{}" stroke-width="2" fill="none"{} class="{}"/>)"
                       "\n",
                       d, ceiling ? "#1f4e79" : "#7fa7cf",
                       ceiling ? "" : R"( stroke-dasharray="5 4")", ceiling ? "ceiling" : "floor");
  }
  for (const auto& pt : r.points)
    if (pt.cliff)
      svg += fmt::format(
          R"(<circle cx="{}" cy="{}" r="5" fill="#b42318" class="cliff"><title>{}</title></circle>)"
          "\n",
          px(pt.x), py(pt.total.max), svg_escape((zh ? "断崖：" : "cliff: ") + pt.x.to_grouped(2)));
  if (r.today && x0 <= *r.today && *r.today <= x1)
    svg += fmt::format(
        R"(<path d="M{0} {1} V{2}" stroke="#b54708" stroke-dasharray="3 3" class="today"/><text x="{0}" y="{3}" text-anchor="middle" fill="#b54708">{4}</text>)"
        "\n",
        px(*r.today), top, top + height, top - 8, svg_escape(zh ? "目前" : "today"));
  return svg + "</svg>\n";
}

}  // namespace elig
