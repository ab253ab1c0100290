#pragma once
// Evaluates IR expressions against one profile with three-valued logic: a missing fact yields
// `unknown`, carrying the set of facts whose absence made it so.
#include <deque>
#include <string>
#include <vector>

#include "check/ir.hpp"
#include "elig/diagnostic.hpp"
#include "elig/profile.hpp"

namespace elig::eval {

using check::node_id;

struct ev {
  value v;
  std::uint32_t missing = 0;  // index of a missing-fact set in the context; 0 = none
};

// An evaluation problem in one provision (overflow, no parameter value, ...).
struct eval_error {
  diag_code code;
  std::string message;
  source_span span;
};

class context {
 public:
  context(const check::program& prog, const profile& prof, date as_of, bool tracing);

  [[nodiscard]] ev eval(node_id id);
  [[nodiscard]] const check::program& program() const { return prog_; }
  [[nodiscard]] const profile& facts() const { return prof_; }
  [[nodiscard]] date as_of() const { return as_of_; }
  [[nodiscard]] std::vector<std::string> missing_names(std::uint32_t set) const;
  std::uint32_t merge(std::uint32_t a, std::uint32_t b);
  std::uint32_t intersect(std::uint32_t a, std::uint32_t b);  // 0 when nothing is shared
  std::uint32_t missing_of(std::string name);
  void bind(std::uint32_t slot, ev v) { vars_[slot] = v; }
  [[nodiscard]] const ev& var(std::uint32_t slot) const { return vars_[slot]; }

  // The value each node had when last evaluated, for the condition or amount being explained:
  // a node counts as evaluated when its mark is the current epoch, so clearing is one increment.
  bool tracing = false;
  std::vector<ev> trace;
  std::vector<std::uint32_t> evaluated;
  std::uint32_t epoch = 1;
  void clear_trace();
  [[nodiscard]] bool was_evaluated(std::size_t node) const {
    return node < evaluated.size() && evaluated[node] == epoch;
  }
  void reset_steps() { steps_ = 0; }  // the step limit applies per provision

 private:
  ev eval_node(node_id id);
  ev eval_binary(const check::node& n);
  ev eval_logic(const check::node& n);
  ev eval_loop(const check::node& n);
  ev eval_builtin(const check::node& n);
  ev param_at(const check::node& n, date d) const;
  date shift(date d, std::int64_t months, std::int64_t days, const check::node& n) const;
  duration add_durations(duration a, duration b, int sign, const check::node& n) const;
  [[noreturn]] void fail(diag_code code, std::string message, const check::node& n) const;

  // Work done for one profile, bounded so that no profile (say, 100,000 loans compared with each
  // other) can keep an evaluation running for long: past the limit a provision is undetermined.
  static constexpr std::uint64_t k_max_steps = 20'000'000;
  std::uint64_t steps_ = 0;

  const check::program& prog_;
  const profile& prof_;
  date as_of_;
  std::vector<ev> vars_;
  std::vector<ev> define_cache_;
  std::vector<char> define_done_;
  std::vector<std::vector<std::string>> sets_;
  std::deque<std::vector<value>> lists_;  // storage for list literals built during evaluation
};

}  // namespace elig::eval
