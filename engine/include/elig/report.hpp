#pragma once
// A decision with the explanation a person reads: per provision the verdict, the conditions
// with the values used, the arithmetic of each amount, interpretations and notes.
#include <optional>
#include <string>
#include <vector>

#include "elig/date.hpp"
#include "elig/decimal.hpp"
#include "elig/decision.hpp"
#include "elig/diagnostic.hpp"
#include "elig/source.hpp"
#include "elig/verdict.hpp"

namespace elig {

// One condition as a reader sees it: "主营业务收入 8,200,000.00 < 10,000,000.00 (差 1,800,000.00)".
struct condition_trace {
  condition_kind kind = condition_kind::when;
  bitext label;  // with the values used
  outcome result = outcome::not_evaluated;
  source_span span;
  std::vector<std::string> missing;      // facts whose absence leaves it unknown
  std::vector<condition_trace> details;  // what a named predicate is made of
  // A condition of the provision's document, shared by all its provisions (shown once per
  // document where a reader sees several).
  bool of_document = false;
};

// One line of the amount's arithmetic: "min(50% × 1,200,000.00, 2,000,000.00) = 600,000.00".
struct amount_step {
  bitext text;
};

struct part_result {
  std::string name;
  bitext title;
  status result = status::ineligible;
  amount value;
  std::vector<condition_trace> conditions;
  std::vector<amount_step> steps;
  bitext reason;  // for not_encodable
  std::vector<std::string> missing;
};

struct provision_result {
  std::string id;  // "shangcheng-2023.office"
  std::string document;
  bitext title;
  bitext citation;  // the article, in each language
  bool draft = false;
  status result = status::ineligible;
  amount value;
  std::vector<std::string> missing;  // exactly the facts that would decide an undetermined result
  std::vector<condition_trace> conditions;
  std::vector<part_result> parts;  // one unnamed part for a plain `pays`
  std::vector<bitext> interpretations;
  bitext reason;              // why not_in_force / not_encodable
  std::vector<bitext> notes;  // combination effects ("only the highest of ... is paid")
  bool counted_in_total = false;
  // For an undetermined provision, what it could pay once its questions are answered: its parts'
  // amounts where known, else the most the rules let each pay (`up_to`); none when unbounded.
  std::optional<amount> could_pay;
  // In a `take highest` group, the member paid instead of this one (empty: not superseded).
  // Ties go to the member listed first in the group.
  std::string superseded_by;
  diagnostic_list issues;  // evaluation errors (E31xx) that left it undetermined
  source_span span;
};

// A global exclusion and whether it holds for the company (yes: no provision pays).
struct exclusion_result {
  std::string id;
  bitext title;
  bitext citation;  // the article, in each language
  outcome holds = outcome::not_evaluated;
  std::vector<std::string> missing;  // when it is unknown
};

// A document of the rules, as a report names it.
struct document_ref {
  std::string id;
  bitext title;
};

struct report {
  // The decision this report explains: what ruleset::decide gives for the same profile, with
  // every condition's outcome and the open facts (the fields below restate it in words).
  decision decided;
  std::string profile;
  std::string id;       // the caller's identifier (profile::id()), empty when none
  std::string company;  // the company's name (profile::company()), empty when unknown
  date as_of;
  // The one provision explained (`explain_options::only`); empty: all. Text renders it alone.
  std::string only;
  std::vector<document_ref> documents;  // in rule order
  bool excluded = false;                // some exclusion holds
  std::vector<exclusion_result> exclusions;
  std::vector<provision_result> provisions;  // in rule order
  total_amount total;
  std::vector<bitext> total_notes;
  // The facts to ask an applicant next, best first: those that would settle the most
  // undetermined provisions (drafts aside), then in the schema's order (a guard such as
  // `above_size_registered` is declared before the year it guards).
  std::vector<std::string> ask_next;
  std::vector<bitext> ask_next_labels;  // the same facts in the schema's words, for readers
};

}  // namespace elig
