// The plain-text explanation: verdict and amount first, then why, then how much, then the source.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "elig/render.hpp"
#include "explain/words.hpp"
#include "explain/wrap.hpp"
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
    out += fmt::format("{:{}}{} {}", "", indent, mark(c.result),
                       c.label.in(en ? language::en : language::zh));
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

std::string amount_text(const amount& a, language lang) {
  return amount_words(a, lang == language::en);
}

namespace {

std::string provision_text(const provision_result& r, const render_options& o,
                           const std::vector<bitext>& shown_above) {
  bool en = o.lang == language::en;
  painter paint{o.color};
  std::string out;
  std::string verdict = status_word(r.result, en);
  std::string amt = amount_words(r.value, en);
  if (auto could = r.could_pay)
    amt = fmt::format(fmt::runtime(en ? "could pay {}" : "可能可得 {}"), amount_words(*could, en));
  out += fmt::format("{} {}  {}{}\n", paint(tone::strong, r.id), r.title.in(o.lang),
                     paint(status_color(r.result), verdict), amt.empty() ? "" : " · " + amt);
  if (r.draft) out += en ? "    draft for comment\n" : "    征求意见稿\n";
  if (!r.reason.zh.empty()) out += "    " + r.reason.in(o.lang) + "\n";
  if (!r.missing.empty()) {
    // Names only: the condition lines below, and the total's list of questions, give the words.
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
    // Eligible: one line says every condition held; the full trace lists them with their values.
    out += fmt::format(
        fmt::runtime(en ? "    ✔ all {} conditions met\n" : "    ✔ {} 项条件全部满足\n"),
        r.conditions.size());
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
  if (!r.citation.in(o.lang).empty())
    out += fmt::format(fmt::runtime(en ? "    source: {}\n" : "    依据：{}\n"),
                       r.citation.in(o.lang));
  // The readings an amount rests on matter whenever there is an amount or an open question.
  std::vector<const bitext*> own;
  for (const auto& i : r.interpretations)
    if (std::none_of(shown_above.begin(), shown_above.end(),
                     [&](const bitext& a) { return a.zh == i.zh && a.en == i.en; }))
      own.push_back(&i);
  if ((full || r.result == status::eligible || r.result == status::undetermined) && !own.empty()) {
    out += en ? "    interpretations used:\n" : "    采用的解释：\n";
    for (const auto* i : own) out += "      - " + i->in(o.lang) + "\n";
  }
  return out;
}

}  // namespace

std::string render_provision_text(const provision_result& r, const render_options& o) {
  return explain::wrap_lines(provision_text(r, o, {}));
}

namespace {

// The provisions of one document, and whether the document's own conditions rule the company
// out (every provision fails on the same condition, at the same place in the rules).
struct document_group {
  const document_ref* doc = nullptr;
  std::string id;
  std::vector<const provision_result*> provisions;
  const condition_trace* shared_failure = nullptr;
  std::vector<bitext> shared_interpretations;  // printed once, above the provisions
};

const condition_trace* first_failure(const provision_result& r) {
  for (const auto& c : r.conditions)
    if (c.result == outcome::no) return &c;
  return nullptr;
}

std::vector<document_group> group_by_document(const report& d) {
  std::vector<document_group> groups;
  for (const auto& r : d.provisions) {
    if (groups.empty() || groups.back().id != r.document) {
      document_group g;
      g.id = r.document;
      for (const auto& doc : d.documents)
        if (doc.id == r.document) g.doc = &doc;
      groups.push_back(std::move(g));
    }
    groups.back().provisions.push_back(&r);
  }
  for (auto& g : groups) {
    const condition_trace* shared = nullptr;
    bool all_fail = true;
    for (const auto* r : g.provisions) {
      if (r->result == status::not_encodable) continue;
      const auto* f = r->result == status::ineligible ? first_failure(*r) : nullptr;
      if (!f ||
          (shared && !(f->span.file == shared->span.file && f->span.begin == shared->span.begin &&
                       f->span.end == shared->span.end))) {
        all_fail = false;
        break;
      }
      shared = f;
    }
    if (all_fail && shared) g.shared_failure = shared;
    // Readings every provision of the document uses are the document's: said once.
    const provision_result* first = g.provisions.front();
    for (const auto& i : first->interpretations) {
      bool everywhere = g.provisions.size() > 1;
      for (const auto* r : g.provisions)
        if (std::none_of(r->interpretations.begin(), r->interpretations.end(),
                         [&](const bitext& x) { return x.zh == i.zh && x.en == i.en; }))
          everywhere = false;
      if (everywhere) g.shared_interpretations.push_back(i);
    }
  }
  return groups;
}

}  // namespace

std::string render_text(const report& d, const render_options& o) {
  bool en = o.lang == language::en;
  painter paint{o.color};
  std::string out =
      paint(tone::strong, fmt::format(fmt::runtime(en ? "{} — as of {}\n" : "{} — 核查日期 {}\n"),
                                      d.profile, d.as_of.to_string()));
  if (!d.only.empty()) {
    // A report about one provision shows that provision alone, with every condition.
    render_options full = o;
    full.full_trace = true;
    for (const auto& r : d.provisions)
      if (r.id == d.only) out += "\n" + provision_text(r, full, {});
    return explain::wrap_lines(out);
  }
  // The counts are of the documents that concern the company; another district's provisions are
  // counted apart, not as ineligible ones.
  const auto groups = group_by_document(d);
  std::size_t counts[5] = {}, elsewhere = 0;
  for (const auto& g : groups)
    for (const auto* r : g.provisions) {
      if (g.shared_failure)
        ++elsewhere;
      else
        ++counts[static_cast<int>(r->result)];
    }
  out += fmt::format(
      fmt::runtime(
          en ? "{} eligible, {} ineligible, {} undetermined, {} not in force, {} not encodable"
             : "符合 {} 项，不符合 {} 项，待定 {} 项，未生效 {} 项，无法编码 {} 项"),
      counts[0], counts[1], counts[2], counts[3], counts[4]);
  if (elsewhere > 0)
    out += fmt::format(
        fmt::runtime(en ? "; {} not for this company" : "；另有 {} 项不适用于本企业"), elsewhere);
  out += "\n\n";
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
    if (!e.citation.in(o.lang).empty())
      out +=
          fmt::format(fmt::runtime(en ? "  source: {}\n" : "  依据：{}\n"), e.citation.in(o.lang));
  }
  if (any_exclusion_shown) out += "\n";

