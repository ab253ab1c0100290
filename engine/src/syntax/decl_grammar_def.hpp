#pragma once
// Declarations, documents and provisions. Included only by decl_grammar.cpp.
#include "syntax/annotate.hpp"
#include "syntax/ast_adapted.hpp"
#include "syntax/grammar.hpp"
#include "syntax/keywords.hpp"

namespace elig::syntax::grammar {

// Rules defined in expr_grammar.cpp, referenced here by their declared objects.
namespace ext {
inline const identifier_type identifier = "identifier";
inline const word_type word = "name";
inline const string_lit_type string_lit = "string";
inline const number_lit_type number_lit = "number";
inline const date_lit_type date_lit = "date";
inline const path_ref_type path_ref = "provision id";
inline const expression_type expression = "expression";
}  // namespace ext

// clang-format off
const declaration_type declaration_rule = "declaration";
const document_item_type document_item_rule = "document item";
const document_header_type document_header_rule = "document header";

const x3::rule<struct bitext_class, ast::bitext> bitext = "text (\"中文\" / \"English\")";
const x3::rule<struct type_ref_class, ast::type_ref> type_ref = "type";
const x3::rule<struct enum_members_class, std::vector<ast::enum_member>> enum_members = "enumeration members";
const x3::rule<struct enum_member_class, ast::enum_member> enum_member = "enumeration member";
const x3::rule<struct enum_member_name_class, ast::identifier> enum_member_name = "enumeration member";
const x3::rule<struct fact_decl_class, ast::fact_decl> fact_decl = "fact declaration";
const x3::rule<struct record_decl_class, ast::record_decl> record_decl = "record declaration";
const x3::rule<struct history_decl_class, ast::history_decl> history_decl = "history declaration";
const x3::rule<struct schema_items_class, std::vector<ast::schema_item>> schema_items = "schema items";
const x3::rule<struct schema_decl_class, ast::schema_decl> schema_decl = "schema";
const x3::rule<struct param_row_class, ast::param_row> param_row = "parameter value";
const x3::rule<struct param_decl_class, ast::param_decl> param_decl = "parameter";
const x3::rule<struct define_param_class, ast::define_param> define_param = "parameter (`name : type`)";
const x3::rule<struct define_params_class, std::vector<ast::define_param>> define_params = "parameters";
const x3::rule<struct define_decl_class, ast::define_decl> define_decl = "definition";
const x3::rule<struct bracket_row_class, ast::bracket_row> bracket_row = "bracket row";
const x3::rule<struct bracket_decl_class, ast::bracket_decl> bracket_decl = "bracket table";
const x3::rule<struct ladder_row_class, ast::ladder_row> ladder_row = "ladder row";
const x3::rule<struct ladder_decl_class, ast::ladder_decl> ladder_decl = "ladder";
const x3::rule<struct highest_decl_class, ast::combine_decl> highest_decl = "take-highest group";
const x3::rule<struct cap_decl_class, ast::combine_decl> cap_decl = "total cap";
const x3::rule<struct member_list_class, std::vector<ast::path_ref>> member_list = "provision ids";
const x3::rule<struct meta_item_class, ast::meta_item> meta_item = "item";
const x3::rule<struct word_item_class, ast::word_item> word_item = "status";
const x3::rule<struct date_item_class, ast::date_item> date_item = "date item";
const x3::rule<struct validity_class, ast::validity> validity = "validity";
const x3::rule<struct condition_class, ast::condition> condition = "condition";
const x3::rule<struct years_limit_class, ast::years_limit> years_limit = "year limit";
const x3::rule<struct amount_spec_class, ast::amount_spec> amount_spec = "amount";
const x3::rule<struct each_clause_class, ast::each_clause> each_clause = "`for each` clause";
const x3::rule<struct benefit_class, ast::benefit> benefit = "benefit";
const x3::rule<struct part_decl_class, ast::part_decl> part_decl = "part";
const x3::rule<struct provision_item_class, ast::provision_item> provision_item = "provision item";
const x3::rule<struct provision_items_class, std::vector<ast::provision_item>> provision_items = "provision items";
const x3::rule<struct provision_decl_class, ast::provision_decl> provision_decl = "provision";
const x3::rule<struct exclusion_decl_class, ast::exclusion_decl> exclusion_decl = "exclusion";

const auto bitext_def = ext::string_lit >> -('/' > ext::string_lit);
// A member is a name or, where it is not an ASCII identifier ("余杭区", "digital-twin"), a string.
const auto set_member = [](auto& ctx) {
  x3::_val(ctx).text = x3::_attr(ctx).text;
  x3::_val(ctx).begin = x3::_attr(ctx).begin;
  x3::_val(ctx).end = x3::_attr(ctx).end;
};
const auto enum_member_name_def = ext::identifier[set_member] | ext::string_lit[set_member];
// A member may carry its labels, by which profiles may also name it: `xihu "西湖区" / "Xihu"`.
const auto enum_member_def = enum_member_name >> -bitext;
const auto enum_members_def = '(' > (enum_member % ',') > ')';
const auto type_ref_def = x3::matches[kw("list") >> kw("of")] >> ext::word >> -enum_members;

const auto fact_decl_def = kw("fact") > ext::identifier > ':' > type_ref > x3::matches[kw("required")]
    > x3::matches[kw("period")] > x3::matches[kw("fixed")] > x3::matches[kw("names") > kw("company")]
    > -(kw("unit") > ext::string_lit) > -bitext;
const auto record_decl_def = kw("record") > ext::identifier > -bitext > '{' > *fact_decl > '}';
const auto history_decl_def = kw("history") > ext::identifier > -bitext;
const auto schema_items_def = *(fact_decl | record_decl | history_decl);
const auto schema_decl_def = kw("schema") > '{' > schema_items > '}';

const auto param_row_def = kw("from") > ext::date_lit > '=' > ext::expression;
const auto param_decl_def = kw("parameter") > ext::identifier > -bitext > ':' > type_ref > '{'
    > *param_row > '}';
const auto define_param_def = ext::identifier > ':' > type_ref;
const auto define_params_def = -('(' > (define_param % ',') > ')');
const auto define_decl_def = kw("define") > ext::identifier > define_params > -bitext > '=' > ext::expression
    > *(kw("interpretation") > bitext);
const auto bracket_row_def = (-(kw("from") > ext::expression) >> -(kw("below") > ext::expression)
    >> "=>") > ext::expression;
const auto bracket_decl_def = kw("brackets") > ext::identifier > -bitext > '{' > *bracket_row > '}';
const auto ladder_row_def = (ext::expression >> "=>") > ext::expression;
const auto ladder_decl_def = kw("ladder") > ext::identifier > -bitext > '{' > *ladder_row > '}';
const auto member_list_def = '{' > (ext::path_ref % ',') > '}';
const auto highest_decl_def = kw("take") > kw("highest") > x3::attr(std::string("highest"))
    > ext::identifier > -bitext > x3::attr(boost::optional<ast::expression>()) > member_list;
const auto cap_decl_def = kw("cap") > x3::attr(std::string("cap")) > ext::identifier > -bitext
    > -(kw("at") > kw("most") > ext::expression) > member_list;
const auto declaration_rule_def = schema_decl | param_decl | define_decl | bracket_decl
    | ladder_decl | highest_decl | cap_decl | exclusion_decl;

const auto meta_key = kw_str("title") | kw_str("issuer") | kw_str("source") | kw_str("article") | kw_str("funds")
    | kw_str("interpretation") | (kw("not") >> kw("encodable") >> x3::attr(std::string("not_encodable")));
// `allow W1008 "reason"`: a warning the officers have accepted, kept as the key `allow W1008`.
// Any code is read here; the checker says which can be allowed (warnings only).
const x3::rule<struct warning_code_class, std::string> warning_code = "warning code (such as W1008)";
const auto warning_code_def = x3::lexeme[x3::char_("EW") >> +x3::digit >> !(x3::ascii::alnum | '_')];
const auto keep_allowed = [](auto& ctx) { x3::_val(ctx) = "allow " + x3::_attr(ctx); };
const x3::rule<struct allowed_code_class, std::string> allowed_code = "warning code (such as W1008)";
const auto allowed_code_def = warning_code[keep_allowed];
const x3::rule<struct allow_key_class, std::string> allow_key = "allow";
const auto allow_key_def = kw("allow") > allowed_code;
const auto meta_item_def = (meta_key | allow_key) > bitext;
const auto word_item_def = kw_str("status") > ext::identifier;
const auto date_item_def = kw_str("announced") > ext::date_lit;
const auto validity_def = kw("valid") > kw("from") > ext::date_lit > -(kw("until") > ext::date_lit);
const auto condition_def = (kw_str("when") | kw_str("unless")) > ext::expression;
const auto years_limit_def = (kw("for") >> kw("at")) > kw("most") > ext::number_lit > kw("from")
    > ext::expression;
const auto amount_spec_def = (  (kw("up") > kw("to") > x3::attr(std::string("up_to")))
                              | (kw("from") > x3::attr(std::string("range")))
                              | x3::attr(std::string("fixed")))
    > ext::expression > -(kw("to") > ext::expression);
const auto each_clause_def = (kw("for") >> kw("each")) > ext::identifier > kw("in") > ext::expression
    > -(kw("where") > ext::expression);
const auto benefit_def = kw("pays") > x3::matches[kw("once")] > amount_spec > -each_clause;
const auto part_decl_def = kw("part") > ext::path_ref > -bitext > '{' > provision_items > '}';
const auto provision_item_def = meta_item | validity | condition | years_limit | benefit | part_decl;
const auto provision_items_def = *provision_item;
const auto provision_decl_def = kw("provision") > ext::path_ref > '{' > provision_items > '}';
const auto exclusion_decl_def = kw("exclusion") > ext::path_ref > '{' > provision_items > '}';
const auto document_item_rule_def = meta_item | word_item | date_item | validity | condition
    | provision_decl;
const auto document_header_rule_def = kw("document") > ext::path_ref > '{';
// clang-format on

BOOST_SPIRIT_DEFINE(declaration_rule, document_item_rule, document_header_rule, bitext, type_ref,
                    enum_members, enum_member, enum_member_name, fact_decl, record_decl,
                    history_decl, schema_items, schema_decl, param_row, param_decl, define_param,
                    define_params, define_decl, bracket_row, bracket_decl, ladder_row, ladder_decl,
                    member_list, highest_decl, cap_decl, warning_code, allowed_code, allow_key,
                    meta_item, word_item, date_item, validity, condition, years_limit, amount_spec,
                    each_clause, benefit, part_decl, provision_item, provision_items,
                    provision_decl, exclusion_decl)

struct declaration_class : annotate_span, report_expectation {};
struct document_item_class : annotate_span, report_expectation {};
struct document_header_class : annotate_span, report_expectation {};
struct bitext_class : annotate_span {};
struct type_ref_class : annotate_span {};
struct enum_member_class : annotate_span {};
struct fact_decl_class : annotate_span {};
struct record_decl_class : annotate_span {};
struct history_decl_class : annotate_span {};
struct schema_decl_class : annotate_span {};
struct param_row_class : annotate_span {};
struct param_decl_class : annotate_span {};
struct define_decl_class : annotate_span {};
struct define_param_class : annotate_span {};
struct bracket_row_class : annotate_span {};
struct bracket_decl_class : annotate_span {};
struct ladder_row_class : annotate_span {};
struct ladder_decl_class : annotate_span {};
struct highest_decl_class : annotate_span {};
struct cap_decl_class : annotate_span {};
struct meta_item_class : annotate_span {};
struct word_item_class : annotate_span {};
struct date_item_class : annotate_span {};
struct validity_class : annotate_span {};
struct condition_class : annotate_span {};
struct years_limit_class : annotate_span {};
struct amount_spec_class : annotate_span {};
struct each_clause_class : annotate_span {};
struct benefit_class : annotate_span {};
struct part_decl_class : annotate_span {};
struct provision_decl_class : annotate_span {};
struct exclusion_decl_class : annotate_span {};

}  // namespace elig::syntax::grammar
