#pragma once
// The parse tree: mirrors the grammar, keeps byte offsets. Lowered to IR by check/.
#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace elig::syntax::ast {
namespace x3 = boost::spirit::x3;

// Filled by annotate_span on a successful match: [begin, end) offsets into the file.
struct spanned {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Single-text nodes are assigned from the matched string rather than Fusion-adapted, because X3
// treats one-member sequences specially.
struct text_node : spanned {
  std::string text;
};
struct identifier : text_node {
  identifier& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};
struct number_lit : text_node {  // raw text: "200万", "10,000,000", "50%", "3 years"
  number_lit& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};
struct date_lit : text_node {
  date_lit& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};
struct string_lit : text_node {  // unescaped contents
  string_lit& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};
struct path_ref : text_node {  // "shangcheng-2023.office"
  path_ref& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};
struct bool_lit : text_node {
  bool_lit& operator=(std::string s) {
    text = std::move(s);
    return *this;
  }
};

struct nil {};
struct unary;
struct call;
struct if_expr;
struct quantified;
struct aggregate;
struct list_lit;
struct expression;

using operand =
    x3::variant<nil, number_lit, date_lit, string_lit, bool_lit, identifier, x3::forward_ast<unary>,
                x3::forward_ast<call>, x3::forward_ast<if_expr>, x3::forward_ast<quantified>,
                x3::forward_ast<aggregate>, x3::forward_ast<list_lit>, x3::forward_ast<expression>>;

// Every precedence level parses into a chain `first op rhs op rhs ...`; the checker folds it
// left-associatively. Field access (".") and parameter dating ("at") are chain operators too.
struct operation : spanned {
  std::string op;
  operand rhs;
};
struct expression : spanned {
  operand first;
  std::vector<operation> rest;
};
struct unary : spanned {
  std::string op;  // "-" or "not"
  operand rhs;
};
struct call : spanned {
  identifier fn;
  std::vector<expression> args;
};
struct if_expr : spanned {
  expression cond;
  expression then_branch;
  expression else_branch;
};
struct quantified : spanned {  // any/all/none/count v in L [where C]
  std::string kind;
  identifier var;
  expression list;
  boost::optional<expression> where;
};
struct aggregate : spanned {  // sum/max/min of E for each v in L [where C]
  std::string kind;
  expression body;
  identifier var;
  expression list;
  boost::optional<expression> where;
};
struct list_lit : spanned {
  std::vector<expression> items;
  list_lit& operator=(std::vector<expression> v) {
    items = std::move(v);
    return *this;
  }
};

// ---- declarations ----
struct bitext : spanned {  // "中文" / "English"
  string_lit zh;
  boost::optional<string_lit> en;
};
struct enum_member : spanned {  // shangcheng "上城区" / "Shangcheng"
  identifier name;
  boost::optional<bitext> label;
};
struct type_ref : spanned {
  bool is_list = false;
  identifier name;
  std::vector<enum_member> members;  // enum(a, b)
};
struct fact_decl : spanned {
  identifier name;
  type_ref type;
  bool required = false;
  bool period = false;
  bool fixed = false;          // `fixed`: a company cannot change it (history, past dates)
  bool names_company = false;  // `names company`: the fact outputs name the company by
  boost::optional<string_lit> unit;
  boost::optional<bitext> label;
};
struct record_decl : spanned {
  identifier name;
  boost::optional<bitext> label;
  std::vector<fact_decl> fields;
};
struct history_decl : spanned {
  identifier name;
  boost::optional<bitext> label;
};
using schema_item = x3::variant<fact_decl, record_decl, history_decl>;
struct schema_decl : spanned {
  std::vector<schema_item> items;
  schema_decl& operator=(std::vector<schema_item> v) {
    items = std::move(v);
    return *this;
  }
};
struct param_row : spanned {
  date_lit from;
  expression value;
};
struct param_decl : spanned {
  identifier name;
  boost::optional<bitext> label;
  type_ref type;
  std::vector<param_row> rows;
};
struct define_param : spanned {
  identifier name;
  type_ref type;
};
struct define_decl : spanned {
  identifier name;
  std::vector<define_param> params;
  boost::optional<bitext> label;
  expression value;
  std::vector<bitext> interpretations;
};
struct bracket_row : spanned {
  boost::optional<expression> from;
  boost::optional<expression> below;
  expression value;
};
struct bracket_decl : spanned {
  identifier name;
  boost::optional<bitext> label;
  std::vector<bracket_row> rows;
};
struct ladder_row : spanned {
  expression threshold;
  expression award;
};
struct ladder_decl : spanned {
  identifier name;
  boost::optional<bitext> label;
  std::vector<ladder_row> rows;
};
struct combine_decl : spanned {
  std::string kind;  // "highest" or "cap"
  identifier name;
  boost::optional<bitext> label;
  boost::optional<expression> limit;
  std::vector<path_ref> members;
};
struct exclusion_decl;
using declaration = x3::variant<schema_decl, param_decl, define_decl, bracket_decl, ladder_decl,
                                combine_decl, x3::forward_ast<exclusion_decl>>;

// ---- documents and provisions ----
struct meta_item : spanned {  // title, issuer, source, article, interpretation, not encodable
  std::string key;
  bitext text;
};
struct word_item : spanned {  // status in_force
  std::string key;
  identifier word;
};
struct date_item : spanned {  // announced 2023-06-16
  std::string key;
  date_lit when;
};
struct validity : spanned {
  date_lit from;
  boost::optional<date_lit> until;
};
struct condition : spanned {
  std::string kind;  // "when" or "unless"
  expression test;
};
struct years_limit : spanned {
  number_lit years;  // "3 years"
  expression from;
};
struct amount_spec : spanned {
  std::string kind;  // "up_to", "range", "fixed"
  expression first;
  boost::optional<expression> second;
};
struct each_clause : spanned {
  identifier var;
  expression list;
  boost::optional<expression> where;
};
struct benefit : spanned {
  bool once = false;
  amount_spec amount;
  boost::optional<each_clause> each;
};
struct part_decl;
using provision_item =
    x3::variant<meta_item, validity, condition, years_limit, benefit, x3::forward_ast<part_decl>>;
struct part_decl : spanned {
  path_ref name;
  boost::optional<bitext> label;
  std::vector<provision_item> items;
};
struct provision_decl : spanned {
  path_ref id;
  std::vector<provision_item> items;
};
// A global exclusion: when its conditions hold, no provision of any document pays.
struct exclusion_decl : spanned {
  path_ref id;
  std::vector<provision_item> items;
};
using document_item =
    x3::variant<meta_item, word_item, date_item, validity, condition, provision_decl>;

// A document as the driver assembles it from a header and items parsed one at a time.
struct document_decl : spanned {
  path_ref id;
  std::vector<document_item> items;
  bool recovered = false;  // an item did not parse: what seems missing may be in it
};

struct comment : spanned {
  std::string text;
};

struct rule_file {
  std::vector<declaration> declarations;
  std::vector<document_decl> documents;
  std::vector<comment> comments;  // kept for the formatter
};

}  // namespace elig::syntax::ast
