#pragma once
// Whole-word keyword parsers, named so that "expected `then`" reads well in a diagnostic.
#include "syntax/config.hpp"

namespace elig::syntax::grammar {

inline auto kw(const char* k) {
  return x3::rule<struct kw_tag, x3::unused_type>{k} =
             x3::lexeme[x3::lit(k) >> !(x3::ascii::alnum | '_')];
}
inline auto kw_str(const char* k) {
  return x3::rule<struct kw_str_tag, std::string>{k} =
             x3::lexeme[x3::string(k) >> !(x3::ascii::alnum | '_')];
}

// Words an identifier may not be: every keyword that can follow an expression or start an item.
inline const x3::symbols<> reserved_words{
    "and",       "or",     "otherwise", "not",       "in",        "if",     "then",
    "else",      "any",    "all",       "none",      "count",     "sum",    "of",
    "for",       "each",   "where",     "at",        "true",      "false",  "document",
    "schema",    "fact",   "record",    "history",   "parameter", "define", "brackets",
    "ladder",    "take",   "cap",       "provision", "part",      "title",  "issuer",
    "announced", "source", "status",    "valid",     "from",      "until",  "interpretation",
    "article",   "when",   "unless",    "pays",      "once",      "up",     "to",
    "encodable", "below",  "funds"};

}  // namespace elig::syntax::grammar
