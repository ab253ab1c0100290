// The plain-text explanation: verdict and amount first, then why, then how much, then the source.
#include <fmt/format.h>

#include "elig/render.hpp"
#include "explain/words.hpp"
#include "support/paint.hpp"

namespace elig {
using explain::amount_words;
using explain::mark;
using explain::status_word;

namespace {

const fmt::text_style& status_color(status s) {
  switch (s) {
    case status::eligible:
      return tone::good;
    case status::ineligible:
      return tone::bad;
    case status::undetermined:
      return tone::open;
    default:
      return tone::faint;
  }
}

void conditions(std::string& out, const std::vector<condition_trace>& cs, bool en, bool all,
                int indent) {
  for (const auto& c : cs) {
    if (!all && c.result == outcome::yes) continue;
    out += fmt::format("{:{}}{} {}", "", indent, mark(c.result), c.label.in(en ? "en" : "zh"));
    if (!c.missing.empty()) {
      std::string m;
      for (const auto& x : c.missing) m += (m.empty() ? "" : ", ") + x;
      out += fmt::format(fmt::runtime(en ? " (missing: {})" : "（缺少：{}）"), m);
    }
    out += "\n";
    if (all) conditions(out, c.details, en, all, indent + 4);
  }
}

}  // namespace

std::string format_money(decimal d) { return d.to_grouped(2); }

std::string render_provision_text(const provision_result& r, const render_options& o) {
  bool en = o.lang == "en";
  painter paint{o.color};
  std::string out;
  std::string verdict = status_word(r.result, en);
  std::string amt = amount_words(r.value, en);
  out += fmt::format("{} {}  {}{}\n", paint(tone::strong, r.id), r.title.in(o.lang),
                     paint(status_color(r.result), verdict), amt.empty() ? "" : " · " + amt);
  if (r.draft) out += en ? "    draft for comment\n" : "    征求意见稿\n";
  if (!r.reason.zh.empty()) out += "    " + r.reason.in(o.lang) + "\n";
  if (!r.missing.empty()) {
    std::string m;
    for (const auto& x : r.missing) m += (m.empty() ? "" : ", ") + x;
    out +=
        fmt::format(fmt::runtime(en ? "    would be decided by: {}\n" : "    待补充事实：{}\n"), m);
  }
  bool full = o.full_trace;
  if (!r.conditions.empty() && (full || r.result != status::eligible)) {
    std::string body;
    conditions(body, r.conditions, en, full, 6);
    if (!body.empty()) out += (en ? "    conditions:\n" : "    条件：\n") + body;
  } else if (!r.conditions.empty()) {
    // Eligible: one line says every condition held; `elig explain` lists them with their values.
    out +=
        fmt::format(fmt::runtime(en ? "    ✔ all {} conditions met (`elig explain {}` shows each)\n"
                                    : "    ✔ {} 项条件全部满足（`elig explain {}` 逐项列出）\n"),
                    r.conditions.size(), r.id);
  }
  for (const auto& p : r.parts) {
    std::string head;
    if (!p.name.empty())
      head = fmt::format(
          "    {} {}: {}{}\n", en ? "part" : "部分", p.title.in(o.lang), status_word(p.result, en),
          p.value.kind == amount_kind::none ? "" : " · " + amount_words(p.value, en));
    std::string body;
    if (!p.reason.zh.empty()) body += "      " + p.reason.in(o.lang) + "\n";
    conditions(body, p.conditions, en, full, 6);
    if (r.result == status::eligible || p.result == status::ineligible || full)
      for (const auto& s : p.steps) body += "      " + s.text.in(o.lang) + "\n";
    if (!head.empty() || !body.empty())
      out +=
          (head.empty() ? (body.empty() ? "" : std::string(en ? "    amount:\n" : "    金额：\n"))
                        : head) +
          body;
  }
  for (const auto& n : r.notes) out += "    " + n.in(o.lang) + "\n";
  for (const auto& d : r.issues.items())
    out += fmt::format("    error[{}]: {}\n", diag_id(d.code), d.message);
  if (!r.citation.empty())
    out += fmt::format(fmt::runtime(en ? "    source: {}\n" : "    依据：{}\n"), r.citation);
  // The readings an amount rests on matter whenever there is an amount or an open question.
  if ((full || r.result == status::eligible || r.result == status::undetermined) &&
      !r.interpretations.empty()) {
    out += en ? "    interpretations used:\n" : "    采用的解释：\n";
    for (const auto& i : r.interpretations) out += "      - " + i.in(o.lang) + "\n";
  }
  return out;
}

std::string render_text(const report& d, const render_options& o) {
  bool en = o.lang == "en";
  painter paint{o.color};
  std::string out =
      paint(tone::strong, fmt::format(fmt::runtime(en ? "{} — as of {}\n" : "{} — 核查日期 {}\n"),
                                      d.profile, d.as_of.to_string()));
  std::size_t counts[5] = {};
  for (const auto& r : d.provisions) ++counts[static_cast<int>(r.result)];
  out += fmt::format(
      fmt::runtime(
          en ? "{} eligible, {} ineligible, {} undetermined, {} not in force, {} not encodable\n\n"
             : "符合 {} 项，不符合 {} 项，待定 {} 项，未生效 {} 项，无法编码 {} 项\n\n"),
      counts[0], counts[1], counts[2], counts[3], counts[4]);
  bool any_exclusion_shown = false;
  for (const auto& e : d.exclusions) {
    if (e.holds == outcome::no) continue;
    any_exclusion_shown = true;
    std::string what = e.holds == outcome::yes
                           ? (en ? "applies: no provision pays" : "成立：所有条款均不予支持")
                           : (en ? "undecided, would be decided by: " : "待定，待补充事实：");
    for (std::size_t i = 0; e.holds == outcome::unknown && i < e.missing.size(); ++i)
      what += (i ? ", " : "") + e.missing[i];
    out += paint(e.holds == outcome::yes ? tone::bad : tone::caution,
                 fmt::format(fmt::runtime(en ? "Exclusion \"{}\" {}" : "排除情形“{}”{}"),
                             e.title.in(o.lang), what)) +
           "\n";
    if (!e.citation.empty())
      out += fmt::format(fmt::runtime(en ? "  source: {}\n" : "  依据：{}\n"), e.citation);
  }
  if (any_exclusion_shown) out += "\n";
  for (const auto& r : d.provisions) out += render_provision_text(r, o) + "\n";
  out +=
      paint(tone::strong, fmt::format(fmt::runtime(en ? "Total (counted provisions): CNY {} to {}\n"
                                                      : "合计（计入的条款）：{} 至 {} 元\n"),
                                      d.total.min.to_grouped(2), d.total.max.to_grouped(2)));
  for (const auto& n : d.total_notes) out += "  " + n.in(o.lang) + "\n";
  return out;
}

}  // namespace elig
