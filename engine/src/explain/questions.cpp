// The questions still open after a decision: which facts to ask an applicant next, and how.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "explain/explainer.hpp"

namespace elig::explain {
namespace {

// The open facts of the undetermined provisions, the one settling most provisions first, then
// in schema order, then by name ("loans[2].repaid_date" after "loans[1]...").
std::vector<std::string> questions(const check::program& prog, const report& d) {
  struct question {
    std::string name;
    std::size_t provisions = 0;
    std::size_t slot = 0;
  };
  std::vector<question> qs;
  for (const auto& p : d.provisions) {
    if (p.result != status::undetermined || p.draft) continue;
    for (const auto& m : p.missing) {
      auto it = std::find_if(qs.begin(), qs.end(), [&](const auto& q) { return q.name == m; });
      if (it != qs.end()) {
        ++it->provisions;
        continue;
      }
      std::string_view root = std::string_view(m).substr(0, m.find_first_of(".["));
      auto f = std::find_if(prog.facts.begin(), prog.facts.end(),
                            [&](const auto& fact) { return fact.name == root; });
      qs.push_back({m, 1, static_cast<std::size_t>(f - prog.facts.begin())});
    }
  }
  std::sort(qs.begin(), qs.end(), [](const question& a, const question& b) {
    return std::tie(b.provisions, a.slot, a.name) < std::tie(a.provisions, b.slot, b.name);
  });
  std::vector<std::string> out;
  for (auto& q : qs) out.push_back(std::move(q.name));
  return out;
}

// A fact as the schema names it: its label, or for an item's field ("loans[2].repaid_date")
// the list's label, the item's place and the field's label. Empty when the schema gives none.
bitext fact_words(const check::program& prog, const std::string& name) {
  std::string_view root = std::string_view(name).substr(0, name.find_first_of(".["));
  auto f = std::find_if(prog.facts.begin(), prog.facts.end(),
                        [&](const auto& fact) { return fact.name == root; });
  if (f == prog.facts.end()) return {};
  if (root.size() == name.size()) return f->label;
  // `root[n].field`: the list's items are records.
  auto open = name.find('['), close = name.find("]."), field_at = close + 2;
  if (open != root.size() || close == std::string::npos || f->t.kind != check::base::record ||
      f->t.ref >= prog.records.size())
    return {};
  std::string n = name.substr(open + 1, close - open - 1);
  std::string_view field = std::string_view(name).substr(field_at);
  const auto& rec = prog.records[f->t.ref];
  auto fd = std::find_if(rec.fields.begin(), rec.fields.end(),
                         [&](const auto& x) { return x.name == field; });
  if (fd == rec.fields.end() || f->label.zh.empty() || fd->label.zh.empty()) return {};
  bitext out;
  out.zh = fmt::format("{}第 {} 项的{}", f->label.zh, n, fd->label.zh);  // "第 1 项" as labels.cpp
  if (!f->label.en.empty() && !fd->label.en.empty())
    out.en = fmt::format("{}, item {}: {}", f->label.en, n, fd->label.en);
  return out;
}

}  // namespace

void add_questions(const check::program& prog, report& r) {
  r.ask_next = questions(prog, r);
  // Readers get the schema's words for the questions still open.
  r.ask_next_labels.reserve(r.ask_next.size());
  for (const auto& n : r.ask_next) r.ask_next_labels.push_back(fact_words(prog, n));
}

}  // namespace elig::explain
