// `elig paths`: every proposed path, applied to the profile, makes the provision eligible with
// the amount stated; moving any numeric change one unit back towards today's value does not
// (each path is minimal); facts marked `fixed` are never changed. With the fast lanes on and off.
#include <fmt/format.h>

#include <elig/paths.hpp>
#include <elig/profile_json.hpp>

#include "support/test_rules.hpp"

namespace elig {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> example_profiles() {
  std::vector<fs::path> out;
  for (const auto* dir : {ELIG_EXAMPLES_DIR, ELIG_RULES_DIR "/tests/profiles"})
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

decision decide_with(const ruleset& rules, const profile& p,
                     const std::vector<std::pair<std::uint32_t, std::string>>& changes,
                     date as_of) {
  auto loaded = profile_with(rules, p, changes);
  EXPECT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
  decide_options o;
  o.as_of = as_of;
  return rules.decide(loaded.get(), o);
}

// One unit back from `to` towards `from`, written as `to` is; none when not a number or date.
std::optional<std::string> one_back(const fact_change& c, const fact_info& f) {
  if (!c.from || c.kind == fact_change::bound::exactly || !c.one_of.empty()) return std::nullopt;
  const bool up = c.kind == fact_change::bound::at_least;
  if (f.type == "date") {
    auto d = date::parse(c.to.substr(1, c.to.size() - 2));
    return fmt::format("\"{}\"", date::from_days(d->days() + (up ? -1 : 1)).to_string());
  }
  const bool quoted = c.to.starts_with('"');
  auto to = decimal::parse(quoted ? c.to.substr(1, c.to.size() - 2) : c.to);
  if (!to) return std::nullopt;
  decimal unit = f.type == "money" ? *decimal::parse("0.01") : decimal::from_int(1);
  decimal back = up ? *to - unit : *to + unit;
  std::string text = f.type == "money" ? back.to_string(2) : back.to_string();
  return quoted ? "\"" + text + "\"" : text;
}

class Paths : public ::testing::TestWithParam<bool> {};

TEST_P(Paths, EveryPathReachesEligibilityAndIsMinimal) {
  const ruleset& rules = test::bundled();
  const auto schema = rules.schema();
  const date as_of = test::day("2024-12-31");
  std::size_t checked = 0;
  for (const auto& file : example_profiles()) {
    auto loaded = rules.load_profile_file(file);
    ASSERT_TRUE(loaded.ok()) << file;
    paths_options po;
    po.as_of = as_of;
    po.fast_lanes = GetParam();
    const paths_result found = find_paths(rules, loaded.get(), po);
    for (const auto& pp : found.provisions)
      for (const auto& path : pp.paths) {
        const std::string what = file.filename().string() + " " + pp.id;
        std::vector<std::pair<std::uint32_t, std::string>> changes;
        for (const auto& c : path.changes) {
          EXPECT_FALSE(schema[c.slot].fixed && !c.question()) << what << " changes " << c.fact;
          changes.emplace_back(c.slot, c.to);
        }
        const decision after = decide_with(rules, loaded.get(), changes, as_of);
        EXPECT_EQ(after.provision(pp.provision).result, path.then) << what;
        EXPECT_EQ(after.provision(pp.provision).value.max, path.pays.max) << what;
        ++checked;
        for (std::size_t k = 0; k < changes.size(); ++k) {
          auto back = one_back(path.changes[k], schema[path.changes[k].slot]);
          if (!back) continue;
          auto nearer = changes;
          nearer[k].second = *back;
          EXPECT_EQ(decide_with(rules, loaded.get(), nearer, as_of).provision(pp.provision).result,
                    status::ineligible)
              << what << ": " << path.changes[k].fact << " = " << *back << " is enough";
        }
      }
  }
  EXPECT_GT(checked, 5u);
}

INSTANTIATE_TEST_SUITE_P(Lanes, Paths, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "on" : "off"; });

// The R&D subsidy's revenue threshold: the exact bound and what it pays, as the issue asks.
TEST(PathsTo, RdSubsidyRevenueThreshold) {
  const ruleset& rules = test::bundled();
  auto loaded = rules.load_profile_file(ELIG_EXAMPLES_DIR "/shangcheng-ai-startup.toml");
  ASSERT_TRUE(loaded.ok());
  paths_options po;
  po.as_of = test::day("2024-12-31");
  po.only = "shangcheng-2023.rd";
  const auto found = find_paths(rules, loaded.get(), po);
  ASSERT_EQ(found.provisions.size(), 1u);
  ASSERT_FALSE(found.provisions[0].paths.empty());
  const auto& path = found.provisions[0].paths[0];
  ASSERT_EQ(path.changes.size(), 1u);
  EXPECT_EQ(path.changes[0].fact, "main_revenue");
  EXPECT_EQ(path.changes[0].from, "\"8200000.00\"");
  EXPECT_EQ(path.changes[0].to, "\"10000000.00\"");
  EXPECT_EQ(path.changes[0].kind, fact_change::bound::at_least);
  EXPECT_EQ(path.pays.kind, amount_kind::up_to);
  const std::string text = render_paths_text(rules, found, language::zh);
  EXPECT_NE(text.find("8,200,000.00 → 至少 10,000,000.00（差 1,800,000.00）"), std::string::npos)
      << text;
}

// A Xihu company is never told to move: Shangcheng's provisions are closed by `district`.
TEST(PathsTo, FixedFactsAreNeverProposed) {
  const ruleset& rules = test::bundled();
  auto loaded = rules.load_profile_file(ELIG_EXAMPLES_DIR "/xihu-digital-twin.toml");
  ASSERT_TRUE(loaded.ok());
  paths_options po;
  po.as_of = test::day("2024-12-31");
  const auto found = find_paths(rules, loaded.get(), po);
  for (const auto& pp : found.provisions) {
    if (!pp.id.starts_with("shangcheng")) continue;
    EXPECT_TRUE(pp.paths.empty()) << pp.id;
    EXPECT_NE(std::find(pp.fixed_facts.begin(), pp.fixed_facts.end(), "district"),
              pp.fixed_facts.end())
        << pp.id;
  }
}

}  // namespace
}  // namespace elig

