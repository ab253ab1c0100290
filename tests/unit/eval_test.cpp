// Evaluation semantics on a small rule set: three-valued logic, benefits, combination, time.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

using test::find;
using test::money;

constexpr std::string_view k_rules = R"(
schema {
  fact year : year required period
  fact revenue : money
  fact staff : integer
  fact certified : bool
  fact banned : bool
  fact started : year
  fact when_drawn : date
  record project {
    fact cost : money required
    fact kind : enum(core, other) required
  }
  fact projects : list of project
  history awards
}
parameter rate : percent {
  from 2024-01-01 = 4%
  from 2024-07-01 = 3%
}
brackets tier {
  below 100万 => 10%
  from 100万 below 500万 => 20%
  from 500万 => 30%
}
ladder steps {
  1亿 => 10万
  3亿 => 30万
}
define big "大企业" / "Large company" = revenue >= 1000万
document doc {
  title "测试" / "Test"
  status in_force
  valid from 2024-01-01 until 2026-12-31
  provision threshold {
    title "门槛" / "Threshold"
    article "第一条" / "Article 1"
    when big
    unless banned
    pays up to min(30% * revenue, 300万)
  }
  provision either {
    title "或" / "Or"
    article "第一条" / "Article 1"
    when certified or staff >= 10
    pays 5万
  }
  provision one-time {
    title "一次" / "Once"
    article "第一条" / "Article 1"
    when certified
    pays once from 10万 to 20万
  }
  provision per-project {
    title "项目" / "Per project"
    article "第一条" / "Article 1"
    pays up to min(30% * p.cost, 10万) for each p in projects where p.kind == "core"
  }
  provision years {
    title "年限" / "Years"
    article "第一条" / "Article 1"
    for at most 3 years from started
    pays 1万
  }
  provision tiered {
    title "分档" / "Tiered"
    article "第一条" / "Article 1"
    pays revenue * tier(revenue)
  }
  provision milestones {
    title "里程碑" / "Milestones"
    article "第一条" / "Article 1"
    pays m.award for each m in steps where revenue >= m.threshold
  }
  provision dated {
    title "利率" / "Rate"
    article "第一条" / "Article 1"
    pays round(rate at when_drawn * 100万, 2)
  }
  provision later {
    title "未来" / "Later"
    article "第一条" / "Article 1"
    valid from 2030-01-01
    pays 1万
  }
  provision overflowing {
    title "溢出" / "Overflow"
    article "第一条" / "Article 1"
    pays revenue * 100000000 * 100000000 * 100000000
  }
  provision maxed {
    title "最大" / "Max"
    article "第一条" / "Article 1"
    pays max(100, 200) * 1 yuan
  }
}
document draft-doc {
  title "草案" / "Draft"
  status draft
  provision d {
    title "草案条款" / "Draft provision"
    article "第一条" / "Article 1"
    pays 7万
  }
}
take highest best "择高" / "Highest" { doc.either, doc.one-time }
cap total "封顶" / "Cap" at most 100万 { doc.threshold, doc.tiered }
)";

const ruleset& rules() {
  static const compile_result r = compile_sources({{"t.elig", std::string(k_rules)}});
  if (!r) {
    ADD_FAILURE() << render_all(r.diagnostics(), r.sources());
    std::abort();
  }
  return *r.rules();
}

report run(std::string body, const char* as_of = "2024-12-31") {
  return test::run(rules(), "year = 2024\n" + body, as_of);
}

TEST(Eval, MissingFactIsUnknownAndListed) {
  auto d = run("");
  const auto& t = find(d, "doc.threshold");
  EXPECT_EQ(t.result, status::undetermined);
  EXPECT_EQ(t.missing, (std::vector<std::string>{"revenue", "banned"}));  // the schema's order
}

TEST(Eval, FalseConditionDecidesDespiteUnknowns) {
  auto d = run("revenue = 50000\n");
  EXPECT_EQ(find(d, "doc.threshold").result, status::ineligible);
  EXPECT_TRUE(find(d, "doc.threshold").missing.empty());
}

TEST(Eval, ThresholdIsInclusiveAtTheBoundary) {
  auto at = run("revenue = 10000000\nbanned = false\n");
  EXPECT_EQ(find(at, "doc.threshold").result, status::eligible);
  EXPECT_EQ(find(at, "doc.threshold").value.max, money("3000000"));
  EXPECT_EQ(find(at, "doc.threshold").value.kind, amount_kind::up_to);
  auto below = run("revenue = \"9999999.99\"\nbanned = false\n");
  EXPECT_EQ(find(below, "doc.threshold").result, status::ineligible);
  const auto& c = find(below, "doc.threshold").conditions.front();
  EXPECT_EQ(c.label.zh, "大企业 否");
  ASSERT_EQ(c.details.size(), 1u);
  EXPECT_NE(c.details[0].label.zh.find("9,999,999.99 < 10,000,000.00（差 0.01）"),
            std::string::npos)
      << c.details[0].label.zh;
}

