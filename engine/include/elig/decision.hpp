#pragma once
// What an evaluation decides, as plain data: per provision (by its index in the rule set) a
// status, an amount, the facts that would settle an undetermined answer, the outcome of each
// condition and what combination did to it. No texts: ids, titles, citations and fact names are
// looked up in the rule set, which a decision keeps alive. `ruleset::explain` says why.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "elig/date.hpp"
#include "elig/decimal.hpp"
#include "elig/diagnostic.hpp"
#include "elig/verdict.hpp"

namespace elig {

class ruleset;

// One provision's verdict.
struct verdict {
  status result = status::ineligible;
  amount value;                   // kind none unless eligible
  bool counted_in_total = false;  // eligible, not a left-out draft, not superseded
  // In a `take highest` group: the member paid instead (provision index, and part index or -1
  // for the whole provision); -1 when not superseded. A tie goes to the member listed first.
  std::int32_t superseded_by = -1;
  std::int32_t superseded_by_part = -1;
  // An evaluation error (overflow, no parameter value, ...) that left it undetermined.
  std::optional<diag_code> error;
  source_span error_at;
};

// One part of a provision (a plain `pays` is one unnamed part).
struct part_verdict {
  status result = status::ineligible;
  amount value;
};

namespace detail {

// A decision's data as the engine fills it (engine/src/fast/decide.cpp): plain buffers laid out
// by the rule set's plan, reused from one profile to the next. Only the engine reaches a
// decision's own; read a decision through its accessors.
struct decision_state {
  struct item_field {  // an open fact past the schema's slots: a list item's field
    std::uint32_t fact, index, field;
  };
  std::shared_ptr<const ruleset> rules;
  date as_of;
  std::vector<verdict> verdicts;
  std::vector<part_verdict> parts;     // by the rule set's part offsets
  std::vector<outcome> conditions;     // by the rule set's condition offsets
  std::vector<std::uint64_t> missing;  // a bit set over open facts per provision
  std::uint32_t words = 1;             // 64-bit words of one provision's bit set
  std::vector<item_field> places;
  std::vector<outcome> exclusions;
  std::vector<std::uint8_t> caps;  // per combination
  bool excluded = false;
  total_amount total;
  std::vector<decimal> share_min, share_max;    // what each part adds to the total
  std::vector<decimal> member_min, member_max;  // a take-highest group's members' shares
  // What the buffers are sized for: the plan's id, and the words per set and parts asked for.
  std::uint64_t sized_plan = 0, sized_as = 0;
};

}  // namespace detail

class decision {
 public:
  decision() = default;

  [[nodiscard]] const ruleset& rules() const { return *s_.rules; }
  [[nodiscard]] date as_of() const { return s_.as_of; }

  [[nodiscard]] std::span<const verdict> provisions() const { return s_.verdicts; }
  [[nodiscard]] const verdict& provision(std::size_t i) const { return s_.verdicts[i]; }
  [[nodiscard]] std::span<const part_verdict> parts(std::size_t provision) const;
  // In order: the global exclusions, the document's conditions, the provision's own, then
  // `pays once`. Conditions after the first that fails are `not_evaluated` unless
  // decide_options::every_condition asks for them; empty unless condition_outcomes is asked.
  [[nodiscard]] std::span<const outcome> conditions(std::size_t provision) const;

  // The open facts whose values would settle the provision (for an eligible one, those that
  // leave one of its parts open), with decide_options::open_facts. An open fact is a schema
  // slot (below rules().fact_count()) or, past those, an absent field of one list item.
  [[nodiscard]] bool missing(std::size_t provision, std::uint32_t fact) const;
  // In the schema's order; a list's item fields after the list's own slot, by item and field.
  [[nodiscard]] std::vector<std::uint32_t> missing_facts(std::size_t provision) const;
  // "main_revenue", or "loans[2].repaid_date" for an item's field.
  [[nodiscard]] std::string open_fact_name(std::uint32_t fact) const;

  [[nodiscard]] bool excluded() const { return s_.excluded; }
  [[nodiscard]] std::span<const outcome> exclusions() const { return s_.exclusions; }
  [[nodiscard]] bool cap_applied(std::size_t combination) const {
    return s_.caps[combination] != 0;
  }
  [[nodiscard]] total_amount total() const { return s_.total; }

 private:
  friend class ruleset;  // ruleset::decide and ruleset::explain fill it
  detail::decision_state s_;
};

// What a decision works out beyond verdicts, amounts and the total: each costs time only when
// asked for (docs/performance.md gives the figures). The answers are the same either way.
struct decide_options {
  date as_of;
  bool include_drafts_in_total = false;
  // Each condition's outcome (decision::conditions). Off, with `open_facts` off, a decision
  // works out verdicts, amounts and the total alone, and decision::conditions is empty.
  bool condition_outcomes = true;
  // Every condition's outcome; otherwise a provision's conditions stop at the first that fails
  // and the rest are `not_evaluated` (a verdict needs no more). Implies condition_outcomes.
  bool every_condition = false;
  // The facts that would settle each open provision (decision::missing_facts).
  bool open_facts = true;
  // Decide simple provisions in compiled lanes: an optimisation only, switchable so that the
  // tests can show the answers are the same without it.
  bool fast_lanes = true;
  // Run the fast lanes as C++ synthesised for these rules (`elig-synth`, docs/performance.md)
  // when the program links it in: an optimisation of the lanes only, like them switchable.
  bool synthesised_lanes = true;
};

struct report;

// Where a report and a decision of one profile (decided with `asked`) disagree, a line each
// ("d.p: status: eligible (explained) against undetermined (decided)"); empty when they agree,
// as they always should: both come from one evaluator.
[[nodiscard]] std::vector<std::string> disagreements(const report& r, const decision& d,
                                                     const decide_options& asked);

}  // namespace elig
