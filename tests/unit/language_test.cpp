// The language features the reference policy set needs: rounding modes, `given` and `otherwise`,
// the as-of date with `date - duration`, enum members that are not identifiers, global
// exclusions, and take-highest's superseded member as data.
#include <gtest/gtest.h>

#include "support/test_rules.hpp"

namespace elig {
namespace {

using test::find;
using test::money;

constexpr std::string_view k_rules = R"(
schema {
  fact amount : money
  fact registered : date
  fact moved : date
  fact area : decimal
  fact rate : money
  fact district : enum("余杭区", "滨江区", other)
  fact tags : list of enum(xr, "digital-twin", "pre-A")
  fact bad : bool
  fact rating : enum(A, B, D)
}
exclusion bad-standing {
  title "信用不良" / "Bad standing"
  article "第X条" / "Art. X"
  when bad or rating == "D"
}
define settled = moved otherwise registered
document d {
  title "测试" / "Test"
  status in_force
  provision floor-pays {
    title "向下取整" / "Floor"
    article "第一条" / "Article 1"
    pays floor(area * rate * 365)
  }
  provision ceil-pays {
    title "向上取整" / "Ceiling"
    article "第一条" / "Article 1"
    pays ceil(amount / 3, 2)
  }
  provision trunc-pays {
    title "截断" / "Truncate"
    article "第一条" / "Article 1"
    pays truncate(amount / 3)
  }
  provision even-pays {
    title "银行家舍入" / "Half even"
    article "第一条" / "Article 1"
    pays round_half_even(amount, 0)
  }
  provision recent {
    title "近期落户" / "Recently settled"
    article "第一条" / "Article 1"
    when settled >= today - 24 months and settled <= today
    pays 1万
  }
  provision moved-known {
    title "已说明迁址" / "States a move"
    article "第一条" / "Article 1"
    when given(moved)
    pays 1万
  }
  provision yuhang {
    title "余杭" / "Yuhang"
    article "第一条" / "Article 1"
    when district == "余杭区"
    when any t in tags where t in ["digital-twin", "pre-A"]
    pays 2万
  }
  provision small {
    title "小额" / "Small"
    article "第一条" / "Article 1"
    pays 3万
  }
  provision large {
    title "大额" / "Large"
    article "第一条" / "Article 1"
    pays 3万
  }
}
take highest one_of "择一" / "One of" { d.small, d.large }
)";

const ruleset& rules() {
  static const compile_result r = compile_sources({{"lang.elig", std::string(k_rules)}});
  if (!r) {
    ADD_FAILURE() << render_all(r.diagnostics(), r.sources());
    std::abort();
  }
  return *r.rules();
}

// In good standing unless the body says otherwise, so the exclusion decides nothing.
report run(const std::string& body, const char* as_of = "2025-06-30") {
  bool states_standing = body.find("bad =") != std::string::npos ||
                         body.find("rating =") != std::string::npos || body.empty();
  return test::run(rules(), states_standing ? body : "bad = false\nrating = \"A\"\n" + body, as_of);
}

TEST(Language, RoundingModesAreExact) {
  // 100 × 2.3 × 365 = 83,950 exactly; binary floating point would floor it to 83,949.
  auto d = run("area = 100\nrate = 2.3\namount = 10\n");
  EXPECT_EQ(find(d, "d.floor-pays").value.max, money("83950"));
  EXPECT_EQ(find(d, "d.ceil-pays").value.max, money("3.34"));
  EXPECT_EQ(find(d, "d.trunc-pays").value.max, money("3"));
  EXPECT_EQ(find(run("amount = \"2.5\"\n"), "d.even-pays").value.max, money("2"));
  EXPECT_EQ(find(run("amount = \"3.5\"\n"), "d.even-pays").value.max, money("4"));
  // 123.5 × 3.25 × 365 = 146,501.875 → 146,501.
  EXPECT_EQ(find(run("area = 123.5\nrate = 3.25\n"), "d.floor-pays").value.max, money("146501"));
}

TEST(Language, TomlFloatsAreReadFromTheirText) {
  auto d = run("area = 0.1\nrate = 0.2\n");
  // 0.1 × 0.2 × 365 = 7.3: floor 7 (binary floating point would also say 7, but via 7.300000…).
  EXPECT_EQ(find(d, "d.floor-pays").value.max, money("7"));
  auto bad = rules().load_profile("area = 1e3\n", "x.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics().items().front().code, diag_code::profile_type);
}

TEST(Language, OtherwiseFallsBackWhenNotGiven) {
  // Registered long ago, moved within 24 months: the move decides.
  EXPECT_EQ(find(run("registered = 2010-01-01\nmoved = 2024-01-01\n"), "d.recent").result,
            status::eligible);
  EXPECT_EQ(find(run("registered = 2010-01-01\n"), "d.recent").result, status::ineligible);
  EXPECT_EQ(find(run("registered = 2024-01-01\n"), "d.recent").result, status::eligible);
  // Neither given: undetermined, and both facts would decide it.
  auto none = run("bad = false\nrating = \"B\"\n");
  const auto& open = find(none, "d.recent");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"registered", "moved"}));  // schema order
}

