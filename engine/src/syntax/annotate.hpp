#pragma once
// on_success handler: records where each node starts and ends, as offsets, once per rule match.
#include <type_traits>

#include "syntax/ast.hpp"
#include "syntax/config.hpp"

namespace elig::syntax {

struct annotate_span {
  template <typename T, typename Iterator, typename Context>
  void on_success(const Iterator& first, const Iterator& last, T& node,
                  const Context& context) const {
    if constexpr (std::is_base_of_v<ast::spanned, T>) {
      const parse_state& st = x3::get<state_tag>(context).get();
      node.begin = static_cast<std::uint32_t>(first - st.begin);
      node.end = static_cast<std::uint32_t>(last - st.begin);
    }
  }
};

// on_error handler: remembers the first expectation failure; the driver turns it into E1001.
struct report_expectation {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator&, const Iterator&, const Exception& x,
                                    const Context& context) const {
    parse_state& st = x3::get<state_tag>(context).get();
    if (!st.failed) {
      st.failed = true;
      st.fail_offset = static_cast<std::uint32_t>(x.where() - st.begin);
      st.expected = x.which();
    }
    return x3::error_handler_result::fail;
  }
};

// Guards recursion: deeper nesting than the limit is an error, not a stack overflow.
template <typename Subject>
struct depth_guard_parser : x3::unary_parser<Subject, depth_guard_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, depth_guard_parser<Subject>>;
  static const bool is_pass_through_unary = true;
  constexpr explicit depth_guard_parser(const Subject& subject) : base_type(subject) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext,
             Attribute& attr) const {
    parse_state& st = x3::get<state_tag>(context).get();
    struct guard {
      parse_state& s;
      ~guard() { --s.depth; }
    } g{st};
    if (++st.depth > st.max_depth) {
      if (!st.too_deep) {
        st.too_deep = true;
        st.fail_offset = static_cast<std::uint32_t>(first - st.begin);
      }
      throw x3::expectation_failure<Iterator>(first, "shallower nesting");
    }
    return this->subject.parse(first, last, context, rcontext, attr);
  }
};

struct depth_guard_gen {
  template <typename Subject>
  constexpr depth_guard_parser<typename x3::extension::as_parser<Subject>::value_type> operator[](
      const Subject& subject) const {
    return depth_guard_parser<typename x3::extension::as_parser<Subject>::value_type>(
        x3::as_parser(subject));
  }
};
inline constexpr depth_guard_gen depth_guard{};

}  // namespace elig::syntax
