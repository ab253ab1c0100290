// Markdown for reports: a summary table, then one section per provision.
#include <fmt/format.h>

#include "elig/render.hpp"
#include "explain/words.hpp"

namespace elig {

std::string render_markdown(const report& d, const render_options& o) {
  bool en = o.lang == language::en;
  std::string out =
      fmt::format(fmt::runtime(en ? "# {}\n\nAs of {}.\n\n" : "# {}\n\n核查日期 {}。\n\n"),
                  d.profile, d.as_of.to_string());
  for (const auto& e : d.exclusions)
    if (e.holds == outcome::yes)
      out += fmt::format(fmt::runtime(en ? "**Excluded:** {} ({}); no provision pays.\n\n"
                                         : "**排除情形：** {}（{}），所有条款均不予支持。\n\n"),
                         e.title.in(o.lang), e.citation.in(o.lang));
  out += en ? "| Provision | Title | Status | Amount |\n|---|---|---|---|\n"
            : "| 条款 | 名称 | 结论 | 金额 |\n|---|---|---|---|\n";
  for (const auto& r : d.provisions)
    out += fmt::format("| `{}` | {} | {} | {} |\n", r.id, r.title.in(o.lang),
                       explain::status_word(r.result, en), explain::amount_words(r.value, en));
  out +=
      fmt::format(fmt::runtime(en ? "\n**Total:** CNY {} to {}\n" : "\n**合计：** {} 至 {} 元\n"),
                  d.total.min.to_grouped(2), d.total.max.to_grouped(2));
  if (!d.ask_next.empty()) {
    out += en ? "\n**Still open.** Answers that would settle the undetermined provisions, the most "
                "useful first:\n\n"
              : "\n**待补充。** 依次补充以下事实即可确定待定条款：\n\n";
    for (std::size_t i = 0; i < d.ask_next.size(); ++i)
      out +=
          fmt::format("{}. {}\n", i + 1,
                      explain::open_fact(
                          d.ask_next[i],
                          i < d.ask_next_labels.size() ? d.ask_next_labels[i] : bitext{}, en, "`"));
  }
  render_options plain = o;
  plain.color = false;
  for (const auto& r : d.provisions)
    out += fmt::format("\n## `{}` {}\n\n```text\n{}```\n", r.id, r.title.in(o.lang),
                       render_provision_text(r, plain));
  return out;
}

}  // namespace elig
