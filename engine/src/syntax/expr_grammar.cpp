// The only translation unit that compiles the expression grammar.
#include "syntax/expr_grammar_def.hpp"

namespace elig::syntax::grammar {

BOOST_SPIRIT_INSTANTIATE(identifier_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(word_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(string_lit_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(number_lit_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(date_lit_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(path_ref_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)

const identifier_type& identifier() { return identifier_rule; }
const word_type& word() { return word_rule; }
const string_lit_type& string_lit() { return string_lit_rule; }
const number_lit_type& number_lit() { return number_lit_rule; }
const date_lit_type& date_lit() { return date_lit_rule; }
const path_ref_type& path_ref() { return path_ref_rule; }
const expression_type& expression() { return expression_rule; }

}  // namespace elig::syntax::grammar
