#pragma once
// The checked program: every name resolved to a slot, every node typed. Evaluation and
// explanation read only this; nothing here knows the grammar.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "elig/report.hpp"
#include "elig/source.hpp"
#include "elig/value.hpp"

namespace elig::check {

enum class base : std::uint8_t {
  boolean,
  number,
  money,
  percent,
  date,
  year,
  duration,
  text,
  enumeration,
  record,
  nothing
};

struct type {
  base kind = base::nothing;
  bool list = false;
  std::uint32_t ref = 0;  // enum id or record id
  friend bool operator==(const type&, const type&) = default;
};

enum class op : std::uint8_t {
  literal,
  fact,
  field,
  var,
  define_ref,
  param,
  param_at,
  call_define,
  neg,
  not_,
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  not_in,
  and_,
  or_,
  if_,
  any,
  all,
  none,
  count,
  sum,
  max_of,
  min_of,
  list,
  builtin,
  bracket,
  ladder,
  otherwise,  // a if a is known, else b
  today       // the evaluation's as-of date
};

// The comparison that holds exactly when `o` does not: `<` and `>=`, `in` and `not in`.
constexpr op negated(op o) {
  switch (o) {
    case op::lt:
      return op::ge;
    case op::le:
      return op::gt;
    case op::gt:
      return op::le;
    case op::ge:
      return op::lt;
    case op::eq:
      return op::ne;
    case op::ne:
      return op::eq;
    case op::in:
      return op::not_in;
    case op::not_in:
      return op::in;
    default:
      return o;
  }
}

// The comparison with its sides swapped: `a < b` is `b > a`.
constexpr op flipped(op o) {
  switch (o) {
    case op::lt:
      return op::gt;
    case op::le:
      return op::ge;
    case op::gt:
      return op::lt;
    case op::ge:
      return op::le;
    default:
      return o;
  }
}

constexpr bool is_comparison(op o) {
  return o == op::eq || o == op::ne || o == op::lt || o == op::le || o == op::gt || o == op::ge ||
         o == op::in || o == op::not_in;
}

// Quantifiers and aggregates: they bind a variable to each item of a list.
constexpr bool is_loop(op o) {
  return o == op::any || o == op::all || o == op::none || o == op::count || o == op::sum ||
         o == op::max_of || o == op::min_of;
}

enum class builtin : std::uint8_t {
  min,
  max,
  round,
  make_date,
  days_between,
  days_in_year,
  year_of,
  position,
  abs,
  floor,
  ceil,
  truncate,
  round_half_even,
  given
};

// The name a rule writes: one table for the checker and the explanations.
inline constexpr std::string_view k_builtin_names[] = {
    "min",      "max", "round", "date", "days_between", "days_in_year",    "year_of",
    "position", "abs", "floor", "ceil", "truncate",     "round_half_even", "given"};
constexpr std::string_view builtin_name(builtin b) {
  return k_builtin_names[static_cast<std::size_t>(b)];
}

using node_id = std::int32_t;
inline constexpr node_id no_node = -1;

struct node {
  op kind = op::literal;
  type t;
  source_span span;
  node_id a = no_node, b = no_node, c = no_node;  // operands; quantifiers: a=list b=where c=body
  std::uint32_t ref = 0;  // fact/field/var slot, define/param/bracket/ladder id, builtin
  std::vector<node_id> args;
  value lit;
  std::string name;  // source name, for labels ("l", "principal")
};

struct enum_type {
  std::vector<std::string> members;
  std::vector<bitext> labels;  // by member; empty texts where the rules give none
};

struct field_decl {
  std::string name;
  type t;
  bool required = false;
  std::string unit;
  bitext label;
  source_span span;
};

struct record_type {
  std::string name;
  bitext label;
  std::vector<field_decl> fields;
  bool is_history = false;
};

struct fact_decl : field_decl {
  bool period = false;
  bool fixed = false;  // the company cannot change it: never proposed by `elig paths`
  bool names_company = false;
};

struct define_decl {
  std::string name;
  bitext label;
  type t;
  node_id body = no_node;
  std::vector<std::uint32_t> param_slots;
  std::vector<std::string> param_names;
  std::vector<type> param_types;
  std::vector<bitext> interpretations;
  std::vector<std::uint32_t> uses;  // defines it calls, transitively
  source_span span;
};

struct param_decl {
  std::string name;
  bitext label;
  type t;
  std::vector<std::pair<date, value>> rows;  // sorted by date
  source_span span;
};

struct bracket_row {
  std::optional<decimal> from, below;
  value v;
};
struct bracket_decl {
  std::string name;
  bitext label;
  type in, out;
  std::vector<bracket_row> rows;
  source_span span;
};

struct ladder_decl {
  std::string name;
  bitext label;
  std::uint32_t record = 0;  // record type with fields threshold, award
  std::vector<std::vector<value>> rows;
  std::vector<record_value> records;
  std::vector<value> items;  // record pointers into `records`
  source_span span;
};

// `unless` and exclusions hold when their test is false.
enum class condition_kind : std::uint8_t { when, unless, years, exclusion };
constexpr std::string_view condition_kind_name(condition_kind k) {
  constexpr std::string_view names[] = {"when", "unless", "years", "exclusion"};
  return names[static_cast<std::size_t>(k)];
}
constexpr bool is_negative(condition_kind k) {
  return k == condition_kind::unless || k == condition_kind::exclusion;
}

enum class doc_status : std::uint8_t { in_force, draft, superseded };
constexpr std::string_view doc_status_name(doc_status s) {
  constexpr std::string_view names[] = {"in_force", "draft", "superseded"};
  return names[static_cast<std::size_t>(s)];
}

enum class combine_kind : std::uint8_t { highest, cap };

struct condition {
  condition_kind kind = condition_kind::when;
  node_id test = no_node;
  std::uint32_t years = 0;  // for "years": the limit; test is `period < from + years`
  node_id years_from = no_node;
  source_span span;
  std::int32_t exclusion = -1;  // for "exclusion": its index in program::exclusions
};

struct benefit {
  amount_kind kind = amount_kind::fixed;
  node_id first = no_node;
  node_id second = no_node;
  bool once = false;
  bool per_item = false;
  std::uint32_t item_slot = 0;
  node_id items = no_node;
  node_id where = no_node;
  std::string item_name;
  source_span span;
};

struct part {
  std::string name;   // "" for a provision's own benefit
  std::string funds;  // the type of funds it pays, for the uncombined-funds analysis
  bitext title;
  std::vector<condition> conditions;
  std::optional<benefit> pays;
  std::optional<bitext> not_encodable;
};

struct document {
  std::string id;
  bitext title, issuer;
  doc_status status = doc_status::in_force;
  std::optional<date> announced, valid_from, valid_until;
  std::string source;
  std::vector<bitext> interpretations;
  std::vector<condition> conditions;
};

struct provision {
  std::string id;
  std::string funds;  // type of district funds ("rent", "loan_interest"), optional
  std::uint32_t doc = 0;
  bitext title;
  bitext citation;                      // the article, in each language
  std::vector<bitext> interpretations;  // own, the document's, and those of definitions used
  std::vector<condition> conditions;
  std::vector<part> parts;
  std::optional<date> valid_from, valid_until;
  std::optional<bitext> not_encodable;
  // Warnings the officers accepted for this provision (`allow W1008 "reason"`).
  struct allowance {
    diag_code code{};
    bitext reason;
    source_span span;
  };
  std::vector<allowance> allowed;
  source_span span;   // the id
  source_span block;  // the whole `provision ... { ... }`
};

// A global exclusion: when it holds, no provision pays. `test` is true when it holds.
struct exclusion {
  std::string id;
  bitext title;
  bitext citation;
  node_id test = no_node;
  std::vector<bitext> interpretations;
  source_span span;
};

struct combination {
  combine_kind kind = combine_kind::highest;
  std::string name;
  bitext label;
  std::vector<std::pair<std::uint32_t, std::int32_t>> members;  // provision, part (-1: whole)
  std::optional<decimal> limit;
  source_span span;
};

struct program {
  std::vector<node> nodes;
  std::vector<enum_type> enums;
  std::vector<record_type> records;
  std::vector<fact_decl> facts;
  std::optional<std::uint32_t> period_fact;
  std::optional<std::uint32_t> company_fact;  // `names company`: a text fact
  std::optional<std::uint32_t> id_fact;       // a text fact named `id`: the caller's name
  std::optional<std::uint32_t> history_fact;
  std::vector<define_decl> defines;
  std::vector<param_decl> params;
  std::vector<bracket_decl> brackets;
  std::vector<ladder_decl> ladders;
  std::vector<document> documents;
  std::vector<provision> provisions;
  std::vector<combination> combinations;
  std::vector<exclusion> exclusions;
  std::uint32_t var_slots = 0;
  std::vector<std::string> var_names;
  std::string hash;
  std::vector<std::unique_ptr<std::string>> texts;  // owns literal texts that values view

  std::string_view intern(std::string s) {
    texts.push_back(std::make_unique<std::string>(std::move(s)));
    return *texts.back();
  }
};

std::string type_name(const program& p, const type& t);

}  // namespace elig::check
