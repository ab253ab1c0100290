#pragma once
// One meaning in every mode (the Soufflé pattern): a profile decided traced (ruleset::explain)
// and untraced (ruleset::decide), with the fast lanes on and off, at each level of detail, must
// give the same verdicts, amounts, open facts, errors, condition outcomes, parts, combination
// effects and total. test::run checks this for every profile a test decides.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <elig/elig.hpp>
#include <string>
#include <vector>

namespace elig::test {

// The number of differences between `traced` (a report of `prof`) and each untraced mode;
// each of the first few is a test failure naming `what`.
inline int differences_between_modes(const ruleset& rules, const profile& prof,
                                     const report& traced, date as_of, bool drafts,
                                     const std::string& what) {
  int diffs = 0;
  auto expect = [&](bool same, const std::string& msg) {
    if (!same && ++diffs <= 3) ADD_FAILURE() << what << ": " << msg;
  };
  for (int m = 0; m < 8; ++m) {
    decide_options o;
    o.as_of = as_of;
    o.include_drafts_in_total = drafts;
    o.fast_lanes = (m & 1) != 0;
    o.every_condition = (m & 2) != 0;
    o.open_facts = (m & 4) != 0;
    const decision d = rules.decide(prof, o);
    const std::string mode =
        fmt::format("lanes {}, every condition {}, open facts {}: ", o.fast_lanes,
                    o.every_condition, o.open_facts);
    expect(traced.provisions.size() == d.provisions().size(), mode + "provision count");
    for (std::size_t i = 0; i < traced.provisions.size() && i < d.provisions().size(); ++i) {
      const auto& s = traced.provisions[i];
      const auto& f = d.provision(i);
      const std::string at = mode + s.id + " ";
      expect(s.result == f.result, at + "status " + std::string(status_name(s.result)) + " vs " +
                                       std::string(status_name(f.result)));
      const amount shown = s.result == status::eligible ? s.value : amount{};
      expect(shown.kind == f.value.kind, at + "amount kind");
      expect(shown.min == f.value.min && shown.max == f.value.max,
             at + "amount " + shown.max.to_string() + " vs " + f.value.max.to_string());
      expect(s.counted_in_total == f.counted_in_total, at + "counted");
      const std::string superseded =
          f.superseded_by < 0
              ? ""
              : rules.member_id(static_cast<std::size_t>(f.superseded_by), f.superseded_by_part);
      expect(s.superseded_by == superseded, at + "superseded_by");
      if (o.open_facts) {
        std::vector<std::string> names;
        for (auto e : d.missing_facts(i)) names.push_back(d.open_fact_name(e));
        expect(s.missing == names, at + "missing");
      }
      const bool has_error = !s.issues.items().empty();
      expect(has_error == f.error.has_value(), at + "evaluation error");
      if (has_error && f.error) expect(s.issues.items()[0].code == *f.error, at + "error code");
      if (s.result != status::not_in_force && s.result != status::not_encodable) {
        // Traced, every condition is evaluated; verdicts alone stop at the first that fails.
        const auto outcomes = d.conditions(i);
        bool same = s.conditions.empty() || s.conditions.size() == outcomes.size();
        bool failed = false;
        for (std::size_t k = 0; same && k < s.conditions.size(); ++k) {
          same = outcomes[k] == (failed ? outcome::not_evaluated : s.conditions[k].result);
          failed = !o.every_condition && (failed || outcomes[k] == outcome::no);
        }
        expect(same, at + "condition outcomes");
      }
      for (std::size_t k = 0; k < s.parts.size() && k < d.parts(i).size(); ++k) {
        expect(s.parts[k].result == d.parts(i)[k].result, at + "part status");
        expect(s.parts[k].value.max == d.parts(i)[k].value.max, at + "part amount");
      }
    }
    expect(traced.total.min == d.total().min && traced.total.max == d.total().max,
           mode + "total " + traced.total.max.to_string() + " vs " + d.total().max.to_string());
    expect(traced.excluded == d.excluded(), mode + "excluded");
    for (std::size_t i = 0; i < traced.exclusions.size(); ++i)
      expect(traced.exclusions[i].holds == d.exclusions()[i], mode + "exclusion");
  }
  return diffs;
}

// The same, explaining the profile first.
inline int differences_between_modes(const ruleset& rules, const profile& prof, date as_of,
                                     bool drafts, const std::string& what) {
  explain_options eo;
  eo.as_of = as_of;
  eo.include_drafts_in_total = drafts;
  return differences_between_modes(rules, prof, rules.explain(prof, eo), as_of, drafts, what);
}

}  // namespace elig::test
