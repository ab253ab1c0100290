// `elig fmt`: idempotent, keeps every comment, never changes meaning.
#include <gtest/gtest.h>

#include <elig/format.hpp>
#include <random>

#include "support/test_rules.hpp"

namespace elig {
namespace {
namespace fs = std::filesystem;

const char* const k_files[] = {"schema.elig", "common.elig", "shangcheng-2023.elig",
                               "xihu-2022.elig", "qiantang-2024.elig"};

std::vector<std::string> comments(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) in_string = !in_string;
      if (line[i] == '#' && !in_string) {
        auto c = line.substr(i);
        while (!c.empty() && c.back() == ' ') c.pop_back();
        out.push_back(c);
        break;
      }
    }
  }
  return out;
}

// Random extra white space wherever there is some (never inside texts or comments), random
// indentation and blank lines.
std::string respace(const std::string& text, std::mt19937& rng) {
  std::string noisy;
  bool in_string = false, in_comment = false;
  char prev = 0;
  for (char c : text) {
    if (c == '"' && !in_comment && prev != '\\') in_string = !in_string;
    if (c == '#' && !in_string) in_comment = true;
    if (c == '\n') in_comment = false;
    noisy += c;
    if (in_string || in_comment) {
      prev = c;
      continue;
    }
    if (c == ' ' && rng() % 3 == 0) noisy += std::string(rng() % 4, rng() % 2 ? ' ' : '\t');
    if (c == '\n' && rng() % 5 == 0) noisy += std::string(rng() % 6, ' ');
    // Blank lines are the author's; only runs of them collapse, so lengthen existing runs.
    if (c == '\n' && prev == '\n' && rng() % 2 == 0) noisy += "\n\n";
    prev = c;
  }
  return noisy;
}

TEST(Format, BundledRulesAreFormattedAndIdempotent) {
  for (const char* f : k_files) {
    std::string text = test::slurp(fs::path(ELIG_RULES_DIR) / f);
    EXPECT_EQ(format_rules(text), text) << f << " is not formatted; run `elig fmt`";
    EXPECT_EQ(format_rules(format_rules(text)), format_rules(text)) << f;
  }
}

TEST(Format, CanonicalLayout) {
  std::string messy =
      "# header\n\n\n"
      "define   big(l:loan)=min( l.principal ,10万)+-1 yuan # trailing\n"
      "document d{\n"
      "title \"t\"/\"t\"\n\n\n"
      "      provision p-1 {\n"
      "\n"
      "  title \"p\" / \"p\"\n"
      "when any x in loans\n"
      "where (x.principal>=1万\n"
      "and x.principal<=2万)\n"
      "pays up to max (1万,2万)\n"
      "  }\n"
      "}\n"
      "take highest g {d.p-1,d.p-2}\n\n\n";
  std::string want =
      "# header\n\n"
      "define big(l : loan) = min(l.principal, 10万) + -1 yuan  # trailing\n"
      "document d {\n"
      "  title \"t\" / \"t\"\n\n"
      "  provision p-1 {\n"
      "    title \"p\" / \"p\"\n"
      "    when any x in loans\n"
      "      where (x.principal >= 1万\n"
      "        and x.principal <= 2万)\n"
      "    pays up to max(1万, 2万)\n"
      "  }\n"
      "}\n"
      "take highest g { d.p-1, d.p-2 }\n";
  EXPECT_EQ(format_rules(messy), want);
  EXPECT_EQ(format_rules(want), want);
  EXPECT_EQ(rule_tokens(messy), rule_tokens(want));
}

TEST(Format, MeaningIsPreservedOnTheBundledRules) {
  std::vector<std::pair<std::string, std::string>> original, formatted;
  for (const char* f : k_files) {
    std::string text = test::slurp(fs::path(ELIG_RULES_DIR) / f);
    // Start from a badly laid-out copy, so the formatter has work to do.
    std::mt19937 rng(3);
    std::string flat = respace(text, rng);
    original.emplace_back(f, text);
    formatted.emplace_back(f, format_rules(flat));
    EXPECT_EQ(comments(text), comments(formatted.back().second)) << f;
    EXPECT_EQ(rule_tokens(text), rule_tokens(formatted.back().second)) << f;
  }
  auto a = compile_sources(original), b = compile_sources(formatted);
  ASSERT_TRUE(a.ok() && b.ok()) << render_all(b.diagnostics(), b.sources());
  for (const auto& e : fs::directory_iterator(ELIG_EXAMPLES_DIR)) {
    if (e.path().extension() != ".toml") continue;
    std::string toml = test::slurp(e.path());
    auto da = test::run(*a.rules(), toml), db = test::run(*b.rules(), toml);
    auto ja = render_json({da}, *a.rules(), test::day("2024-12-31"));
    auto jb = render_json({db}, *b.rules(), test::day("2024-12-31"));
    auto strip_hash = [](std::string s) { return s.erase(s.find("\"hash\""), 27); };
    EXPECT_EQ(strip_hash(ja), strip_hash(jb)) << e.path();
  }
}

// Generated inputs: re-spaced versions of every bundled file format to the same text.
TEST(Format, RespacedInputsFormatTheSame) {
  std::mt19937 rng(11);
  for (const char* f : k_files) {
    std::string text = test::slurp(fs::path(ELIG_RULES_DIR) / f);
    for (int round = 0; round < 20; ++round) {
      std::string noisy = respace(text, rng);
      EXPECT_EQ(format_rules(noisy), format_rules(text)) << f << " round " << round;
      EXPECT_EQ(rule_tokens(noisy), rule_tokens(text));
    }
  }
}

TEST(Format, SyntaxErrorsAreFound) {
  auto r = check_syntax("define x = (1 +\n", "x.elig");
  EXPECT_TRUE(r.diags.has_errors());
  EXPECT_FALSE(
      check_syntax(test::slurp(fs::path(ELIG_RULES_DIR) / "common.elig"), "c").diags.has_errors());
}

}  // namespace
}  // namespace elig
