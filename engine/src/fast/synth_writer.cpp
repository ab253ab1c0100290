// Writes a plan's fast lanes as C++ (synth.hpp): lane_runner::decide_all unrolled, with every
// field of the lane table it reads written in as a constant. Each construct is written the way
// the interpreter runs it (lane_run.hpp), step for step, through the same step functions; a
// test the interpreter runs through the machine is left to the interpreter's test_atom.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fast/plan.hpp"
#include "fast/synth.hpp"

namespace elig::fast {
namespace {

// A 128-bit constant as C++ (no literal suffix holds one).
std::string int128_text(int128_t v) {
  if (v >= INT64_MIN + 1 && v <= INT64_MAX)
    return fmt::format("int128_t{{{}LL}}", static_cast<std::int64_t>(v));
  const auto u = static_cast<uint128_t>(v);
  return fmt::format("lane_steps::raw128({:#x}ULL, {:#x}ULL)", static_cast<std::uint64_t>(u >> 64),
                     static_cast<std::uint64_t>(u));
}

std::string_view rounding_name(rounding r) {
  switch (r) {
    case rounding::half_up:
      return "half_up";
    case rounding::half_even:
      return "half_even";
    case rounding::down:
      return "down";
    case rounding::up:
      return "up";
    case rounding::floor:
      return "floor";
    case rounding::ceiling:
      return "ceiling";
  }
  return "half_up";
}

std::string_view calc_name(lane_calc c) {
  switch (c) {
    case lane_calc::add:
      return "add";
    case lane_calc::sub:
      return "sub";
    case lane_calc::mul:
      return "mul";
    case lane_calc::div:
      return "div";
    case lane_calc::min:
      return "min";
    default:
      return "max";
  }
}

// An id safe in a comment: the rules' identifiers are; anything else is left out.
std::string comment_id(const std::string& id) {
  const bool plain = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
  return plain ? id : std::string("(id)");
}

// One function's body: its statements, and the stack values its amounts' programs hold.
class function_writer {
 public:
  explicit function_writer(const plan& p) : p_(p) {}

  std::string body;

  void line(std::string_view text) {
    body.append(indent_, ' ');
    body += text;
    body += '\n';
  }

  // Statements that set `r` to atom `i`'s answer (0 or 1); giving up returns from the function.
  void test(std::uint32_t i) {
    const lane_atom& t = p_.lanes.atoms[i];
    const std::string neg = t.negate ? "true" : "false";
    switch (t.test) {
      case lane_test::fact_in_mask:
        fact_test("fact_in_mask", fmt::format("f[{}], {:#x}ULL, {}, {}", t.slot, t.mask, neg,
                                              t.bounded ? "true" : "false"));
        return;
      case lane_test::fact_any_in_mask:
        fact_test("fact_any_in_mask", fmt::format("f[{}], {:#x}ULL, {}", t.slot, t.mask, neg));
        return;
      case lane_test::fact_num_range:
      case lane_test::fact_day_range:
      case lane_test::fact_idx_range:
        fact_test(
            t.test == lane_test::fact_num_range   ? "fact_num_range"
            : t.test == lane_test::fact_day_range ? "fact_day_range"
                                                  : "fact_idx_range",
            fmt::format("f[{}], {}, {}, {}", t.slot, int128_text(t.lo), int128_text(t.hi), neg));
        return;
      case lane_test::day_compare:
        line("{");
        indent_ += 2;
        line("std::int32_t a = 0, b = 0;");
        line(fmt::format("if (!({}) || !({})) return lane_runner::k_given_up;", day(t.a, "a"),
                         day(t.b, "b")));
        line(fmt::format("r = lane_steps::ordered({:#x}ULL, a, b);", t.mask));
        indent_ -= 2;
        line("}");
        return;
      case lane_test::num_compare: {
        const std::string a = program(t.a.ref), b = program(t.b.ref);
        line(fmt::format("r = lane_steps::ordered({:#x}ULL, {}, {});", t.mask, a, b));
        return;
      }
      case lane_test::and_:
      case lane_test::or_:
        test(t.a.ref);
        line(t.test == lane_test::and_ ? "if (r == 1) {" : "if (r == 0) {");
        indent_ += 2;
        test(t.b.ref);
        indent_ -= 2;
        line("}");
        return;
      case lane_test::not_:
        test(t.a.ref);
        line("r = 1 - r;");
        return;
      default:  // through the machine: the interpreter's own step
        line(fmt::format("r = rt.test_atom({});", i));
        line("if (r == lane_runner::k_given_up) return r;");
        return;
    }
  }