TEST(Language, AsOfDateMinusMonthsIsInclusiveAndClampsTheDay) {
  // 2025-06-30 − 24 months = 2023-06-30, inclusive.
  EXPECT_EQ(find(run("registered = 2023-06-30\n"), "d.recent").result, status::eligible);
  EXPECT_EQ(find(run("registered = 2023-06-29\n"), "d.recent").result, status::ineligible);
  // After the as-of date: not yet settled.
  EXPECT_EQ(find(run("registered = 2025-07-01\n"), "d.recent").result, status::ineligible);
  // 2024-02-29 − 24 months = 2022-02-28 (the month's last day).
  EXPECT_EQ(find(run("registered = 2022-02-28\n", "2024-02-29"), "d.recent").result,
            status::eligible);
  EXPECT_EQ(find(run("registered = 2022-02-27\n", "2024-02-29"), "d.recent").result,
            status::ineligible);
}

// `not in` is membership negated, for a constant set of members and for texts alike (it was
// once read as `or`: the parser kept the blank between its words).
TEST(Language, NotInIsMembershipNegated) {
  auto compiled = compile_sources({{"not-in.elig", R"(
schema {
  fact district : enum("余杭区", "滨江区", other)
  fact name : text
}
document d {
  title "测试" / "Test"
  status in_force
  provision outside { title "区外" / "Outside" article "第一条" / "Article 1" when district not in ["余杭区", "滨江区"] pays 1万 }
  provision unnamed { title "未列名" / "Unlisted" article "第一条" / "Article 1" when name not   in ["甲", "乙"] pays 2万 }
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const ruleset& r = *compiled.rules();
  for (bool explain : {true, false}) {
    auto in = test::run(r, "district = \"滨江区\"\nname = \"乙\"\n", "2024-12-31", explain);
    EXPECT_EQ(find(in, "d.outside").result, status::ineligible);
    EXPECT_EQ(find(in, "d.unnamed").result, status::ineligible);
    auto out = test::run(r, "district = \"other\"\nname = \"丙\"\n", "2024-12-31", explain);
    EXPECT_EQ(find(out, "d.outside").result, status::eligible);
    EXPECT_EQ(find(out, "d.unnamed").result, status::eligible);
    auto open = test::run(r, "", "2024-12-31", explain);
    EXPECT_EQ(find(open, "d.outside").result, status::undetermined);
    EXPECT_EQ(find(open, "d.unnamed").result, status::undetermined);
  }
}

TEST(Language, GivenIsAlwaysKnown) {
  EXPECT_EQ(find(run("bad = false\nrating = \"B\"\n"), "d.moved-known").result, status::ineligible);
  EXPECT_EQ(find(run("moved = 2020-01-01\n"), "d.moved-known").result, status::eligible);
}

TEST(Language, EnumMembersNeedNotBeIdentifiers) {
  auto d = run("district = \"余杭区\"\ntags = [\"pre-A\"]\n");
  EXPECT_EQ(find(d, "d.yuhang").result, status::eligible);
  auto typo = rules().load_profile("district = \"余杭\"\n", "x.toml");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.diagnostics().items().front().code, diag_code::profile_enum);
}

TEST(Language, ExclusionIsReportedAsDataAndStopsEveryProvision) {
  auto d = run("bad = true\ndistrict = \"余杭区\"\ntags = [\"xr\", \"pre-A\"]\n");
  EXPECT_TRUE(d.excluded);
  ASSERT_EQ(d.exclusions.size(), 1u);
  EXPECT_EQ(d.exclusions[0].id, "bad-standing");
  EXPECT_EQ(d.exclusions[0].holds, outcome::yes);
  for (const auto& p : d.provisions) EXPECT_EQ(p.result, status::ineligible) << p.id;
  EXPECT_EQ(d.total.max, decimal{});

  auto clean = run("bad = false\nrating = \"A\"\n");
  EXPECT_FALSE(clean.excluded);
  EXPECT_EQ(clean.exclusions[0].holds, outcome::no);
  EXPECT_EQ(find(clean, "d.small").result, status::eligible);

  // Unknown standing: what would otherwise pay is undetermined, naming the facts.
  auto open = run("");
  EXPECT_FALSE(open.excluded);
  EXPECT_EQ(open.exclusions[0].holds, outcome::unknown);
  EXPECT_EQ(open.exclusions[0].missing, (std::vector<std::string>{"bad", "rating"}));
  EXPECT_EQ(find(open, "d.small").result, status::undetermined);
  // A rating of D alone decides it, whatever `bad` is.
  EXPECT_TRUE(run("rating = \"D\"\n").excluded);
}

TEST(Language, SupersededMemberIsDataAndNotCounted) {
  auto d = run("bad = false\nrating = \"A\"\n");
  const auto& small = find(d, "d.small");
  const auto& large = find(d, "d.large");
  // A tie goes to the member listed first.
  EXPECT_TRUE(small.superseded_by.empty());
  EXPECT_TRUE(small.counted_in_total);
  EXPECT_EQ(large.superseded_by, "d.small");
  EXPECT_FALSE(large.counted_in_total);
  EXPECT_EQ(large.result, status::eligible);
  EXPECT_EQ(large.value.max, money("30000"));
}

// While a provision's own conditions are open, none of its parts is eligible: each says what it
// would pay, as an open answer.
TEST(Language, PartsOfAnOpenProvisionAreOpenWithTheirAmounts) {
  auto compiled = compile_sources({{"p.elig", R"(
schema { fact ok : bool }
document d {
  title "t"
  provision p {
    title "p"
    article "第一条" / "Article 1"
    when ok
    part a "a" / "a" { pays 1万 }
  }
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  auto r = test::run(*compiled.rules(), "", "2024-12-31");
  const auto& p = find(r, "d.p");
  EXPECT_EQ(p.result, status::undetermined);
  ASSERT_EQ(p.parts.size(), 1u);
  EXPECT_EQ(p.parts[0].result, status::undetermined);
  EXPECT_EQ(p.parts[0].value.max, money("10000"));
  auto loaded = compiled.rules()->load_profile("", "p.toml");
  auto d = compiled.rules()->decide(loaded.get(), {test::day("2024-12-31"), false});
  EXPECT_EQ(d.parts(0)[0].result, status::undetermined);
}

TEST(Language, CheckerRejectsMisuse) {
  auto bad = compile_sources({{"x.elig", R"(
schema { fact a : date
  fact n : money }
document d {
  title "t"
  provision p {
    title "p"
    article "第一条" / "Article 1"
    when (a otherwise n) > 0
    pays floor(n, 20)
  }
}
exclusion e { title "e" pays 1万 }
)"}});
  ASSERT_FALSE(bad.ok());
  std::string all = render_all(bad.diagnostics(), bad.sources());
  EXPECT_NE(all.find("`otherwise` needs a fall-back of the same kind"), std::string::npos) << all;
  EXPECT_NE(all.find("the places of `floor` must be a whole number"), std::string::npos) << all;
  EXPECT_NE(all.find("an exclusion takes `title`"), std::string::npos) << all;
}

}  // namespace
}  // namespace elig
