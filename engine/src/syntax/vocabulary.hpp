#pragma once
// The words that open a declaration or an item: one list for the parser's error recovery and
// for the formatter's layout. (The grammar itself is in *_grammar_def.hpp.)
#include <string_view>

namespace elig::syntax {

inline constexpr std::string_view k_top_keywords[] = {
    "document", "schema", "parameter", "define", "brackets", "ladder", "take", "cap", "exclusion"};

// Every keyword that can follow an expression or start an item: no identifier may be one.
inline constexpr std::string_view k_reserved_words[] = {
    "and",       "or",     "otherwise", "not",       "in",        "if",     "then",
    "else",      "any",    "all",       "none",      "count",     "sum",    "of",
    "for",       "each",   "where",     "at",        "true",      "false",  "document",
    "schema",    "fact",   "record",    "history",   "parameter", "define", "brackets",
    "ladder",    "take",   "cap",       "provision", "part",      "title",  "issuer",
    "announced", "source", "status",    "valid",     "from",      "until",  "interpretation",
    "article",   "when",   "unless",    "pays",      "once",      "up",     "to",
    "encodable", "below",  "funds",     "exclusion", "allow"};

// Items of a document, provision, part or exclusion block.
inline constexpr std::string_view k_item_keywords[] = {
    "title",          "issuer",  "announced", "source", "status", "valid",
    "interpretation", "when",    "unless",    "pays",   "for",    "part",
    "provision",      "article", "not",       "funds",  "allow"};

inline constexpr std::string_view k_schema_keywords[] = {"fact", "record", "history"};

// Blocks whose lines are items introduced by k_item_keywords.
inline constexpr std::string_view k_item_blocks[] = {"document", "provision", "part", "exclusion"};

template <std::size_t N>
constexpr bool is_one_of(std::string_view w, const std::string_view (&words)[N]) {
  for (auto k : words)
    if (k == w) return true;
  return false;
}

}  // namespace elig::syntax
