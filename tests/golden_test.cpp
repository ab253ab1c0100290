// Golden files for everything a person reads: explanations (zh, en, JSON) of every example profile,
// and rendered diagnostics of broken rules and profiles. ELIG_UPDATE_GOLDEN=1 rewrites them;
// review the change with `git diff tests/golden`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_rules.hpp"

namespace elig {
namespace {
namespace fs = std::filesystem;

using test::slurp;

void expect_golden(const fs::path& golden, const std::string& actual) {
  if (std::getenv("ELIG_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with ELIG_UPDATE_GOLDEN=1";
  std::string want = slurp(golden);
  EXPECT_EQ(want, actual) << "golden " << golden << " differs; the actual output is:\n" << actual;
}

std::vector<std::string> files_in(const fs::path& dir, const std::string& ext) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ext) out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(std::string s) {
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

class Explanations : public ::testing::TestWithParam<std::string> {};

TEST_P(Explanations, MatchGolden) {
  const std::string name = GetParam();
  const fs::path dir = fs::path(ELIG_GOLDEN_DIR) / "explain";
  std::string rel = "examples/profiles/" + name + ".toml";
  auto loaded =
      test::bundled().load_profile(slurp(fs::path(ELIG_EXAMPLES_DIR) / (name + ".toml")), rel);
  ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  report d = test::bundled().explain(loaded.get(), o);
  expect_golden(dir / (name + ".zh.txt"), render_text(d, {language::zh, false, false}));
  expect_golden(dir / (name + ".en.txt"), render_text(d, {language::en, false, false}));
  expect_golden(dir / (name + ".json"), render_json({d}, test::bundled(), o.as_of));
  // Same input, same output.
  report again = test::bundled().explain(loaded.get(), o);
  EXPECT_EQ(render_json({d}, test::bundled(), o.as_of),
            render_json({again}, test::bundled(), o.as_of));
}

INSTANTIATE_TEST_SUITE_P(Examples, Explanations,
                         ::testing::ValuesIn(files_in(ELIG_EXAMPLES_DIR, ".toml")),
                         [](const auto& info) { return test_name(info.param); });

// Full traces (`elig explain`) of chosen provisions: every condition with its parts, each step of
// the amount, the interpretations used.
struct trace_case {
  const char* profile;
  const char* provision;
};

const trace_case k_traces[] = {
    {"hangzhou-xr-studio", "shangcheng-2023.loan-interest"},
    {"shangcheng-incomplete", "shangcheng-2023.office"},
    {"shangcheng-ai-startup", "shangcheng-2023.rd"},
    {"qiantang-talent-founder", "qiantang-2024.talent-package"},
    {"qiantang-talent-founder", "qiantang-2024.loan-interest"},
    {"xihu-digital-twin", "xihu-2022.rd-project"},
};

class Traces : public ::testing::TestWithParam<trace_case> {};

TEST_P(Traces, MatchGolden) {
  const auto& c = GetParam();
  const fs::path dir = fs::path(ELIG_GOLDEN_DIR) / "explain" / "trace";
  std::string rel = std::string("examples/profiles/") + c.profile + ".toml";
  auto loaded = test::bundled().load_profile(
      slurp(fs::path(ELIG_EXAMPLES_DIR) / (std::string(c.profile) + ".toml")), rel);
  ASSERT_TRUE(loaded.ok());
  explain_options o;
  o.as_of = test::day("2024-12-31");
  report d = test::bundled().explain(loaded.get(), o);
  const provision_result& r = test::find(d, c.provision);
  std::string stem = std::string(c.profile) + "." + c.provision;
  expect_golden(dir / (stem + ".zh.txt"), render_provision_text(r, {language::zh, false, true}));
  expect_golden(dir / (stem + ".en.txt"), render_provision_text(r, {language::en, false, true}));
}

INSTANTIATE_TEST_SUITE_P(Provisions, Traces, ::testing::ValuesIn(k_traces), [](const auto& info) {
  return test_name(std::string(info.param.profile) + "_" + info.param.provision);
});

class RuleDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleDiagnostics, MatchGolden) {
  const fs::path dir = fs::path(ELIG_GOLDEN_DIR) / "diag";
  std::string name = GetParam();
  // Cases named no-schema-* or own-* are compiled alone; the others with the bundled schema.
  // The static analysis runs too (as `elig lint --as-of 2024-12-31`).
  std::vector<std::pair<std::string, std::string>> files;
  if (!name.starts_with("no-schema") && !name.starts_with("own-"))
    files.emplace_back("rules/schema.elig", slurp(fs::path(ELIG_RULES_DIR) / "schema.elig"));
  files.emplace_back("diag/" + name + ".elig", slurp(dir / (name + ".elig")));
  load_options lo;
  lo.analyze = true;
  lo.as_of = test::day("2024-12-31");
  auto result = compile_sources(files, lo);
  EXPECT_FALSE(result.diagnostics().empty());
  expect_golden(dir / (name + ".diag"), render_all(result.diagnostics(), result.sources()));
  // The same under `--lang zh`: each message from the catalogue (support/diagnostic_zh.cpp).
  expect_golden(dir / (name + ".zh.diag"), render_all(result.diagnostics(), result.sources(),
                                                      render_style::human, language::zh));
  for (const auto& d : result.diagnostics().items()) {
    std::string en = render(d, result.sources());
    std::string zh = render(d, result.sources(), render_style::human, language::zh);
    EXPECT_NE(en.substr(0, en.find('\n')), zh.substr(0, zh.find('\n')))
        << "no Chinese for: " << d.message;
    EXPECT_EQ(zh.find("help:"), std::string::npos) << "no Chinese for: " << d.help.value_or("");
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleDiagnostics,
                         ::testing::ValuesIn(files_in(fs::path(ELIG_GOLDEN_DIR) / "diag", ".elig")),
                         [](const auto& info) { return test_name(info.param); });

class ProfileDiagnostics : public ::testing::TestWithParam<std::string> {};

TEST_P(ProfileDiagnostics, MatchGolden) {
  const fs::path dir = fs::path(ELIG_GOLDEN_DIR) / "profile-diag";
  std::string name = GetParam();
  bool json = fs::exists(dir / (name + ".json"));
  std::string file = name + (json ? ".json" : ".toml");
  auto r = test::bundled().load_profile(slurp(dir / file), "profile-diag/" + file,
                                        json ? profile_format::json : profile_format::toml);
  EXPECT_FALSE(r.ok());
  expect_golden(dir / (name + ".diag"), render_all(r.diagnostics(), r.sources()));
}

// TOML and JSON profiles alike (a JSON case's name says so: json-*.json).
std::vector<std::string> profile_cases() {
  auto out = files_in(fs::path(ELIG_GOLDEN_DIR) / "profile-diag", ".toml");
  auto json = files_in(fs::path(ELIG_GOLDEN_DIR) / "profile-diag", ".json");
  out.insert(out.end(), json.begin(), json.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, ProfileDiagnostics, ::testing::ValuesIn(profile_cases()),
                         [](const auto& info) { return test_name(info.param); });

// Every diagnostic code a rule file or profile can produce has a golden case that shows it.
TEST(GoldenCoverage, EveryInputErrorCodeHasACase) {
  std::string all;
  for (const char* sub : {"diag", "profile-diag"})
    for (const auto& e : fs::directory_iterator(fs::path(ELIG_GOLDEN_DIR) / sub))
      if (e.path().extension() == ".diag") all += slurp(e.path());
  for (auto c : all_diag_codes()) {
    std::string id(diag_id(c));
    if (id.starts_with("E31") || id == "E4001" || id == "E1006" || id == "E1007")
      continue;  // runtime / I/O: unit-tested
    EXPECT_NE(all.find("[" + id + "]"), std::string::npos) << id << " has no golden case";
  }
}

}  // namespace
}  // namespace elig