  // Statements working out the program from step `pc`; returns the local holding its value.
  // Its stack is locals from `locals_` on (a program inside one of its tests takes those past
  // the deepest it can reach); its labels are numbered apart from every other program's.
  std::string program(std::uint32_t pc) {
    const auto& steps = p_.lanes.program;
    const std::uint32_t base = locals_;
    const std::uint32_t serial = programs_++;
    locals_ = base + k_lane_stack;
    std::uint32_t depth = 0, used = 0;
    std::map<std::uint32_t, std::uint32_t> depth_at;  // a jump's target: the depth there
    std::set<std::uint32_t> targets;
    for (std::uint32_t k = pc; steps[k].op != lane_calc::end; ++k)
      if (steps[k].op == lane_calc::if_ || steps[k].op == lane_calc::jump)
        targets.insert(steps[k].b);
    const auto x = [&](std::uint32_t d) { return fmt::format("x{}", base + d); };
    for (;; ++pc) {
      if (targets.count(pc) != 0) {
        line(fmt::format("p{}_{}:;", serial, pc));
        depth = depth_at[pc];
      }
      const lane_value& v = steps[pc];
      switch (v.op) {
        case lane_calc::literal:
          line(fmt::format("{} = {};", x(depth++), int128_text(v.num)));
          break;
        case lane_calc::fact:
          line(fmt::format("if (!f[{}].known()) return lane_runner::k_given_up;", v.ref));
          line(fmt::format("{} = f[{}].num;", x(depth++), v.ref));
          break;
        case lane_calc::neg:
          line(fmt::format("if (!negatable({0})) return lane_runner::k_given_up;", x(depth - 1)));
          line(fmt::format("{0} = -{0};", x(depth - 1)));
          break;
        case lane_calc::add:
        case lane_calc::sub:
        case lane_calc::mul:
        case lane_calc::div:
        case lane_calc::min:
        case lane_calc::max:
          if (!v.immediate) --depth;
          line(fmt::format("{0} = lane_steps::{1}(lane_calc::{2}, {0}, {3});", x(depth - 1),
                           v.op == lane_calc::min || v.op == lane_calc::max ? "pick" : "arithmetic",
                           calc_name(v.op), v.immediate ? int128_text(v.num) : x(depth)));
          break;
        case lane_calc::round:
          line(fmt::format("{0} = decimal::from_raw({0}).round({1}, rounding::{2}).raw();",
                           x(depth - 1), v.places, rounding_name(v.mode)));
          break;
        case lane_calc::if_:
          test(v.a);
          line(fmt::format("if (r == 0) goto p{}_{};", serial, v.b));
          depth_at[v.b] = depth;
          break;
        case lane_calc::jump:
          line(fmt::format("goto p{}_{};", serial, v.b));
          depth_at[v.b] = depth;
          break;
        case lane_calc::bracket:
          bracket(p_.brackets[v.ref], x(depth - 1));
          break;
        case lane_calc::node:
          line(fmt::format("if (!rt.node_num({}, {})) return lane_runner::k_given_up;", v.node,
                           x(depth++)));
          break;
        case lane_calc::end:
          locals_ = base + used;
          declared_ = std::max(declared_, locals_);
          return x(0);
      }
      used = std::max(used, depth);
    }
  }

