// One meaning: the cases on which the explaining and the deciding paths once disagreed, now
// decided once. test::run compares the report with the decision in every mode; these tests
// pin down what the answer is.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

using test::find;

compile_result compile(const std::string& text) { return compile_sources({{"m.elig", text}}); }

const ruleset& rules_of(const compile_result& c) {
  if (!c) {
    ADD_FAILURE() << render_all(c.diagnostics(), c.sources());
    std::abort();
  }
  return *c.rules();
}

// A condition that cannot be evaluated (no parameter value before 2025-06-01) beside one that
// fails: ineligible, with no error, whichever comes first.
TEST(Meaning, AFailingConditionDecidesWhateverTheOrder) {
  for (const bool error_first : {true, false}) {
    const std::string when_rate = "when rate >= 1% ";
    const std::string when_x = "when x >= 10万 ";
    const auto c = compile(
        "schema { fact claimed_year : year required period\n fact x : money required }\n"
        "parameter rate : percent { from 2025-06-01 = 3% }\n"
        "document d { title \"d\" status in_force valid from 2020-01-01\n"
        "  provision p { title \"p\" article \"1\" " +
        (error_first ? when_rate + when_x : when_x + when_rate) + "pays 1万 } }\n");
    const report p_report = test::run(rules_of(c), "claimed_year = 2024\nx = 0\n");
    const auto& p = find(p_report, "d.p");
    EXPECT_EQ(p.result, status::ineligible) << error_first;
    EXPECT_TRUE(p.issues.items().empty()) << error_first;
    // Either way the decision records both outcomes when asked for every condition.
    auto loaded = rules_of(c).load_profile("claimed_year = 2024\nx = 0\n", "p.toml");
    decide_options o;
    o.as_of = test::day("2024-12-31");
    o.every_condition = true;
    const decision d = rules_of(c).decide(loaded.get(), o);
    const auto outcomes = d.conditions(0);
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(outcomes[error_first ? 0 : 1], outcome::unknown);
    EXPECT_EQ(outcomes[error_first ? 1 : 0], outcome::no);
    EXPECT_FALSE(d.provision(0).error.has_value());
  }
}

// Parts that pay nothing decide too: a per-item benefit with no item, beside an error.
TEST(Meaning, NothingPayableDecidesBesideAnError) {
  const auto c = compile(R"(
schema {
  fact claimed_year : year required period
  record project {
    fact name : text required
    fact cost : money required
  }
  fact projects : list of project
  fact budgets : list of money
}
document d {
  title "d" status in_force valid from 2020-01-01
  provision p {
    title "p" article "1"
    when max of b for each b in budgets > 0 yuan
    pays 10% * p.cost for each p in projects
  }
}
)");
  const report p_report =
      test::run(rules_of(c), "claimed_year = 2024\nbudgets = []\nprojects = []\n");
  const auto& p = find(p_report, "d.p");
  EXPECT_EQ(p.result, status::ineligible);
  EXPECT_TRUE(p.issues.items().empty());
  // With an item to pay, the empty `max of` leaves it undetermined, with its own code.
  const report open_report = test::run(rules_of(c),
                                       "claimed_year = 2024\nbudgets = []\n"
                                       "[[projects]]\nname = \"a\"\ncost = 100\n");
  const auto& open = find(open_report, "d.p");
  EXPECT_EQ(open.result, status::undetermined);
  ASSERT_EQ(open.issues.size(), 1u);
  EXPECT_EQ(open.issues.items()[0].code, diag_code::eval_empty_list);
  EXPECT_NE(open.issues.items()[0].message.find("`max of` an empty list has no value"),
            std::string::npos);
}

// Each evaluation error has its own code and says what happened, in both paths.
TEST(Meaning, EvaluationErrorsSayWhatHappened) {
  const auto c = compile(R"(
schema {
  fact claimed_year : year required period
  fact n : number
  fact big : number
  fact area : decimal
}
brackets tier {
  below 10 => 1 yuan
}
document d {
  title "d" status in_force valid from 2020-01-01
  provision div { title "div" article "1" pays 100 yuan / n }
  provision over { title "over" article "2" pays big * big * 1 yuan }
  provision row { title "row" article "3" pays tier(area) }
}
)");
  const report r =
      test::run(rules_of(c), "claimed_year = 2024\nn = 0\nbig = 100000000000000\narea = 20\n");
  auto code_of = [&](const char* id) {
    const auto& p = find(r, id);
    EXPECT_EQ(p.result, status::undetermined) << id;
    return p.issues.items().empty() ? diag_code::io_error : p.issues.items()[0].code;
  };
  EXPECT_EQ(code_of("d.div"), diag_code::eval_division_by_zero);
  EXPECT_EQ(code_of("d.over"), diag_code::eval_overflow);
  EXPECT_EQ(code_of("d.row"), diag_code::eval_no_bracket);
  EXPECT_NE(find(r, "d.row").issues.items()[0].message.find("no row of `tier` covers"),
            std::string::npos);
}

