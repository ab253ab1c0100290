#pragma once
// Lexical rules and expressions. Included only by expr_grammar.cpp.
#include "syntax/annotate.hpp"
#include "syntax/ast_adapted.hpp"
#include "syntax/grammar.hpp"
#include "syntax/keywords.hpp"

namespace elig::syntax::grammar {

using x3::lexeme;
using x3::lit;
using x3::raw;
using x3::ascii::alnum;
using x3::ascii::alpha;
using x3::ascii::blank;
using x3::ascii::digit;

// clang-format off
const identifier_type identifier_rule = "identifier";
const word_type word_rule = "name";
const string_lit_type string_lit_rule = "string";
const number_lit_type number_lit_rule = "number";
const date_lit_type date_lit_rule = "date";
const path_ref_type path_ref_rule = "provision id";
const expression_type expression_rule = "expression";

const x3::rule<struct ident_text_class, std::string> ident_text = "identifier";
const x3::rule<struct word_text_class, std::string> word_text = "name";
const x3::rule<struct string_text_class, std::string> string_text = "string";
const x3::rule<struct number_text_class, std::string> number_text = "number";
const x3::rule<struct date_text_class, std::string> date_text = "date";
const x3::rule<struct path_text_class, std::string> path_text = "provision id";
const x3::rule<struct bool_lit_class, ast::bool_lit> bool_lit = "true or false";
const x3::rule<struct bool_text_class, std::string> bool_text = "true or false";

const x3::rule<struct otherwise_chain_class, ast::expression> otherwise_chain = "expression";
const x3::rule<struct otherwise_op_class, std::string> otherwise_op = "`otherwise`";
const x3::rule<struct otherwise_rest_class, ast::operation> otherwise_rest = "`otherwise` operand";
const x3::rule<struct or_chain_class, ast::expression> or_chain = "expression";
const x3::rule<struct and_chain_class, ast::expression> and_chain = "expression";
const x3::rule<struct not_expr_class, ast::operand> not_expr = "expression";
const x3::rule<struct not_unary_class, ast::unary> not_unary = "`not` expression";
const x3::rule<struct cmp_chain_class, ast::expression> cmp_chain = "comparison";
const x3::rule<struct add_chain_class, ast::expression> add_chain = "sum";
const x3::rule<struct mul_chain_class, ast::expression> mul_chain = "product";
const x3::rule<struct neg_expr_class, ast::operand> neg_expr = "value";
const x3::rule<struct neg_unary_class, ast::unary> neg_unary = "negation";
const x3::rule<struct postfix_chain_class, ast::expression> postfix_chain = "value";
const x3::rule<struct primary_class, ast::operand> primary = "value";
const x3::rule<struct call_class, ast::call> call = "function call";
const x3::rule<struct if_expr_class, ast::if_expr> if_expr = "`if` expression";
const x3::rule<struct quantified_class, ast::quantified> quantified = "quantifier";
const x3::rule<struct aggregate_class, ast::aggregate> aggregate = "`sum of` expression";
const x3::rule<struct list_lit_class, ast::list_lit> list_lit = "list";
const x3::rule<struct paren_class, ast::expression> paren = "parenthesised expression";
const x3::rule<struct or_op_class, std::string> or_op = "`or`";
const x3::rule<struct and_op_class, std::string> and_op = "`and`";
const x3::rule<struct cmp_op_class, std::string> cmp_op = "comparison operator";
const x3::rule<struct add_op_class, std::string> add_op = "`+` or `-`";
const x3::rule<struct mul_op_class, std::string> mul_op = "`*` or `/`";
const x3::rule<struct or_rest_class, ast::operation> or_rest = "`or` operand";
const x3::rule<struct and_rest_class, ast::operation> and_rest = "`and` operand";
const x3::rule<struct cmp_rest_class, ast::operation> cmp_rest = "comparison operand";
const x3::rule<struct add_rest_class, ast::operation> add_rest = "operand";
const x3::rule<struct mul_rest_class, ast::operation> mul_rest = "operand";
const x3::rule<struct field_rest_class, ast::operation> field_rest = "field name";
const x3::rule<struct at_rest_class, ast::operation> at_rest = "date";
const x3::rule<struct at_target_class, ast::expression> at_target = "date";
const x3::rule<struct identifier_as_operand_class, ast::operand> identifier_as_operand = "field name";
const x3::rule<struct list_items_class, std::vector<ast::expression>> list_items = "list items";

const auto ident_start = alpha | '_';
const auto ident_char = alnum | '_';

const auto ident_text_def = raw[lexeme[!(reserved_words >> !ident_char) >> ident_start >> *ident_char]];
const auto identifier_rule_def = ident_text;
const auto word_text_def = raw[lexeme[ident_start >> *ident_char]];
const auto word_rule_def = word_text;

const auto escape = lit('\\') >> (x3::char_('"') | x3::char_('\\') | (lit('n') >> x3::attr('\n')));
const auto string_text_def = lexeme['"' > *(escape | (x3::char_ - '"' - '\\' - x3::eol)) > '"'];
const auto string_lit_rule_def = string_text;

const auto yuan = kw("yuan") | lit("元");
const auto unit_word = kw("years") | kw("year") | kw("months") | kw("month") | kw("days") | kw("day");
const auto grouped = x3::repeat(1, 3)[digit] >> +(',' >> x3::repeat(3)[digit]) >> !digit;
const auto plain = +digit >> *('_' >> +digit);
const auto fraction = '.' >> +digit;
// Comma groups only with a money unit ("10,000,000 yuan"), so `max(100,200)` never reads as 100200.
const auto number_text_def = raw[lexeme[
      (grouped >> -fraction >> *blank >> yuan)
    | (plain >> -fraction >> -(  lit('%')
                               | ((lit("万") | lit("亿")) >> -(*blank >> yuan))
                               | (+blank >> (yuan | unit_word))
                               | yuan))]];
const auto number_lit_rule_def = number_text;

const auto date_text_def = raw[lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >> '-'
                                      >> x3::repeat(2)[digit] >> !ident_char]];
