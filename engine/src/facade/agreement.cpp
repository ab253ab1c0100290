// Where a report and a decision of one profile disagree. They come from one evaluator, so they
// never should: `elig test` and the engine's tests check it on every case they decide.
#include <fmt/format.h>

#include "elig/decision.hpp"
#include "elig/ruleset.hpp"

namespace elig {

std::vector<std::string> disagreements(const report& r, const decision& d,
                                       const decide_options& asked) {
  std::vector<std::string> out;
  const auto differ = [&](const std::string& id, std::string_view what, const std::string& in_r,
                          const std::string& in_d) {
    out.push_back(fmt::format("{}: {}: {} (explained) against {} (decided)", id, what, in_r, in_d));
  };
  if (r.provisions.size() != d.provisions().size()) {
    differ("rules", "provisions", std::to_string(r.provisions.size()),
           std::to_string(d.provisions().size()));
    return out;
  }
  for (std::size_t i = 0; i < r.provisions.size(); ++i) {
    const provision_result& p = r.provisions[i];
    const verdict& v = d.provision(i);
    if (p.result != v.result)
      differ(p.id, "status", std::string(status_name(p.result)),
             std::string(status_name(v.result)));
    const amount shown = p.result == status::eligible ? p.value : amount{};
    if (shown.kind != v.value.kind || shown.min != v.value.min || shown.max != v.value.max)
      differ(p.id, "amount", shown.max.to_string(2), v.value.max.to_string(2));
    if (p.counted_in_total != v.counted_in_total)
      differ(p.id, "counted in the total", p.counted_in_total ? "yes" : "no",
             v.counted_in_total ? "yes" : "no");
    const std::string superseded =
        v.superseded_by < 0
            ? ""
            : d.rules().member_id(static_cast<std::size_t>(v.superseded_by), v.superseded_by_part);
    if (p.superseded_by != superseded) differ(p.id, "superseded by", p.superseded_by, superseded);
    if (asked.open_facts) {
      std::string facts;
      for (auto e : d.missing_facts(i)) facts += (facts.empty() ? "" : ", ") + d.open_fact_name(e);
      std::string shown_facts;
      for (const auto& m : p.missing) shown_facts += (shown_facts.empty() ? "" : ", ") + m;
      if (facts != shown_facts) differ(p.id, "open facts", shown_facts, facts);
    }
    const std::string error_r =
        p.issues.items().empty() ? "none" : std::string(diag_id(p.issues.items()[0].code));
    const std::string error_d = v.error ? std::string(diag_id(*v.error)) : "none";
    if (error_r != error_d) differ(p.id, "evaluation error", error_r, error_d);
    // A report that explains lists every condition; a decision stops at the first that fails
    // unless asked for every one.
    const bool outcomes_asked = asked.condition_outcomes || asked.every_condition;
    if (!outcomes_asked && !d.conditions(i).empty())
      differ(p.id, "condition outcomes", "not asked for", "given");
    if (outcomes_asked && !p.conditions.empty() && p.result != status::not_in_force &&
        p.result != status::not_encodable) {
      const auto outcomes = d.conditions(i);
      bool same = p.conditions.size() == outcomes.size(), failed = false;
      for (std::size_t k = 0; same && k < outcomes.size(); ++k) {
        same = outcomes[k] == (failed ? outcome::not_evaluated : p.conditions[k].result);
        failed = !asked.every_condition && (failed || outcomes[k] == outcome::no);
      }
      if (!same) differ(p.id, "condition outcomes", "", "");
    }
    const auto parts = d.parts(i);
    for (std::size_t k = 0; k < p.parts.size() && k < parts.size(); ++k)
      if (p.parts[k].result != parts[k].result || p.parts[k].value.max != parts[k].value.max)
        differ(p.id, fmt::format("part {}", k + 1), std::string(status_name(p.parts[k].result)),
               std::string(status_name(parts[k].result)));
  }
  if (r.total.min != d.total().min || r.total.max != d.total().max)
    differ("total", "amount", r.total.max.to_string(2), d.total().max.to_string(2));
  if (r.excluded != d.excluded())
    differ("exclusions", "excluded", r.excluded ? "yes" : "no", d.excluded() ? "yes" : "no");
  for (std::size_t i = 0; i < r.exclusions.size() && i < d.exclusions().size(); ++i)
    if (r.exclusions[i].holds != d.exclusions()[i]) differ(r.exclusions[i].id, "holds", "", "");
  return out;
}

}  // namespace elig