TEST(Eval, UnlessExcludes) {
  auto d = run("revenue = 20000000\nbanned = true\n");
  EXPECT_EQ(find(d, "doc.threshold").result, status::ineligible);
}

TEST(Eval, OrIsKleene) {
  EXPECT_EQ(find(run("certified = true\n"), "doc.either").result, status::eligible);
  EXPECT_EQ(find(run("staff = 12\n"), "doc.either").result, status::eligible);
  auto d = run("staff = 3\n");
  EXPECT_EQ(find(d, "doc.either").result, status::undetermined);
  EXPECT_EQ(find(d, "doc.either").missing, (std::vector<std::string>{"certified"}));
}

TEST(Eval, OnceUsesHistory) {
  EXPECT_EQ(find(run("certified = true\n"), "doc.one-time").missing,
            (std::vector<std::string>{"awards"}));
  auto fresh = run("certified = true\nawards = []\n");
  EXPECT_EQ(find(fresh, "doc.one-time").result, status::eligible);
  EXPECT_EQ(find(fresh, "doc.one-time").value.min, money("100000"));
  EXPECT_EQ(find(fresh, "doc.one-time").value.max, money("200000"));
  auto paid = run("certified = true\nawards = [{ provision = \"doc.one-time\", year = 2023 }]\n");
  EXPECT_EQ(find(paid, "doc.one-time").result, status::ineligible);
}

TEST(Eval, PerItemEachCappedOnItsOwn) {
  auto d = run(R"(
[[projects]]
cost = 1000000
kind = "core"
[[projects]]
cost = 100000
kind = "core"
[[projects]]
cost = 900000
kind = "other"
)");
  const auto& p = find(d, "doc.per-project");
  EXPECT_EQ(p.result, status::eligible);
  EXPECT_EQ(p.value.max, money("130000"));  // 100,000 (capped) + 30,000
  EXPECT_EQ(p.parts[0].steps.size(), 2u);
  auto none = run("projects = []\n");
  EXPECT_EQ(find(none, "doc.per-project").result, status::ineligible);
}

TEST(Eval, YearLimitCountsFromStart) {
  EXPECT_EQ(find(run("started = 2022\n"), "doc.years").result, status::eligible);    // 2024 < 2025
  EXPECT_EQ(find(run("started = 2021\n"), "doc.years").result, status::ineligible);  // 2024 = 2024
}

TEST(Eval, BracketsAndLadders) {
  EXPECT_EQ(find(run("revenue = 2000000\n"), "doc.tiered").value.max, money("400000"));
  EXPECT_EQ(find(run("revenue = 5000000\n"), "doc.tiered").value.max, money("1500000"));
  EXPECT_EQ(find(run("revenue = 350000000\n"), "doc.milestones").value.max, money("400000"));
}

TEST(Eval, DatedParameterTakesTheValueInForce) {
  EXPECT_EQ(find(run("when_drawn = 2024-06-30\n"), "doc.dated").value.max, money("40000"));
  EXPECT_EQ(find(run("when_drawn = 2024-07-01\n"), "doc.dated").value.max, money("30000"));
  auto early = run("when_drawn = 2023-12-31\n");
  const auto& r = find(early, "doc.dated");
  EXPECT_EQ(r.result, status::undetermined);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues.items()[0].code, diag_code::eval_no_parameter_value);
}

TEST(Eval, ValidityWindows) {
  EXPECT_EQ(find(run(""), "doc.later").result, status::not_in_force);
  EXPECT_EQ(find(run("", "2023-12-31"), "doc.either").result, status::not_in_force);
  EXPECT_EQ(find(run("", "2027-01-01"), "doc.either").result, status::not_in_force);
}

TEST(Eval, OverflowIsAnErrorForThatProvisionOnly) {
  auto d = run("revenue = 100000000\n");
  const auto& r = find(d, "doc.overflowing");
  EXPECT_EQ(r.result, status::undetermined);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues.items()[0].code, diag_code::eval_overflow);
  EXPECT_EQ(find(d, "doc.tiered").result, status::eligible);
}

