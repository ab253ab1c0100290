// The only translation unit that compiles the declaration grammar.
#include "syntax/decl_grammar_def.hpp"

namespace elig::syntax::grammar {

BOOST_SPIRIT_INSTANTIATE(declaration_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(document_item_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(document_header_type, iterator_type, context_type)

const declaration_type& declaration() { return declaration_rule; }
const document_item_type& document_item() { return document_item_rule; }
const document_header_type& document_header() { return document_header_rule; }

}  // namespace elig::syntax::grammar