  // The declarations the body needs, first in the function.
  std::string declarations() const {
    std::string out(indent_, ' ');
    out += "[[maybe_unused]] unsigned r = 0;\n";
    for (std::uint32_t k = 0; k < declared_; ++k)
      out += fmt::format("{}[[maybe_unused]] int128_t x{} = 0;\n", std::string(indent_, ' '), k);
    return out;
  }

  void set_indent(std::size_t n) { indent_ = n; }

 private:
  void fact_test(std::string_view step, const std::string& args) {
    line(fmt::format("r = lane_steps::{}({});", step, args));
    line("if (r == lane_runner::k_given_up) return r;");
  }

  // A bracket's rows as a chain of tests (bracket_row, unrolled): the value becomes its row's.
  void bracket(const pbracket& br, const std::string& x) {
    for (std::size_t i = 0; i < br.values.size(); ++i) {
      const auto bound = [](const std::optional<int128_t>& b) {
        return fmt::format("{}, {}", b ? "true" : "false", int128_text(b.value_or(0)));
      };
      line(fmt::format("{}if (in_row({}, {}, {})) {{", i == 0 ? "" : "} else ", x,
                       bound(br.from[i]), bound(br.below[i])));
      line(fmt::format("  {} = {};", x, int128_text(br.values[i].num)));
    }
    line(br.values.empty()
             ? "return lane_runner::k_given_up;"
             : "} else {\n" + std::string(indent_, ' ') + "  return lane_runner::k_given_up;\n" +
                   std::string(indent_, ' ') + "}");
  }

  // A day operand as an expression that sets `name` and is false when the day is unknown.
  std::string day(const lane_operand& o, std::string_view name) const {
    switch (o.source) {
      case lane_source::fact:
        return fmt::format("{0} = f[{1}].day, f[{1}].known()", name, o.ref);
      case lane_source::literal:
        return fmt::format("{} = {}, true", name, p_.literals[o.ref].day);
      case lane_source::today:
        return fmt::format("{} = rt.as_of(), true", name);
      case lane_source::node:
        break;
    }
    // As machine::operand reads it, its case chosen here.
    const pnode& n = p_.nodes[o.ref];
    switch (n.op) {
      case code::literal:
      case code::fact:
      case code::var:
      case code::field:
        break;
      case code::define_ref:
        return fmt::format("rt.define_day({}, {})", n.ref, name);
      default:
        if (n.memo != 0) return fmt::format("rt.as_of_day({}, {}, {})", n.memo, o.ref, name);
    }
    return fmt::format("rt.node_day({}, {})", o.ref, name);
  }

  const plan& p_;
  std::size_t indent_ = 4;
  std::uint32_t locals_ = 0;    // x0, x1, ...: declared first, so that gotos cross no declaration
  std::uint32_t declared_ = 0;  // the locals any program used
  std::uint32_t programs_ = 0;
};

class pass_writer {
 public:
  explicit pass_writer(const plan& p) : p_(p) {}

  std::string write() {
    exclusions();
    for (std::size_t i = 0; i < p_.provisions.size(); ++i)
      if (p_.lanes.provisions[i].usable) provision(i);
    pass();
    shape();
    return out_;
  }

 private:
  // The function's lambda, its declarations first; guarded as the interpreter's lane is.
  void guarded(const function_writer& fw) {
    out_ += "  return lane_runner::guarded([&]() __attribute__((always_inline)) -> unsigned {\n";
    out_ += fw.declarations();
    out_ += fw.body;
    out_ += "  });\n}\n\n";
  }

