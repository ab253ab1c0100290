// An officers' test file (TOML cases with expectations) run against the bundled rules, and
// its report rendered as text, coverage and JSON.
#include <elig/testing.hpp>
#include <string>

#include "fuzz_support.hpp"

using namespace elig;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const compile_result& compiled = fuzz::bundled();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  test_report r = run_test_text(*compiled.rules(), text, "fuzz.toml", ELIG_FUZZ_RULES_DIR "/tests");
  (void)render_all(r.diags, *r.sources, render_style::json);
  (void)render_test_text(r, {language::en, false, true});
  (void)render_coverage_text(r, compiled.sources(), language::zh);
  (void)render_test_json(r, compiled.sources(), true);
  return 0;
}
