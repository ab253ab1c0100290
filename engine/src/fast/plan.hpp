#pragma once
// The checked program compiled for deciding: every node gets an opcode specialised by its
// operand types (a money comparison, an enum-set test, a date shift), constant lists become bit
// masks or stored values, texts become enum indices, statuses and kinds become enums. Built once
// per rule set; read-only afterwards, so any number of threads evaluate with one plan.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/ir.hpp"
#include "fast/lane.hpp"
#include "support/typed_value.hpp"

namespace elig::fast {

struct synthesised;

enum class code : std::uint8_t {
  literal,
  fact,
  field,
  var,
  define_ref,
  call_define,
  param,
  param_at,
  today,
  neg,
  not_,
  add_num,
  sub_num,
  mul_num,
  div_num,
  add_date,  // date + duration
  sub_date,  // date - duration
  add_dur,
  sub_dur,
  cmp_num,  // also years
  cmp_day,
  cmp_idx,   // enums and booleans: == and != only
  cmp_text,  // == and !=
  cmp_dur,
  in_mask,  // enum value in a constant set of members
  in_list,  // any other membership
  and_,
  or_,
  if_,
  otherwise,
  any,
  any_in_mask,  // `any t in list where t in [members]`, `member in list`: a bit test per item
  all,
  none,
  count,
  sum,
  max_of,
  min_of,
  list,        // a list literal with items evaluated per profile
  const_list,  // a list literal known when the rules load
  builtin,
  bracket,
  ladder
};

// A quantifier or aggregate: its test and term are evaluated once per list item.
inline bool is_loop(code op) {
  return op == code::any || op == code::all || op == code::none || op == code::count ||
         op == code::sum || op == code::max_of || op == code::min_of;
}

// The comparison of a cmp_* node (after `negated`, `not in` is in_* with `negate`).
enum class relation : std::uint8_t { eq, ne, lt, le, gt, ge };

struct pnode {
  code op = code::literal;
  relation rel = relation::eq;
  check::builtin fn = check::builtin::min;
  check::base kind = check::base::nothing;  // the value's type, for generic comparisons
  bool negate = false;                      // `not in`
  bool memo_call = false;                   // call_define of one record: kept per record
  std::int32_t a = -1, b = -1, c = -1;
  std::uint32_t ref = 0;   // fact/field/var slot, define/param/bracket/ladder index, literal
  std::uint32_t args = 0;  // first argument in plan::args
  std::uint32_t nargs = 0;
  std::uint64_t mask = 0;  // in_mask: the members
  // 1 + its slot in the as-of cache when the value depends on nothing but the as-of date
  // (`today - 24 months`, a parameter): worked out once, not per profile. 0 otherwise.
  std::uint32_t memo = 0;
  // The steps a loop charges per list item and a call per call (machine.hpp, max_steps): the
  // nodes of its body (a loop's test and term; a definition's body and the arguments).
  std::uint32_t cost = 0;
  std::int32_t b_literal = -1;  // the literal index when operand b is a literal
  std::int32_t a_fact = -1;     // the fact slot when operand a is a fact: read, not evaluated
};

struct pcondition {
  std::int32_t test = -1;
  bool negative = false;  // `unless` and exclusions: true fails
};

struct pbenefit {
  amount_kind kind = amount_kind::fixed;
  std::int32_t first = -1, second = -1;
  bool per_item = false;
  std::uint32_t item_slot = 0;
  std::int32_t items = -1, where = -1;
};

struct ppart {
  std::uint32_t cond_begin = 0, cond_end = 0;  // in plan::part_conditions
  bool encodable = true;
  pbenefit pays;
};

using check::doc_status;

struct pprovision {
  std::uint32_t doc = 0;
  std::uint32_t cond_begin = 0, cond_end = 0;  // own conditions, in plan::conditions
  std::uint32_t part_begin = 0, part_end = 0;  // in plan::parts
  std::uint32_t outcome_begin = 0;             // in decision::conditions_
  std::uint32_t outcome_count = 0;             // exclusions, document's, own, `pays once`
  bool once = false;
  bool encodable = true;
  bool draft = false;  // its document is a draft: left out of the total unless asked
  std::optional<date> valid_from, valid_until;  // own, else the document's
  std::string id;                               // compared with the awards history
};

struct pdocument {
  doc_status status = doc_status::in_force;
  std::uint32_t cond_begin = 0, cond_end = 0;
};

struct pparam {
  std::vector<std::int32_t> from;  // day numbers, ascending
  std::vector<fval> values;
};

struct pbracket {
  std::vector<std::optional<int128_t>> from, below;
  std::vector<fval> values;
};

struct pdefine {
  std::int32_t body = -1;
  std::vector<std::uint32_t> param_slots;
  bool memo = false;  // no parameters: computed once per profile
};

struct pcombination {
  bool highest = false;
  std::vector<std::pair<std::uint32_t, std::int32_t>> members;
  std::optional<int128_t> limit;
};

struct plan {
  // Unique per plan ever built: a thread's scratch recognises its plan by this, never by address
  // (a rule set reloaded into freed memory may reuse the old one's).
  std::uint64_t id = 0;
  std::vector<pnode> nodes;
  std::vector<std::int32_t> args;
  std::vector<fval> literals;
  std::vector<std::vector<fval>> stored_lists;  // constant lists and ladder rows
  std::vector<frecord> ladder_records;          // ladder rows as records
  std::vector<std::vector<frecord>> ladders;    // per ladder, its rows
  std::vector<std::vector<fval>> ladder_items;  // per ladder, its rows as list items
  std::vector<pdefine> defines;
  std::vector<pparam> params;
  std::vector<pbracket> brackets;
  std::vector<pcondition> conditions;       // documents' and provisions' own, by offset
  std::vector<pcondition> part_conditions;  // parts'
  std::vector<pcondition> exclusions;
  std::vector<pdocument> documents;
  std::vector<pprovision> provisions;
  std::vector<ppart> parts;
  std::vector<pcombination> combinations;
  std::optional<std::uint32_t> history_fact;
  std::uint32_t facts = 0;
  std::uint32_t words = 1;  // 64-bit words of a fact set
  std::uint32_t vars = 0;
  std::uint32_t outcomes = 0;      // conditions of all provisions, as the decision lays them out
  std::uint32_t memos = 0;         // nodes cached per as-of date
  std::vector<source_span> spans;  // by node, for evaluation errors
  std::vector<source_span> provision_spans;  // by provision
  lane_table lanes;                          // the provisions decided two-valued when they can be
  const synthesised* synthesised_lanes = nullptr;  // the lanes as compiled C++, when linked in
};

[[nodiscard]] plan compile_plan(const check::program& prog);

}  // namespace elig::fast