  void exclusions() {
    out_ +=
        "// The global exclusions (lane_runner::exclusions).\n"
        "template <bool Outcomes>\n"
        "[[gnu::always_inline]] inline unsigned exclusions(lane_runner& rt, "
        "[[maybe_unused]] const fval* f) {\n"
        "  if (!rt.begin_exclusions()) return lane_runner::k_given_up;\n";
    function_writer fw(p_);
    for (const lane_condition& c : p_.lanes.exclusions) {
      fw.test(c.atom);
      if (c.last) {
        fw.line(fmt::format("rt.exclusion_decided<Outcomes>({}, r);", c.shared));
        fw.line("if (r == 0) return 0u;");
      } else {
        fw.line(fmt::format("if (r == 0) {{ rt.exclusion_decided<Outcomes>({}, 0); return 0u; }}",
                            c.shared));
      }
    }
    fw.line("return 1u;");
    guarded(fw);
  }

  void provision(std::size_t i) {
    const lane& ln = p_.lanes.provisions[i];
    out_ += fmt::format(
        "// {} (lane_runner::decide)\n"
        "template <bool Outcomes>\n"
        "[[gnu::always_inline]] inline unsigned provision_{}([[maybe_unused]] lane_runner& rt, "
        "[[maybe_unused]] const fval* f, bool include_drafts, verdict& v, part_verdict& part, "
        "[[maybe_unused]] outcome* o) {{\n",
        comment_id(p_.provisions[i].id), i);
    function_writer fw(p_);
    for (std::uint32_t k = ln.cond_begin; k < ln.cond_end; ++k) {
      const lane_condition& c = p_.lanes.conditions[k];
      if (c.shared < 0) {
        fw.test(c.atom);
      } else {
        fw.line(fmt::format("r = rt.shared_atom({}u);", k));
      }
      fw.line(fmt::format("if (!lane_runner::condition_done<Outcomes>(r, {}, o)) return r;",
                          c.last ? "true" : "false"));
    }
    if (ln.once) fw.line(fmt::format("if (r = rt.once<Outcomes>({}, o), r != 1) return r;", i));
    const std::string first = fw.program(static_cast<std::uint32_t>(ln.first));
    const std::string second =
        ln.second < 0 ? first : fw.program(static_cast<std::uint32_t>(ln.second));
    fw.line(fmt::format(
        "return lane_runner::paid(v, part, amount_kind::{}, {}, include_drafts, {}, {});",
        amount_kind_name(ln.kind), ln.draft ? "true" : "false", first, second));
    guarded(fw);
  }

  void pass() {
    out_ +=
        "// Every provision (lane_runner::decide_all).\n"
        "template <bool Outcomes>\n"
        "std::size_t pass(lane_runner& rt, [[maybe_unused]] bool include_drafts, "
        "[[maybe_unused]] verdict* verdicts, [[maybe_unused]] outcome* outcomes, "
        "[[maybe_unused]] part_verdict* parts, std::uint32_t* general) {\n"
        "  [[maybe_unused]] const fval* const f = rt.facts();\n"
        "  [[maybe_unused]] const std::uint8_t* const in_lane = rt.in_lane();\n"
        "  const unsigned ex = exclusions<Outcomes>(rt, f);\n"
        "  if (ex == lane_runner::k_given_up) return rt.all_general(general);\n"
        "  std::size_t n_general = 0;\n"
        "  [[maybe_unused]] outcome* o = nullptr;\n"
        "  [[maybe_unused]] unsigned r = 0;\n"
        "  if (ex == 0) {  // an exclusion holds: every lane's provision is ineligible\n";
    provisions(true);
    out_ += "    return n_general;\n  }\n";
    provisions(false);
    out_ += "  return n_general;\n}\n";
  }