  // The documents that concern the company first, each under its title; those whose own
  // conditions rule it out (another district's) at the end, one line each.
  for (const auto& g : groups) {
    if (g.shared_failure) continue;
    std::string title = g.doc ? g.doc->title.in(o.lang) : g.id;
    out += paint(tone::strong, fmt::format("== {} ({})", title, g.id)) + "\n";
    bool any_open = std::any_of(g.provisions.begin(), g.provisions.end(), [](const auto* r) {
      return r->result == status::eligible || r->result == status::undetermined;
    });
    if (any_open && !g.shared_interpretations.empty()) {
      out += en ? "interpretations used throughout this document:\n" : "本文件各条款采用的解释：\n";
      for (const auto& i : g.shared_interpretations) out += "  - " + i.in(o.lang) + "\n";
    }
    out += "\n";
    for (const auto* r : g.provisions)
      out += provision_text(*r, o, g.shared_interpretations) + "\n";
  }
  bool any_ruled_out = false;
  for (const auto& g : groups) {
    if (!g.shared_failure) continue;
    if (!any_ruled_out)
      out += paint(tone::strong, en ? "Not for this company (the document's own conditions fail):"
                                    : "不适用于本企业（文件的共同条件不满足）：") +
             "\n";
    any_ruled_out = true;
    std::string title = g.doc ? g.doc->title.in(o.lang) : g.id;
    out += fmt::format(
        fmt::runtime(en ? "  {} ({}, {} provisions): {} {}\n" : "  {}（{}，{} 项）：{} {}\n"),
        title, g.id, g.provisions.size(), mark(outcome::no), g.shared_failure->label.in(o.lang));
  }
  if (any_ruled_out) out += "\n";

  // A total of ceilings alone reads "up to", not a range from zero; a fixed one as one amount.
  std::string total =
      d.total.min == d.total.max
          ? fmt::format(fmt::runtime(en ? "Total (counted provisions): CNY {}\n"
                                        : "合计（计入的条款）：{} 元\n"),
                        d.total.max.to_grouped(2))
      : d.total.min == decimal{}
          ? fmt::format(fmt::runtime(en ? "Total (counted provisions): up to CNY {}\n"
                                        : "合计（计入的条款）：最多 {} 元\n"),
                        d.total.max.to_grouped(2))
          : fmt::format(fmt::runtime(en ? "Total (counted provisions): CNY {} to {}\n"
                                        : "合计（计入的条款）：{} 至 {} 元\n"),
                        d.total.min.to_grouped(2), d.total.max.to_grouped(2));
  out += paint(tone::strong, total);
  // What the open questions are worth, and which answers would settle them (most useful first).
  decimal open_max;
  std::size_t open = 0, open_unknown_amount = 0;
  for (const auto& r : d.provisions) {
    if (r.result != status::undetermined || r.draft) continue;
    ++open;
    if (auto could = r.could_pay)
      open_max = open_max + could->max;
    else
      ++open_unknown_amount;
  }
  if (open > 0) {
    out += fmt::format(
        fmt::runtime(en ? "  {} undetermined provision(s) could add up to CNY {}{}.\n"
                          "  Answers that would settle them, the most useful first:\n"
                        : "  {} 项待定条款最多还可增加 {} 元{}。\n  依次补充以下事实即可确定：\n"),
        open, open_max.to_grouped(2),
        open_unknown_amount == 0
            ? std::string()
            : (en ? fmt::format(" (and {} of unknown amount)", open_unknown_amount)
                  : fmt::format("（另有 {} 项金额未知）", open_unknown_amount)));
    // One question a line: the list an interview goes through.
    for (std::size_t i = 0; i < d.ask_next.size(); ++i)
      out += fmt::format(
          "    {}. {}\n", i + 1,
          explain::open_fact(d.ask_next[i],
                             i < d.ask_next_labels.size() ? d.ask_next_labels[i] : bitext{}, en));
  }
  for (const auto& n : d.total_notes) out += "  " + n.in(o.lang) + "\n";
  return explain::wrap_lines(out);
}

}  // namespace elig
