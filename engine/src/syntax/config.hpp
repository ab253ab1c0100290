#pragma once
// Iterator, skipper and context types shared by every grammar translation unit. A rule defined in
// one TU and called from another must be instantiated with exactly these types.
#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace elig::syntax {
namespace x3 = boost::spirit::x3;

// What the grammar's handlers need while parsing one file.
struct parse_state {
  const char* begin = nullptr;
  std::size_t depth = 0;
  std::size_t max_depth = 64;
  bool too_deep = false;
  // The first expectation failure of the current parse: offset and what was expected.
  bool failed = false;
  std::uint32_t fail_offset = 0;
  std::string expected;
};

struct state_tag;

using iterator_type = const char*;

// The skipper: blanks, newlines, and comments from `#` to the end of the line.
inline const auto skipper_def = x3::ascii::space | x3::lexeme['#' >> *(x3::char_ - x3::eol)];
using skipper_parser = std::remove_const_t<decltype(skipper_def)>;

using phrase_context_type = x3::phrase_parse_context<skipper_parser>::type;
using context_type =
    x3::context<state_tag, std::reference_wrapper<parse_state>, phrase_context_type>;

}  // namespace elig::syntax
