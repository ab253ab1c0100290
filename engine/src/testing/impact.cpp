// Evaluates each profile under two rule sets at one as-of date and reports what changed.
#include "elig/impact.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "elig/files.hpp"

namespace elig {
namespace fs = std::filesystem;

// A path that is not a directory is kept as it is, so that loading it says what is wrong.
file_list collect_toml_files(const std::vector<fs::path>& paths) {
  file_list out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      out.files.push_back(p);
      continue;
    }
    file_list found = find_files({p}, ".toml");
    if (found.files.empty() && found.problems.empty())
      out.problems.push_back(fmt::format("no `.toml` files in `{}`", p.string()));
    out.files.insert(out.files.end(), found.files.begin(), found.files.end());
    out.problems.insert(out.problems.end(), found.problems.begin(), found.problems.end());
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

namespace {

bool same_amount(const amount& a, const amount& b) {
  return a.kind == b.kind && a.min == b.min && a.max == b.max;
}

// Why a result is not eligible: the conditions that fail; for an undetermined one, those still
// open. An unknown fact is never the reason a company lost or was refused a benefit.
std::vector<bitext> blockers(const provision_result& r) {
  std::vector<bitext> out;
  outcome reason = r.result == status::undetermined ? outcome::unknown : outcome::no;
  for (const auto& c : r.conditions)
    if (c.result == reason) out.push_back(c.label);
  for (const auto& p : r.parts)
    for (const auto& c : p.conditions)
      if (c.result == reason) out.push_back(c.label);
  if (r.result == status::not_in_force || r.result == status::not_encodable)
    out.push_back(r.reason);
  return out;
}

std::vector<bitext> steps(const provision_result& r) {
  std::vector<bitext> out;
  for (const auto& p : r.parts)
    for (const auto& s : p.steps) out.push_back(s.text);
  return out;
}

}  // namespace

namespace {

// The weight of a profile: its line's, else its `weight_fact`, else 1.
std::optional<decimal> weight_of(const ruleset& rules, const profile& p, const impact_input& in,
                                 const std::string& fact, std::string& problem) {
  if (in.weight) return in.weight;
  if (fact.empty()) return decimal::from_int(1);
  for (std::uint32_t slot = 0; slot < rules.fact_count(); ++slot) {
    if (rules.fact_name(slot) != fact) continue;
    const value& v = p.facts()[slot];
    if (v.known() && std::holds_alternative<decimal>(v.raw()) && decimal{} < v.as_decimal())
      return v.as_decimal();
    problem =
        fmt::format("`{}` is not a positive number in this profile: it cannot weigh it", fact);
    return std::nullopt;
  }
  problem = fmt::format("`--weight {}`: the rules have no such fact", fact);
  return std::nullopt;
}

// Each provision whose status or amount differs between two reports of one company, with why;
// whether the company gained, lost, or saw an amount change.
std::vector<provision_change> changes_between(const report& d0, const report& d1, bool& gained,
                                              bool& lost, bool& changed) {
  std::vector<provision_change> out;
  std::map<std::string, const provision_result*> old_by_id;
  for (const auto& r : d0.provisions) old_by_id[r.id] = &r;
  for (const auto& r1 : d1.provisions) {
    auto it = old_by_id.find(r1.id);
    provision_result none;
    none.result = status::not_in_force;
    none.reason = {"旧规则中没有该条款。", "The old rules have no such provision."};
    bool added = it == old_by_id.end();
    const provision_result& r0 = added ? none : *it->second;
    if (!added) old_by_id.erase(it);
    if (r0.result == r1.result && same_amount(r0.value, r1.value)) continue;
    // A new provision matters to a company only if it pays or may pay it.
    if (added && r1.result != status::eligible && r1.result != status::undetermined) continue;
    provision_change c;
    c.added = added;
    c.id = r1.id;
    c.title = r1.title;
    c.before = r0.result;
    c.after = r1.result;
    c.before_amount = r0.value;
    c.after_amount = r1.value;
    if (r1.result == status::eligible && r0.result != status::eligible) {
      gained = true;
      c.why = blockers(r0);  // what used to stand in the way
    } else if (r0.result == status::eligible && r1.result != status::eligible) {
      lost = true;
      c.why = blockers(r1);
    } else if (r0.result == r1.result) {
      changed = true;
      c.why = steps(r1);
    } else {
      c.why = blockers(r1);
      for (const auto& m : r1.missing) c.why.push_back({m, m});
    }
    out.push_back(std::move(c));
  }
  for (const auto& [id, r0] : old_by_id) {  // provisions the new rules dropped
    provision_change c;
    c.id = id;
    c.title = r0->title;
    c.before = r0->result;
    c.after = status::not_in_force;
    c.before_amount = r0->value;
    c.why = {{"新规则删除了该条款。", "The new rules no longer have this provision."}};
    c.removed = true;
    lost = lost || r0->result == status::eligible;
    out.push_back(std::move(c));
  }
  return out;
}

// What each provision's change costs this company, counted amounts only (as the totals count
// them), weighted, added to `budget`.
void add_budget(const company_change& company, const report& d0, const report& d1, decimal weight,
                std::map<std::string, provision_budget>& budget) {
  for (const auto& c : company.changes) {
    auto counted = [&](const report& d) -> amount {
      for (const auto& r : d.provisions)
        if (r.id == c.id && r.counted_in_total) return r.value;
      return amount{};
    };
    const amount a0 = counted(d0), a1 = counted(d1);
    auto& b = budget[c.id];
    b.id = c.id;
    b.title = c.title;
    b.delta_min = b.delta_min + (a1.min - a0.min) * weight;
    b.delta_max = b.delta_max + (a1.max - a0.max) * weight;
  }
}

}  // namespace

impact_report compare_rules(const ruleset& before, const ruleset& after,
                            const std::vector<fs::path>& profiles, date as_of,
                            bool include_drafts) {
  std::vector<impact_input> inputs;
  for (const auto& path : profiles) {
    std::string text;
    if (!read_bounded(path, 1 << 20, text)) text.clear();
    inputs.push_back({path.string(), std::move(text),
                      path.extension() == ".json" ? profile_format::json : profile_format::toml,
                      std::nullopt});
  }
  impact_options o;
  o.as_of = as_of;
  o.include_drafts = include_drafts;
  return compare_rules(before, after, inputs, o);
}

impact_report compare_rules(const ruleset& before, const ruleset& after,
                            const std::vector<impact_input>& profiles,
                            const impact_options& options) {
  impact_report out;
  out.as_of = options.as_of;
  explain_options o;
  o.as_of = options.as_of;
  o.include_drafts_in_total = options.include_drafts;
  const bool zh = options.lang == language::zh;
  std::map<std::string, provision_budget> budget;  // by provision id
  std::vector<std::string> order;                  // the new rules' order, then dropped ones
  for (const auto& p : after.provisions()) order.push_back(p.id);
  for (const auto& p : before.provisions())
    if (std::find(order.begin(), order.end(), p.id) == order.end()) order.push_back(p.id);
  for (const auto& in : profiles) {
    auto old_p = before.load_profile(in.text, in.name, in.format);
    auto new_p = after.load_profile(in.text, in.name, in.format);
    if (!old_p || !new_p) {
      const profile_result& bad = !old_p ? old_p : new_p;
      out.problems += zh ? (!old_p ? "旧规则下：\n" : "新规则下：\n")
                         : (!old_p ? "under the old rules:\n" : "under the new rules:\n");
      out.problems +=
          render_all(bad.diagnostics(), bad.sources(), render_style::human, options.lang);
      out.has_problems = true;
      ++out.not_compared;
      continue;
    }
    std::string problem;
    auto weight = weight_of(after, new_p.get(), in, options.weight_fact, problem);
    if (!weight) {
      out.problems += fmt::format("{}: {}\n", in.name, problem);
      out.has_problems = true;
      ++out.not_compared;
      continue;
    }
    if (*weight != decimal::from_int(1)) out.weighted = true;
    report d0 = before.explain(old_p.get(), o);
    report d1 = after.explain(new_p.get(), o);
    company_change company;
    company.profile = in.name;
    company.company = std::string(new_p.get().company());
    company.weight = *weight;
    company.before = d0.total;
    company.after = d1.total;
    bool gained = false, lost = false, changed = false;
    company.changes = changes_between(d0, d1, gained, lost, changed);
    if (gained && lost)
      ++out.gain_and_lose;
    else if (gained)
      ++out.gain;
    else if (lost)
      ++out.lose;
    else if (changed)
      ++out.amount_changed;
    else if (!company.changes.empty())
      ++out.other_change;
    else
      ++out.unchanged;
    out.weight_total = out.weight_total + *weight;
    out.delta_min = out.delta_min + (d1.total.min - d0.total.min) * *weight;
    out.delta_max = out.delta_max + (d1.total.max - d0.total.max) * *weight;
    add_budget(company, d0, d1, *weight, budget);
    out.companies.push_back(std::move(company));
  }
  for (const auto& id : order)
    if (auto it = budget.find(id); it != budget.end()) out.provisions.push_back(it->second);
  return out;
}

}  // namespace elig
