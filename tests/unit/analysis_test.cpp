// `elig lint` static analysis: each warning kind from a snippet, and witnesses checked by
// evaluating them.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

constexpr std::string_view k_schema = R"(schema {
  fact year : year required period
  fact revenue : money
  fact rent : money
  fact certified : bool
  fact renting : bool
  fact kind : enum(a, b, c)
  fact note : text
  record loan {
    fact principal : money required
    fact bank : text
  }
  fact loans : list of loan
}
)";

compile_result lint(std::string rules, const char* as_of = "2024-12-31") {
  load_options o;
  o.analyze = true;
  o.as_of = test::day(as_of);
  return compile_sources({{"schema.elig", std::string(k_schema)}, {"r.elig", std::move(rules)}}, o);
}

std::size_t count(const compile_result& r, diag_code c) {
  std::size_t n = 0;
  for (const auto& d : r.diagnostics().items()) n += d.code == c;
  return n;
}

const diagnostic* first(const compile_result& r, diag_code c) {
  for (const auto& d : r.diagnostics().items())
    if (d.code == c) return &d;
  return nullptr;
}

std::string doc(const std::string& provisions, const std::string& extra = "") {
  return "document d {\n  title \"t\" / \"t\"\n" + provisions + "}\n" + extra;
}

// Every fact read, so unused-fact warnings stay out of the other tests.
const std::string k_reads = R"(
  provision reads {
    title "读" / "Reads"
    article "第一条" / "Article 1"
    when certified and renting and kind == "a" and revenue > 0 yuan and rent > 0 yuan
    pays sum of l.principal for each l in loans
  }
)";

TEST(Analysis, CleanRulesHaveNoWarnings) {
  auto r = lint(doc(k_reads));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.diagnostics().empty()) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, ConditionThatCanNeverHold) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when revenue >= 10万 and revenue < 5万
    pays 1万
  }
)"));
  EXPECT_TRUE(r.ok());  // warnings do not fail the load
  ASSERT_EQ(count(r, diag_code::never_true), 1u) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, ProvisionWhoseConditionsContradict) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when kind in ["a", "b"]
    unless kind != "c"
    pays 1万
  }
)"));
  const auto* d = first(r, diag_code::never_true);
  ASSERT_NE(d, nullptr) << render_all(r.diagnostics(), r.sources());
  EXPECT_NE(d->message.find("can never be eligible"), std::string::npos);
  EXPECT_EQ(d->notes.size(), 2u);
}

// The notes point at the two conditions on `revenue`, not at the one on `certified`; and the
// contradiction is reported while an error elsewhere keeps the rules from loading.
TEST(Analysis, ContradictionNotedOnItsConditionsBesideAnError) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when revenue >= 10万
    when certified
    when revenue < 5万
    pays 1万
  }
  provision q {
    title "q" / "q"
    article "第二条" / "Article 2"
    when revenu >= 1万
    pays 1万
  }
)"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(count(r, diag_code::unknown_name), 1u) << render_all(r.diagnostics(), r.sources());
  const auto* d = first(r, diag_code::never_true);
  ASSERT_NE(d, nullptr) << render_all(r.diagnostics(), r.sources());
  ASSERT_EQ(d->notes.size(), 2u);
  for (const auto& [at, text] : d->notes) {
    auto line = r.sources().file(at.file).position(at.begin).line;
    EXPECT_NE(line, 0u);
    std::string_view cond = r.sources().file(at.file).text().substr(at.begin, at.end - at.begin);
    EXPECT_NE(cond.find("revenue"), std::string_view::npos) << cond;
  }
  // What an error could hide is not reported: no fact is called unused.
  EXPECT_EQ(count(r, diag_code::unused_fact), 0u);
}

TEST(Analysis, BooleanContradiction) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when certified
    when not certified
    pays 1万
  }
)"));
  EXPECT_EQ(count(r, diag_code::never_true), 1u) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, AlwaysTrueCondition) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when 100万 > 1万
    pays 1万
  }
)"));
  EXPECT_EQ(count(r, diag_code::always_true), 1u) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, ProvisionsThatCanNeverPay) {
  auto r = lint(doc(k_reads + R"(
  provision zero-cap {
    title "z" / "z"
    article "第一条" / "Article 1"
    pays up to min(30% * revenue, 0 yuan)
  }
  provision bad-range {
    title "r" / "r"
    article "第一条" / "Article 1"
    pays from min(20万, 30万) to 10万
  }
  provision closed {
    title "c" / "c"
    article "第一条" / "Article 1"
    valid from 2020-01-01 until 2021-12-31
    pays 1万
  }
  provision never {
    title "n" / "n"
    article "第一条" / "Article 1"
    valid from 2024-01-01 until 2023-01-01
    pays 1万
  }
)"));
  EXPECT_EQ(count(r, diag_code::never_pays), 4u) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, UnusedFactsParametersAndDefinitions) {
  auto r = lint(
      doc(R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when certified
    pays 1万
  }
)",
          "parameter rate : percent {\n  from 2024-01-01 = 1%\n}\ndefine big = revenue > 1万\n"));
  // revenue, rent, renting, kind, loans and loan.principal; `note` and `bank` are texts.
  EXPECT_EQ(count(r, diag_code::unused_fact), 6u) << render_all(r.diagnostics(), r.sources());
  EXPECT_EQ(count(r, diag_code::unused_parameter), 1u);
  EXPECT_EQ(count(r, diag_code::unused_definition), 1u);
}