namespace elig {
namespace {

// A small rule set with each kind of bound: a strict money threshold (one fen past it), a date
// window, an enumeration (every member that fits), alternatives (`or`, fewest changes first) and
// a take-highest group (what a path would cost).
constexpr const char* k_rules = R"(
schema {
  fact year : year required period
  fact name : text required names company
  fact revenue : money
  fact founded : date
  fact sector : enum(ai "人工智能" / "AI", xr "扩展现实" / "XR", other "其他" / "Other")
  fact certified : bool
  fact listed : bool
}
document d {
  title "测试" / "Test"
  issuer "测试" / "Test"
  status in_force
  valid from 2020-01-01
  provision growth {
    title "成长奖" / "Growth award"
    article "第一条" / "Article 1"
    when revenue > 500万
    when founded >= 2020-01-01 and founded < 2023-01-01
    when sector in ["ai", "xr"]
    pays 10万
  }
  provision either {
    title "二选一" / "Either"
    article "第二条" / "Article 2"
    when certified or (listed and revenue >= 100万)
    pays 20万
  }
  provision small {
    title "小额" / "Small"
    article "第三条" / "Article 3"
    when revenue < 100万
    pays 5万
  }
}
take highest one "就高" / "The higher" { d.either, d.small }
)";

struct Fixture : ::testing::Test {
  compile_result compiled = compile_sources({{"r.elig", k_rules}});
  const ruleset& rules() { return *compiled.rules(); }
  paths_result find(const char* toml, const char* only) {
    EXPECT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
    auto loaded = rules().load_profile(toml, "p.toml");
    EXPECT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
    paths_options o;
    o.as_of = test::day("2024-12-31");
    o.only = only;
    return find_paths(rules(), loaded.get(), o);
  }
};

TEST_F(Fixture, StrictBoundsDatesAndMembers) {
  auto r = find(R"(year = 2024
name = "甲"
revenue = 5000000
founded = 2019-06-30
sector = "other"
)",
                "d.growth");
  ASSERT_EQ(r.provisions.size(), 1u);
  ASSERT_EQ(r.provisions[0].paths.size(), 1u);
  const auto& changes = r.provisions[0].paths[0].changes;
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].to, "\"5000000.01\"");  // one fen past a strict threshold
  EXPECT_EQ(changes[0].kind, fact_change::bound::at_least);
  EXPECT_EQ(changes[1].to, "\"2020-01-01\"");
  EXPECT_EQ(changes[2].one_of, (std::vector<std::string>{"ai", "xr"}));
  const std::string text = render_paths_text(rules(), r, language::zh);
  EXPECT_NE(text.find("人工智能、扩展现实 之一"), std::string::npos) << text;
}

TEST_F(Fixture, AlternativesFewestFirstAndWhatAPathCosts) {
  auto r = find(R"(year = 2024
name = "乙"
revenue = 500000
certified = false
listed = false
)",
                "d.either");
  ASSERT_EQ(r.provisions.size(), 1u);
  const auto& paths = r.provisions[0].paths;
  ASSERT_EQ(paths.size(), 2u);
  ASSERT_EQ(paths[0].changes.size(), 1u);  // certified: one change
  EXPECT_EQ(paths[0].changes[0].fact, "certified");
  EXPECT_EQ(paths[1].changes.size(), 2u);  // listed and a revenue of at least 100万
  // The small grant is paid today; the higher one replaces it on either path, and the
  // revenue path also ends it (its revenue below 100万 no longer holds).
  for (const auto& p : paths) EXPECT_EQ(p.loses, (std::vector<std::string>{"d.small"}));
  EXPECT_EQ(paths[0].total_before, test::money("50000"));
  EXPECT_EQ(paths[0].total_after, test::money("200000"));
}

TEST_F(Fixture, UnknownFactsAreQuestions) {
  auto r = find(R"(year = 2024
name = "丙"
founded = 2021-01-01
sector = "ai"
)",
                "d.growth");
  ASSERT_EQ(r.provisions.size(), 1u);
  ASSERT_EQ(r.provisions[0].paths.size(), 1u);
  const auto& c = r.provisions[0].paths[0].changes;
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].question());
  EXPECT_EQ(c[0].to, "\"5000000.01\"");
  EXPECT_NE(render_paths_json(rules(), r).find(R"("from":null,"to":"5000000.01")"),
            std::string::npos);
}

}  // namespace
}  // namespace elig