// `date(y, m, d)` of numbers past a 32-bit integer is not a date: -4294965272 is not 2024
// (their low 32 bits), in either evaluator.
TEST(Eval, DateOfNumbersPastAnIntegerIsNotARealDate) {
  auto compiled = compile_sources({{"d.elig", R"(
schema {
  fact y : integer
  fact m : integer
}
document d {
  title "t"
  status in_force
  provision p { title "p" article "第一条" / "Article 1" when date(y, m, 1) >= 2000-01-01 pays 1 yuan }
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const ruleset& r = *compiled.rules();
  auto status_of = [&](const std::string& toml, bool fast) {
    auto loaded = r.load_profile(toml, "p.toml");
    EXPECT_TRUE(loaded.ok()) << toml;
    if (fast) return r.decide(loaded.get(), {test::day("2024-12-31"), false}).provision(0).result;
    return test::find(test::run(r, toml), "d.p").result;
  };
  for (bool fast : {false, true}) {
    EXPECT_EQ(status_of("y = 2024\nm = 1\n", fast), status::eligible);
    EXPECT_EQ(status_of("y = -4294965272\nm = 1\n", fast), status::undetermined);
    EXPECT_EQ(status_of("y = 2024\nm = -4294967295\n", fast), status::undetermined);
  }
  const report rep = test::run(r, "y = -4294965272\nm = 1\n");
  const auto& p = test::find(rep, "d.p");
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues.items()[0].code, diag_code::eval_not_a_date);
  EXPECT_NE(p.issues.items()[0].message.find("date(-4294965272, 1, 1) is not a real date"),
            std::string::npos)
      << p.issues.items()[0].message;
}

TEST(Eval, ArgumentsAreNotMergedByCommas) {
  EXPECT_EQ(find(run(""), "doc.maxed").value.max, money("200"));
}

TEST(Eval, TakeHighestCountsOnlyTheBest) {
  auto d = run("certified = true\nawards = []\n");
  EXPECT_FALSE(find(d, "doc.either").notes.empty());
  // either (50,000) loses to one-time (100,000..200,000); maxed pays 200; draft not counted.
  EXPECT_EQ(d.total.min, money("100200"));
  EXPECT_EQ(d.total.max, money("200200"));
}

TEST(Eval, DraftsStayOutOfTheTotalUnlessAsked) {
  auto d = run("");
  EXPECT_TRUE(find(d, "draft-doc.d").draft);
  EXPECT_EQ(find(d, "draft-doc.d").result, status::eligible);
  EXPECT_FALSE(find(d, "draft-doc.d").counted_in_total);
  auto loaded = rules().load_profile("year = 2024\n", "x.toml");
  explain_options o;
  o.as_of = test::day("2024-12-31");
  o.include_drafts_in_total = true;
  auto with = rules().explain(loaded.get(), o);
  EXPECT_EQ(with.total.max, d.total.max + money("70000"));
}

TEST(Eval, CapLimitsTheMembersTotal) {
  auto d = run("revenue = 10000000\nbanned = false\n");
  // threshold 3,000,000 + tiered 3,000,000 capped at 1,000,000; maxed 200 and milestones 0.
  EXPECT_EQ(d.total.max, money("1000200"));
  EXPECT_FALSE(d.total_notes.empty());
}

TEST(Eval, WithoutExplanationSameVerdicts) {
  auto loaded = rules().load_profile("year = 2024\nrevenue = 20000000\nbanned = false\n", "x.toml");
  explain_options o;
  o.as_of = test::day("2024-12-31");
  auto a = rules().explain(loaded.get(), o);
  o.explain = false;
  auto b = rules().explain(loaded.get(), o);
  ASSERT_EQ(a.provisions.size(), b.provisions.size());
  for (std::size_t i = 0; i < a.provisions.size(); ++i) {
    EXPECT_EQ(a.provisions[i].result, b.provisions[i].result);
    EXPECT_EQ(a.provisions[i].value.max, b.provisions[i].value.max);
    EXPECT_TRUE(b.provisions[i].conditions.empty());
  }
  EXPECT_EQ(a.total.max, b.total.max);
}

}  // namespace
}  // namespace elig

namespace elig {
namespace {

TEST(Eval, PercentFactsAreWrittenInPercent) {
  auto r = compile_sources(
      {{"p.elig",
        "schema {\n  fact year : year required period\n"
        "  fact rate : percent\n  fact base : money\n}\n"
        "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n"
        "    title \"t\"\n    pays rate * base\n  }\n}\n"}});
  ASSERT_TRUE(r.ok()) << render_all(r.diagnostics(), r.sources());
  for (const char* rate : {"\"3.45%\"", "\"3.45\"", "3"}) {
    auto d =
        test::run(*r.rules(), std::string("year = 2024\nbase = 1000000\nrate = ") + rate + "\n");
    EXPECT_EQ(test::find(d, "d.p").value.max,
              std::string_view(rate) == "3" ? test::money("30000") : test::money("34500"))
        << rate;
  }
}

}  // namespace
}  // namespace elig
