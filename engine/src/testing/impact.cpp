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

impact_report compare_rules(const ruleset& before, const ruleset& after,
                            const std::vector<fs::path>& profiles, date as_of,
                            bool include_drafts) {
  impact_report out;
  out.as_of = as_of;
  explain_options o;
  o.as_of = as_of;
  o.include_drafts_in_total = include_drafts;
  for (const auto& path : profiles) {
    auto old_p = before.load_profile_file(path);
    auto new_p = after.load_profile_file(path);
    if (!old_p || !new_p) {
      const profile_result& bad = !old_p ? old_p : new_p;
      out.problems += fmt::format("under the {} rules:\n", !old_p ? "old" : "new");
      out.problems += render_all(bad.diagnostics(), bad.sources());
      out.has_problems = true;
      ++out.not_compared;
      continue;
    }
    report d0 = before.explain(old_p.get(), o);
    report d1 = after.explain(new_p.get(), o);
    company_change company;
    company.profile = path.string();
    company.before = d0.total;
    company.after = d1.total;
    std::map<std::string, const provision_result*> old_by_id;
    for (const auto& r : d0.provisions) old_by_id[r.id] = &r;
    bool gained = false, lost = false, changed = false;
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
      company.changes.push_back(std::move(c));
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
      company.changes.push_back(std::move(c));
    }
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
    out.delta_min = out.delta_min + (d1.total.min - d0.total.min);
    out.delta_max = out.delta_max + (d1.total.max - d0.total.max);
    out.companies.push_back(std::move(company));
  }
  return out;
}

}  // namespace elig