TEST(Analysis, ShadowedName) {
  auto r = lint(doc(k_reads + R"(
  provision p {
    title "p" / "p"
    article "第一条" / "Article 1"
    when any rent in loans where rent.principal > 0 yuan
    pays 1万
  }
)"));
  EXPECT_EQ(count(r, diag_code::shadowed_name), 1u) << render_all(r.diagnostics(), r.sources());
}

TEST(Analysis, UncombinedFundsWithAWitnessThatEvaluates) {
  std::string two = k_reads + R"(
  provision rent-a {
    title "A" / "A"
    article "第一条" / "Article 1"
    funds "rent"
    when renting
    pays up to 50% * rent
  }
  provision rent-b {
    title "B" / "B"
    article "第一条" / "Article 1"
    funds "rent"
    when certified and kind == "b"
    pays 10万
  }
)";
  auto r = lint(doc(two));
  const auto* d = first(r, diag_code::uncombined_funds);
  ASSERT_NE(d, nullptr) << render_all(r.diagnostics(), r.sources());
  ASSERT_TRUE(d->witness.has_value());
  // The witness is a profile under which both provisions are eligible.
  auto decided = test::run(*r.rules(), *d->witness);
  EXPECT_EQ(test::find(decided, "d.rent-a").result, status::eligible);
  EXPECT_EQ(test::find(decided, "d.rent-b").result, status::eligible);
  // A take-highest group between them silences the warning.
  auto grouped = lint(doc(two, "take highest g { d.rent-a, d.rent-b }\n"));
  EXPECT_EQ(count(grouped, diag_code::uncombined_funds), 0u);
  // So does a pair that can never both be eligible.
  auto exclusive = lint(doc(k_reads + R"(
  provision rent-a {
    title "A" / "A"
    article "第一条" / "Article 1"
    funds "rent"
    when kind == "a"
    pays 1万
  }
  provision rent-b {
    title "B" / "B"
    article "第一条" / "Article 1"
    funds "rent"
    when kind == "b"
    pays 1万
  }
)"));
  EXPECT_EQ(count(exclusive, diag_code::uncombined_funds), 0u)
      << render_all(exclusive.diagnostics(), exclusive.sources());
}

TEST(Analysis, BundledRules) {
  load_options o;
  o.analyze = true;
  o.as_of = test::day("2024-12-31");
  auto r = compile_paths({ELIG_RULES_DIR}, o);
  ASSERT_TRUE(r.ok());
  // What the analysis finds in the bundled rules is pinned here and explained in docs/analysis.md.
  std::string all = render_all(r.diagnostics(), r.sources());
  // Two findings: Qiantang's talent start-up support and its exceptional projects, and
  // Shangcheng's two growth awards, pay the same type of funds with no rule between them.
  EXPECT_EQ(r.diagnostics().size(), 2u) << all;
  EXPECT_EQ(count(r, diag_code::uncombined_funds), 2u) << all;
}

// An officer may accept a warning, with a reason: it is then a note carrying the reason (listed
// on request, never counted as a warning); an `allow` that accepts nothing is a warning itself,
// and an error, or an unknown code, cannot be allowed.
TEST(Analysis, AcceptedWarningsCarryTheirReason) {
  std::string pair = k_reads + R"(
  provision rent-a {
    title "A" / "A"
    article "第一条" / "Article 1"
    funds "rent"
    when renting
    pays up to 50% * rent
  }
  provision rent-b {
    title "B" / "B"
    article "第二条" / "Article 2"
    funds "rent"
    allow W1008 "两项补贴对象不同。" / "The two subsidies pay for different things."
    when certified and kind == "b"
    pays 10万
  }
)";
  auto r = lint(doc(pair));
  const auto* d = first(r, diag_code::uncombined_funds);
  ASSERT_NE(d, nullptr) << render_all(r.diagnostics(), r.sources());
  EXPECT_EQ(d->sev, severity::note);
  EXPECT_EQ(*d->help, "accepted in the rules: The two subsidies pay for different things.");
  EXPECT_EQ(*d->help_zh, "规则中已接受：两项补贴对象不同。");
  EXPECT_EQ(count(r, diag_code::unused_allow), 0u);
  // Once grouped, the warning is gone and the `allow` is stale.
  auto grouped = lint(doc(pair, "take highest g { d.rent-a, d.rent-b }\n"));
  EXPECT_EQ(count(grouped, diag_code::uncombined_funds), 0u);
  const auto* stale = first(grouped, diag_code::unused_allow);
  ASSERT_NE(stale, nullptr);
  EXPECT_EQ(stale->sev, severity::warning);
  EXPECT_EQ(stale->message, "`allow W1008` accepts no warning of `d.rent-b`");
  for (auto [written, says] : {std::pair{"allow E2001 \"x\"", "`E2001` is not a warning"},
                               std::pair{"allow W10008 \"x\"", "did you mean `W1008`?"},
                               std::pair{"allow W1008 \"\"", "gives no reason"}}) {
    std::string bad = pair;
    bad.replace(bad.find("allow W1008"),
                bad.find('\n', bad.find("allow W1008")) - bad.find("allow W1008"), written);
    auto refused = lint(doc(bad));
    EXPECT_TRUE(refused.diagnostics().has_errors()) << written;
    EXPECT_NE(render_all(refused.diagnostics(), refused.sources()).find(says), std::string::npos)
        << written << "\n"
        << render_all(refused.diagnostics(), refused.sources());
  }
}

}  // namespace
}  // namespace elig
