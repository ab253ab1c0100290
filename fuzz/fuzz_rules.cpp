// Rule text: parse, check and analyse (every diagnostic rendered both ways); and the formatter's
// promises on text that parses: the same tokens, idempotent, and the same decisions.
#include <elig/format.hpp>
#include <string>

#include "fuzz_support.hpp"

using namespace elig;

namespace {

// The statuses of every provision for a profile of the rules' own schema, when one loads.
std::string verdicts(const ruleset& rules) {
  auto p = rules.load_profile("", "empty.toml", profile_format::toml);
  if (!p) return "no profile";
  std::string out;
  decision d = rules.decide(p.get(), {fuzz::as_of, false});
  for (const auto& v : d.provisions()) out += std::string(status_name(v.result)) + ",";
  return out + d.total().max.to_string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  load_options lo;
  lo.analyze = true;
  lo.as_of = fuzz::as_of;
  compile_result compiled = compile_sources({{"fuzz.elig", text}}, lo);
  (void)render_all(compiled.diagnostics(), compiled.sources(), render_style::human);
  (void)render_all(compiled.diagnostics(), compiled.sources(), render_style::json);
  if (compiled) {
    (void)render_list_json(*compiled.rules());
    (void)render_template(*compiled.rules(), language::en);
  }

  auto parsed = check_syntax(text, "fuzz.elig");
  if (parsed.diags.has_errors()) return 0;
  std::string formatted = format_rules(text);
  fuzz::require(rule_tokens(formatted) == rule_tokens(text), "fmt keeps the tokens");
  fuzz::require(format_rules(formatted) == formatted, "fmt is idempotent");
  compile_result again = compile_sources({{"fuzz.elig", formatted}}, {});
  compile_result plain = compile_sources({{"fuzz.elig", text}}, {});
  fuzz::require(again.ok() == plain.ok(), "fmt keeps whether the rules compile");
  if (plain)
    fuzz::require(verdicts(*plain.rules()) == verdicts(*again.rules()), "fmt keeps decisions");
  return 0;
}