// Parts that each fit but together overflow: undetermined with E3101, and no part shown as
// decided (the decision does not keep them).
TEST(Meaning, PartsThatOverflowTogetherAreNotShown) {
  const auto c = compile(R"(
schema { fact claimed_year : year required period
         fact big : money }
document d { title "d" status in_force valid from 2020-01-01
  provision p { title "p" article "1"
    part x "x" { pays big * 1000000000000 }
    part y "y" { pays big * 1000000000000 } } }
)");
  const report r = test::run(rules_of(c), "claimed_year = 2024\nbig = \"100000000000000\"\n");
  const auto& p = find(r, "d.p");
  EXPECT_EQ(p.result, status::undetermined);
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues.items()[0].code, diag_code::eval_overflow);
  EXPECT_TRUE(p.parts.empty());
}

// A rate of an amount near the top of the range is exact: the product fits, so no overflow.
TEST(Meaning, ProductsThatFitDoNotOverflow) {
  const auto c = compile(R"(
schema { fact claimed_year : year required period
         fact revenue : money }
document d { title "d" status in_force valid from 2020-01-01
  provision p { title "p" article "1" pays 50% * revenue } }
)");
  const report p_report =
      test::run(rules_of(c), "claimed_year = 2024\nrevenue = 1000000000000000\n");
  const auto& p = find(p_report, "d.p");
  EXPECT_EQ(p.result, status::eligible);
  EXPECT_EQ(p.value.max, test::money("500000000000000"));
}

// An absent field of a list item is asked as that field, by the report and the decision alike.
TEST(Meaning, AnItemsAbsentFieldIsItsOwnOpenFact) {
  const auto c = compile(R"(
schema {
  fact claimed_year : year required period
  record project {
    fact name : text required
    fact approved : bool
  }
  fact projects : list of project
}
document d { title "d" status in_force valid from 2020-01-01
  provision p { title "p" article "1" when any x in projects where x.approved pays 1万 } }
)");
  const std::string toml =
      "claimed_year = 2024\n[[projects]]\nname = \"a\"\n[[projects]]\nname = \"b\"\n"
      "approved = false\n[[projects]]\nname = \"c\"\n";
  const report p_report = test::run(rules_of(c), toml);
  const auto& p = find(p_report, "d.p");
  EXPECT_EQ(p.result, status::undetermined);
  EXPECT_EQ(p.missing, (std::vector<std::string>{"projects[1].approved", "projects[3].approved"}));
  auto loaded = rules_of(c).load_profile(toml, "p.toml");
  const decision d = rules_of(c).decide(loaded.get(), {test::day("2024-12-31"), false});
  std::vector<std::string> names;
  for (auto e : d.missing_facts(0)) names.push_back(d.open_fact_name(e));
  EXPECT_EQ(names, p.missing);
  // A batch line names them the same way.
  std::string line;
  decision_json_writer(rules_of(c)).append(d, loaded.get(), "", line);
  EXPECT_NE(
      line.find(
          R"("undetermined":[{"id":"d.p","missing":["projects[1].approved","projects[3].approved"]}])"),
      std::string::npos)
      << line;
}

// A group that names a provision and one of its own parts is refused, not decided two ways.
TEST(Meaning, AGroupNamingAProvisionAndItsPartIsAnError) {
  const auto c = compile(R"(
schema { fact claimed_year : year required period }
document d { title "d" status in_force valid from 2020-01-01
  provision a { title "a" article "1"
    part x "x" { pays 1万 }
    part y "y" { pays 2万 } }
  provision b { title "b" article "2" pays 3万 } }
take highest g "g" { d.b, d.a.x, d.a }
)");
  ASSERT_FALSE(c.ok());
  const auto& items = c.diagnostics().items();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].code, diag_code::duplicate_member);
  EXPECT_NE(items[0].message.find("both whole and through its part `d.a.x`"), std::string::npos)
      << items[0].message;
}

// A percent with more decimal places than it can hold is refused where it is written, never
// cut in silence; one it holds is kept exactly.
TEST(Meaning, APercentIsKeptExactlyOrRefused) {
  const auto c = compile(R"(
schema { fact claimed_year : year required period
         fact rate : percent }
document d { title "d" status in_force valid from 2020-01-01
  provision p { title "p" article "1" when rate > 3.1234567890% pays 1万 } }
)");
  const ruleset& r = rules_of(c);
  auto bad = r.load_profile(R"({"claimed_year": 2024, "rate": 3.12345678901})", "p.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics().items()[0].message.find("11 decimal places"), std::string::npos)
      << bad.diagnostics().items()[0].message;
  const report p_report = test::run(r, "claimed_year = 2024\nrate = \"3.1234567891%\"\n");
  const auto& p = find(p_report, "d.p");
  EXPECT_EQ(p.result, status::eligible);
}

}  // namespace
}  // namespace elig