const auto date_lit_rule_def = date_text;

const auto path_text_def = raw[lexeme[alnum >> *(alnum | '-' | '_' | '.')]];
const auto path_ref_rule_def = path_text;

const auto bool_text_def = kw_str("true") | kw_str("false");
const auto bool_lit_def = bool_text;

const auto expression_rule_def = otherwise_chain;
const auto otherwise_op_def = kw_str("otherwise");
const auto otherwise_rest_def = otherwise_op > or_chain;
const auto otherwise_chain_def = or_chain >> *otherwise_rest;
const auto or_op_def = kw_str("or");
const auto or_rest_def = or_op > and_chain;
const auto or_chain_def = and_chain >> *or_rest;
const auto and_op_def = kw_str("and");
const auto and_rest_def = and_op > not_expr;
const auto and_chain_def = not_expr >> *and_rest;
const auto not_expr_def = not_unary | cmp_chain;
const auto not_unary_def = kw_str("not") > depth_guard[not_expr];

// The blanks are omitted: a string attribute would otherwise collect them (" not in").
const auto not_in = lexeme[lit("not") >> x3::omit[+blank] >> lit("in") >> !ident_char] >> x3::attr(std::string("not in"));
const auto cmp_op_def = x3::string("<=") | x3::string(">=") | x3::string("==") | x3::string("!=")
                  | x3::string("<") | x3::string(">") | x3::string("≥") | x3::string("≤")
                  | x3::string("≠") | not_in | kw_str("in");
const auto cmp_rest_def = cmp_op > add_chain;
const auto cmp_chain_def = add_chain >> *cmp_rest;
const auto add_op_def = x3::string("+") | (x3::string("-") >> !lit('>'));
const auto add_rest_def = add_op > mul_chain;
const auto add_chain_def = mul_chain >> *add_rest;
const auto mul_op_def = x3::string("*") | x3::string("×") | x3::string("/");
const auto mul_rest_def = mul_op > neg_expr;
const auto mul_chain_def = neg_expr >> *mul_rest;
const auto neg_expr_def = neg_unary | postfix_chain;
const auto neg_unary_def = x3::string("-") > depth_guard[neg_expr];

const auto field_rest_def = x3::string(".") > identifier_as_operand;
const auto identifier_as_operand_def = identifier_rule;
const auto at_target_def = primary >> *field_rest;
const auto at_rest_def = kw_str("at") > at_target;
const auto postfix_chain_def = primary >> *(field_rest | at_rest);

const auto primary_def = depth_guard[
      date_lit_rule | number_lit_rule | string_lit_rule | bool_lit | if_expr | quantified
    | aggregate | list_lit | paren | call | identifier_rule];
const auto paren_def = '(' > expression_rule > ')';
const auto call_def = (identifier_rule >> '(') > -(expression_rule % ',') > ')';
const auto if_expr_def = kw("if") > expression_rule > kw("then") > expression_rule > kw("else") > expression_rule;
const auto quantified_def = (kw_str("any") | kw_str("all") | kw_str("none") | kw_str("count"))
    > identifier_rule > kw("in") > postfix_chain > -(kw("where") > expression_rule);
const auto aggregate_def = ((kw_str("sum") | kw_str("max") | kw_str("min")) >> kw("of"))
    > expression_rule > kw("for") > kw("each") > identifier_rule > kw("in") > postfix_chain
    > -(kw("where") > expression_rule);
const auto list_items_def = -(expression_rule % ',');
const auto list_lit_def = '[' > list_items > ']';
// clang-format on

BOOST_SPIRIT_DEFINE(identifier_rule, word_rule, string_lit_rule, number_lit_rule, date_lit_rule,
                    path_ref_rule, expression_rule, otherwise_chain, otherwise_op, otherwise_rest,
                    ident_text, word_text, string_text, number_text, date_text, path_text, bool_lit,
                    bool_text, or_chain, and_chain, not_expr, not_unary, cmp_chain, add_chain,
                    mul_chain, neg_expr, neg_unary, postfix_chain, primary, call, if_expr,
                    quantified, aggregate, list_lit, paren, list_items, or_op, and_op, cmp_op,
                    add_op, mul_op, or_rest, and_rest, cmp_rest, add_rest, mul_rest, field_rest,
                    at_rest, identifier_as_operand, at_target)

struct identifier_class : annotate_span {};
struct word_class : annotate_span {};
struct string_lit_class : annotate_span {};
struct number_lit_class : annotate_span {};
struct date_lit_class : annotate_span {};
struct path_ref_class : annotate_span {};
struct bool_lit_class : annotate_span {};
struct expression_class : annotate_span {};
struct otherwise_chain_class : annotate_span {};
struct or_chain_class : annotate_span {};
struct and_chain_class : annotate_span {};
struct not_unary_class : annotate_span {};
struct cmp_chain_class : annotate_span {};
struct add_chain_class : annotate_span {};
struct mul_chain_class : annotate_span {};
struct neg_unary_class : annotate_span {};
struct postfix_chain_class : annotate_span {};
struct call_class : annotate_span {};
struct if_expr_class : annotate_span {};
struct quantified_class : annotate_span {};
struct aggregate_class : annotate_span {};
struct list_lit_class : annotate_span {};
struct paren_class : annotate_span {};
struct at_target_class : annotate_span {};

}  // namespace elig::syntax::grammar
