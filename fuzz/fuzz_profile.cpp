// A profile (TOML, or JSON when built with ELIG_FUZZ_JSON) against the bundled rules: load,
// decide, explain and render every format; the plain decision agrees with the explained one,
// and the canonical JSON of the profile loads back to the same decision.
#include <elig/decision_json.hpp>
#include <elig/profile_json.hpp>
#include <string>

#include "fuzz_support.hpp"
#include "generator/every_mode.hpp"

using namespace elig;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ruleset& rules = fuzz::bundled_rules();
  std::string_view text(reinterpret_cast<const char*>(data), size);
#ifdef ELIG_FUZZ_JSON
  profile_result loaded = rules.load_profile(text, "fuzz.json", profile_format::json);
#else
  profile_result loaded = rules.load_profile(text, "fuzz.toml", profile_format::toml);
#endif
  (void)render_all(loaded.diagnostics(), loaded.sources(), render_style::json);
  if (!loaded) return 0;
  const profile& p = loaded.get();

  explain_options eo;
  eo.as_of = fuzz::as_of;
  report full = rules.explain(p, eo);
  for (const language lang : {language::zh, language::en}) {
    (void)render_text(full, {lang, false, false});
    (void)render_markdown(full, {lang, false, false});
  }
  (void)render_json({full}, rules, fuzz::as_of);

  // The explanation and the decision in every mode agree (lanes on and off, every condition
  // or up to the first that fails, open facts or not).
  for (const decide_options& o : testgen::every_mode(fuzz::as_of)) {
    const auto lines = disagreements(full, rules.decide(p, o), o);
    for (const auto& l : lines) std::fprintf(stderr, "%s\n", l.c_str());
    fuzz::require(lines.empty(), "every mode agrees with the explanation");
  }
  decision d = rules.decide(p, {fuzz::as_of, false});
  std::string line;
  decision_json_writer(rules).append(d, p, "", line);
  std::string canonical = canonical_profile_json(rules, p);
  profile_result back = rules.load_profile(canonical, "canonical.json", profile_format::json);
  fuzz::require(back.ok(), "the canonical profile loads");
  fuzz::require(canonical_profile_json(rules, back.get()) == canonical, "canonical is a fixpoint");
  std::string again;
  decision_json_writer(rules).append(rules.decide(back.get(), {fuzz::as_of, false}), back.get(), "",
                                     again);
  fuzz::require(again == line, "the canonical profile decides the same");
  return 0;
}
