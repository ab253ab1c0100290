#pragma once
// Whole-word keyword parsers, named so that "expected `then`" reads well in a diagnostic.
#include "syntax/config.hpp"
#include "syntax/vocabulary.hpp"

namespace elig::syntax::grammar {

inline auto kw(const char* k) {
  return x3::rule<struct kw_tag, x3::unused_type>{k} =
             x3::lexeme[x3::lit(k) >> !(x3::ascii::alnum | '_')];
}
inline auto kw_str(const char* k) {
  return x3::rule<struct kw_str_tag, std::string>{k} =
             x3::lexeme[x3::string(k) >> !(x3::ascii::alnum | '_')];
}

// Words an identifier may not be (syntax/vocabulary.hpp lists them for the formatter too).
inline const x3::symbols<> reserved_words = [] {
  x3::symbols<> words;
  for (auto w : k_reserved_words) words.add(w);
  return words;
}();

}  // namespace elig::syntax::grammar
