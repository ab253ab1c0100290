// Reports of `elig diff`: per company and provision, then the summary and the budget impact.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "elig/impact.hpp"
#include "explain/words.hpp"

namespace elig {
namespace {

std::string state(status s, const amount& a, bool en) {
  std::string out = explain::status_word(s, en);
  std::string amt = explain::amount_words(a, en);
  return amt.empty() ? out : out + " · " + amt;
}

// The state before a change: "new provision" when the old rules did not have it.
std::string before_state(const provision_change& ch, bool en) {
  if (ch.added) return en ? "(new provision)" : "（新增条款）";
  return state(ch.before, ch.before_amount, en);
}

std::string after_state(const provision_change& ch, bool en) {
  if (ch.removed) return en ? "(provision removed)" : "（条款已删除）";
  return state(ch.after, ch.after_amount, en);
}

std::string signed_money(decimal d) { return (d < decimal{} ? "" : "+") + d.to_grouped(2); }

// With weights, the budget is an estimate for the companies the sample stands for.
std::string weighting(const impact_report& r, bool en) {
  if (!r.weighted) return {};
  return fmt::format(
      fmt::runtime(en ? "The profiles are weighted: they stand for {} companies, "
                        "and the budget impact is the estimate for them all.\n"
                      : "档案带权重：代表 {} 家企业，预算影响为对全部企业的估计。\n"),
      r.weight_total.to_grouped(2));
}

std::string per_provision(const impact_report& r, bool en) {
  if (r.provisions.empty()) return {};
  std::string out = en ? "By provision:\n" : "按条款：\n";
  for (const auto& b : r.provisions)
    out += fmt::format(fmt::runtime(en ? "  {} {}: {} to {} CNY\n" : "  {} {}：{} 至 {} 元\n"),
                       b.id, b.title.in(en ? language::en : language::zh),
                       signed_money(b.delta_min), signed_money(b.delta_max));
  return out;
}

std::string summary(const impact_report& r, bool en) {
  // The counts add up to the profiles given: those that could not be compared are said so.
  std::string skipped =
      r.not_compared == 0 ? std::string()
      : en                ? fmt::format(
                                "{} profile(s) not compared: they do not load under both rule sets (see "
                                               "the errors above)\n",
                                r.not_compared)
           : fmt::format("{} 份档案未比较：在新旧规则下不能都载入（见上方错误）\n", r.not_compared);
  return skipped +
         fmt::format(fmt::runtime(
                         en ? "{} companies: {} gain, {} lose, {} gain and lose, {} change amount, "
                              "{} other change, {} unchanged\n"
                              "Budget impact: {} to {} CNY (change of the summed totals, floors "
                              "to ceilings)\n"
                            : "{} 家企业：{} 家新增，{} 家失去，{} 家有增有减，{} 家金额变化，"
                              "{} 家其他变化，{} 家不变\n"
                              "预算影响：{} 至 {} 元（合计的变化，下限至上限）\n"),
                     r.companies.size(), r.gain, r.lose, r.gain_and_lose, r.amount_changed,
                     r.other_change, r.unchanged, signed_money(r.delta_min),
                     signed_money(r.delta_max)) +
         weighting(r, en) + per_provision(r, en);
}

}  // namespace

std::string render_impact_text(const impact_report& r, const render_options& o) {
  bool en = o.lang == language::en;
  std::string out = fmt::format(
      fmt::runtime(en ? "Impact as of {}\n\n" : "影响分析，核查日期 {}\n\n"), r.as_of.to_string());
  for (const auto& c : r.companies) {
    if (c.changes.empty()) continue;
    out += fmt::format(fmt::runtime(en ? "{}{}  total {} → {}\n" : "{}{}  合计 {} → {}\n"),
                       c.profile, c.company.empty() ? "" : " (" + c.company + ")",
                       c.before.max.to_grouped(2), c.after.max.to_grouped(2));
    for (const auto& ch : c.changes) {
      out += fmt::format("  {} {}: {} → {}\n", ch.id, ch.title.in(o.lang), before_state(ch, en),
                         after_state(ch, en));
      for (const auto& w : ch.why) out += "      " + w.in(o.lang) + "\n";
    }
    out += "\n";
  }
  return out + summary(r, en);
}

std::string render_impact_markdown(const impact_report& r, const render_options& o) {
  bool en = o.lang == language::en;
  std::string out = fmt::format(fmt::runtime(en ? "# Impact of the rule change\n\nAs of {}.\n\n"
                                                : "# 规则变更影响\n\n核查日期 {}。\n\n"),
                                r.as_of.to_string());
  out += en ? "| Company | Provision | Before | After |\n|---|---|---|---|\n"
            : "| 企业 | 条款 | 变更前 | 变更后 |\n|---|---|---|---|\n";
  for (const auto& c : r.companies)
    for (const auto& ch : c.changes)
      out += fmt::format("| `{}` | `{}` {} | {} | {} |\n", c.profile, ch.id, ch.title.in(o.lang),
                         before_state(ch, en), after_state(ch, en));
  out += "\n" + summary(r, en);
  return out;
}

std::string render_impact_json(const impact_report& r) {
  using json = nlohmann::ordered_json;
  auto amt = [](const amount& a) {
    return json{{"kind", amount_kind_name(a.kind)},
                {"min", a.min.to_string(2)},
                {"max", a.max.to_string(2)}};
  };
  json root;
  root["as_of"] = r.as_of.to_string();
  root["summary"] = {
      {"companies", r.companies.size()},
      {"not_compared", r.not_compared},
      {"gain", r.gain},
      {"gain_and_lose", r.gain_and_lose},
      {"other_change", r.other_change},
      {"lose", r.lose},
      {"amount_changed", r.amount_changed},
      {"unchanged", r.unchanged},
      {"budget_delta",
       {{"min", r.delta_min.to_string(2)}, {"max", r.delta_max.to_string(2)}, {"currency", "CNY"}}},
      {"weighted", r.weighted},
      {"weight_total", r.weight_total.to_string(2)}};
  root["provisions"] = json::array();
  for (const auto& b : r.provisions)
    root["provisions"].push_back({{"id", b.id},
                                  {"budget_delta",
                                   {{"min", b.delta_min.to_string(2)},
                                    {"max", b.delta_max.to_string(2)},
                                    {"currency", "CNY"}}}});
  root["companies"] = json::array();
  for (const auto& c : r.companies) {
    json changes = json::array();
    for (const auto& ch : c.changes) {
      json why = json::array();
      for (const auto& w : ch.why) why.push_back({{"zh", w.zh}, {"en", w.en}});
      changes.push_back(
          {{"id", ch.id},
           {"before", {{"status", status_name(ch.before)}, {"amount", amt(ch.before_amount)}}},
           {"after", {{"status", status_name(ch.after)}, {"amount", amt(ch.after_amount)}}},
           {"added", ch.added},
           {"removed", ch.removed},
           {"why", why}});
    }
    root["companies"].push_back(
        {{"profile", c.profile},
         {"company", c.company},
         {"weight", c.weight.to_string(2)},
         {"total_before", {{"min", c.before.min.to_string(2)}, {"max", c.before.max.to_string(2)}}},
         {"total_after", {{"min", c.after.min.to_string(2)}, {"max", c.after.max.to_string(2)}}},
         {"changes", changes}});
  }
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace elig