  // decide_all's loop over the provisions, `excluded` or not.
  void provisions(bool excluded) {
    const std::string in(excluded ? "    " : "  ");
    for (std::size_t i = 0; i < p_.provisions.size(); ++i) {
      const lane& ln = p_.lanes.provisions[i];
      if (!ln.usable) {
        out_ += fmt::format("{}general[n_general++] = {};\n", in, i);
        continue;
      }
      out_ += fmt::format(
          "{3}if (in_lane[{0}] == 0) {{\n"
          "{3}  general[n_general++] = {0};\n"
          "{3}}} else {{\n"
          "{3}  if constexpr (Outcomes) o = rt.exclusion_outcomes(outcomes + {1});\n"
          "{3}  r = {4};\n"
          "{3}  if (r == lane_runner::k_given_up)\n"
          "{3}    general[n_general++] = {0};\n"
          "{3}  else if (r == 0)\n"
          "{3}    lane_runner::lane_result(verdicts[{0}], parts[{2}], status::ineligible, {{}});\n"
          "{3}}}\n",
          i, ln.outcome_begin, ln.part, in,
          excluded ? std::string("0u")
                   : fmt::format("provision_{0}<Outcomes>(rt, f, include_drafts, verdicts[{0}], "
                                 "parts[{1}], o)",
                                 i, ln.part));
    }
  }

  // plain_total.hpp's plan_shape as constants, and the total over it.
  void shape() {
    out_ += fmt::format(
        "\n// The rule set's shape (plain_total.hpp's plan_shape).\n"
        "struct shape {{\n"
        "  using member = std::pair<std::uint32_t, std::int32_t>;\n"
        "  static constexpr std::size_t provisions() {{ return {}; }}\n"
        "  static constexpr std::size_t combinations() {{ return {}; }}\n"
        "  static constexpr std::size_t exclusions() {{ return {}; }}\n",
        p_.provisions.size(), p_.combinations.size(), p_.exclusions.size());
    std::string members, acts;
    for (std::size_t c = 0; c < p_.combinations.size(); ++c) {
      const pcombination& pc = p_.combinations[c];
      if (pc.members.empty()) continue;
      std::string list;
      for (const auto& [prov, part] : pc.members)
        list += fmt::format("{}{{{}, {}}}", list.empty() ? "" : ", ", prov, part);
      out_ += fmt::format("  static constexpr member members_{}[] = {{{}}};\n", c, list);
      members += fmt::format("      case {0}:\n        return members_{0};\n", c);
      acts += fmt::format("      case {}:\n        return {};\n", c, pc.highest ? 2 : 1);
    }
    out_ += fmt::format(
        "  static constexpr std::span<const member> members([[maybe_unused]] std::size_t c) {{\n"
        "    switch (c) {{\n{}    }}\n"
        "    return {{}};\n"
        "  }}\n"
        "  static constexpr std::size_t acts_from([[maybe_unused]] std::size_t c) {{\n"
        "    switch (c) {{\n{}    }}\n"
        "    return 1;\n"
        "  }}\n"
        "}};\n\n"
        "bool finish(machine& m, scratch& s, const plan& p, detail::decision_state& d) {{\n"
        "  report_exclusions(shape{{}}, p, m, s, d.exclusions.data(), d.excluded, nullptr);\n"
        "  return plain_total(shape{{}}, d);\n"
        "}}\n",
        members, acts);
  }

  const plan& p_;
  std::string out_;
};

}  // namespace

std::string synthesise_lanes(const plan& p) { return pass_writer(p).write(); }

std::string synthesised_file(const std::vector<std::pair<std::string, std::string>>& passes) {
  std::string out =
      "// Synthesised by elig-synth (engine/src/fast/synth.hpp): a rule set's fast lanes as C++.\n"
      "// Do not edit: write it again from the rules.\n"
      "#include \"fast/synth_runtime.hpp\"\n\n"
      "namespace {\n";
  for (const auto& [name, body] : passes)
    out += fmt::format(
        "namespace {0} {{\n"
        "using namespace elig;\n"
        "using namespace elig::fast;\n\n"
        "{1}\n"
        "constexpr char k_source[] = R\"elig_synth({1})elig_synth\";\n"
        "const synthesised_registration k_registration{{{{k_source, &pass<false>, "
        "&pass<true>, &finish}}}};\n"
        "}}  // namespace {0}\n\n",
        name, body);
  out += "}  // namespace\n";
  return out;
}

}  // namespace elig::fast
