#pragma once
// Rule declarations. Definitions live in expr_grammar_def.hpp / decl_grammar_def.hpp, each
// included by exactly one .cpp that instantiates it: X3 is slow to compile, so only those pay.
#include "syntax/ast.hpp"
#include "syntax/config.hpp"

namespace elig::syntax::grammar {

struct identifier_class;
struct word_class;
struct string_lit_class;
struct number_lit_class;
struct date_lit_class;
struct path_ref_class;
struct expression_class;
struct declaration_class;
struct document_item_class;
struct document_header_class;

using identifier_type = x3::rule<identifier_class, ast::identifier>;
using word_type = x3::rule<word_class, ast::identifier>;
using string_lit_type = x3::rule<string_lit_class, ast::string_lit>;
using number_lit_type = x3::rule<number_lit_class, ast::number_lit>;
using date_lit_type = x3::rule<date_lit_class, ast::date_lit>;
using path_ref_type = x3::rule<path_ref_class, ast::path_ref>;
using expression_type = x3::rule<expression_class, ast::expression>;
using declaration_type = x3::rule<declaration_class, ast::declaration>;
using document_item_type = x3::rule<document_item_class, ast::document_item>;
using document_header_type = x3::rule<document_header_class, ast::path_ref>;

BOOST_SPIRIT_DECLARE(identifier_type, word_type, string_lit_type, number_lit_type, date_lit_type,
                     path_ref_type, expression_type)
BOOST_SPIRIT_DECLARE(declaration_type, document_item_type, document_header_type)

const identifier_type& identifier();
const word_type& word();
const string_lit_type& string_lit();
const number_lit_type& number_lit();
const date_lit_type& date_lit();
const path_ref_type& path_ref();
const expression_type& expression();
const declaration_type& declaration();
const document_item_type& document_item();
const document_header_type& document_header();

}  // namespace elig::syntax::grammar
