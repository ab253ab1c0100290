// The decision (ruleset::decide) in every mode against its traced run (ruleset::explain): the
// same statuses, amounts, facts to ask, condition outcomes, combination effects and totals on
// every example profile, on profiles with facts taken away, and on the reference set's generated
// profiles; and deciding into a reused decision allocates nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <random>
#include <set>
#include <thread>

#include "elig_line.hpp"
#include "reference_profile.hpp"
#include "support/test_rules.hpp"

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};
}  // namespace

// Counting allocator for this test binary: the count is deterministic, unlike a timing.
// (GCC cannot see that these new and delete belong together once inlined.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
// Every non-aligned form is replaced, so whatever allocates (we or a library) frees in kind.
// ThreadSanitizer brings its own operator new, so that build counts nothing (and skips the test).
#ifndef ELIG_TSAN_BUILD
namespace {
void* counted_malloc(std::size_t n) noexcept {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1);
  return std::malloc(n ? n : 1);
}
}  // namespace
void* operator new(std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#endif

namespace elig {
namespace {

namespace fs = std::filesystem;

// Every mode against the traced run (support/modes.hpp); the number of differences.
int compare(const ruleset& rules, const profile& prof, date as_of, const std::string& what,
            bool drafts = false) {
  return test::differences_between_modes(rules, prof, as_of, drafts, what);
}

std::vector<std::pair<std::string, std::string>> example_profiles() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : fs::directory_iterator(ELIG_EXAMPLES_DIR))
    if (e.path().extension() == ".toml")
      out.emplace_back(e.path().filename().string(), test::slurp(e.path()));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Decide, SameAsExplainOnEveryExampleAndDate) {
  for (const auto& [name, text] : example_profiles()) {
    auto loaded = test::bundled().load_profile(text, name);
    ASSERT_TRUE(loaded.ok()) << name;
    for (const char* as_of : {"2022-06-30", "2023-12-31", "2024-12-31", "2025-06-30", "2027-01-01"})
      for (bool drafts : {false, true})  // drafts counted: Qiantang's take-highest group applies
        EXPECT_EQ(
            compare(test::bundled(), loaded.get(), test::day(as_of), name + " @" + as_of, drafts),
            0);
  }
}

// A decision reused from profile to profile (what a screening loop does) holds exactly what a
// fresh one would: every status, amount, condition outcome, open fact and the total.
TEST(Decide, AReusedDecisionEqualsAFreshOne) {
  std::vector<profile> profiles;
  for (const auto& [name, text] : example_profiles())
    profiles.push_back(test::bundled().load_profile(text, name).get());
  decision reused;
  // In force, then not yet in force, then in force again: nothing may stay from before.
  for (const char* as_of : {"2024-12-31", "2022-06-30", "2025-06-30"})
    for (const auto& p : profiles) {
      decide_options o{test::day(as_of), false};
      test::bundled().decide(p, o, reused);
      decision fresh = test::bundled().decide(p, o);
      const std::string at = p.name() + " @" + as_of;
      ASSERT_EQ(reused.provisions().size(), fresh.provisions().size());
      for (std::size_t i = 0; i < fresh.provisions().size(); ++i) {
        const auto& a = reused.provision(i);
        const auto& b = fresh.provision(i);
        EXPECT_EQ(a.result, b.result) << at << " " << i;
        EXPECT_EQ(a.value.min, b.value.min) << at << " " << i;
        EXPECT_EQ(a.value.max, b.value.max) << at << " " << i;
        EXPECT_EQ(a.counted_in_total, b.counted_in_total) << at << " " << i;
        EXPECT_EQ(a.superseded_by, b.superseded_by) << at << " " << i;
        auto ca = reused.conditions(i), cb = fresh.conditions(i);
        EXPECT_TRUE(std::equal(ca.begin(), ca.end(), cb.begin(), cb.end())) << at << " " << i;
        EXPECT_EQ(reused.missing_facts(i), fresh.missing_facts(i)) << at << " " << i;
        for (std::size_t k = 0; k < fresh.parts(i).size(); ++k)
          EXPECT_EQ(reused.parts(i)[k].result, fresh.parts(i)[k].result) << at << " " << i;
      }
      EXPECT_EQ(reused.total().max, fresh.total().max) << at;
      EXPECT_EQ(reused.as_of(), o.as_of) << at;
      EXPECT_EQ(reused.excluded(), fresh.excluded()) << at;
    }
}

// Every line of every example dropped in turn, and random halves: undetermined answers and the
// facts that would settle them must agree too.
TEST(Decide, SameAsExplainWithFactsTakenAway) {
  std::mt19937 rng(7);
  int checked = 0;
  for (const auto& [name, text] : example_profiles()) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      lines.push_back(text.substr(start, end - start));
      start = end == std::string::npos ? text.size() : end + 1;
    }
    for (std::size_t drop = 0; drop < lines.size() + 20; ++drop) {
      std::string mutated;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        bool keep = drop < lines.size() ? i != drop : rng() % 2 == 0;
        if (keep || lines[i].starts_with("claimed_year") || lines[i].starts_with("company_name") ||
            lines[i].starts_with("district"))
          mutated += lines[i] + "\n";
      }
      auto loaded = test::bundled().load_profile(mutated, name);
      if (!loaded) continue;  // a record left without a required field
      EXPECT_EQ(compare(test::bundled(), loaded.get(), test::day("2024-12-31"), name), 0)
          << mutated;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

// Take-highest groups over whole provisions and parts, a cap, a draft: every combination path.
TEST(Decide, SameAsExplainThroughCombinations) {
  auto compiled = compile_sources({{"c.elig", R"(
schema {
  fact a : money
  fact b : money
  fact c : money
}
document d {
  title "t"
  status in_force
  provision one { title "1" article "第一条" / "Article 1" pays a }
  provision two { title "2" article "第一条" / "Article 1" pays up to b }
  provision three {
    title "3"
    article "第一条" / "Article 1"
    part x "x" / "x" { pays a }
    part y "y" / "y" { pays from c to b }
  }
}
document dr {
  title "草案"
  status draft
  provision four { title "4" article "第一条" / "Article 1" pays c }
}
take highest best "择高" { d.one, d.two, d.three.y }
cap limit "封顶" at most 50万 { d.one, d.three, dr.four }
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const ruleset& rules = *compiled.rules();
  int checked = 0;
  for (const char* a : {"", "a = 0\n", "a = 300000\n", "a = 600000\n"})
    for (const char* b : {"", "b = 300000\n", "b = 700000\n"})
      for (const char* c : {"", "c = 100000\n", "c = 300000\n"}) {
        std::string text = std::string(a) + b + c;
        auto loaded = rules.load_profile(text, "p.toml");
        ASSERT_TRUE(loaded.ok());
        for (bool drafts : {false, true})
          EXPECT_EQ(compare(rules, loaded.get(), test::day("2024-12-31"), text, drafts), 0);
        ++checked;
      }
  EXPECT_EQ(checked, 36);
}

// Every test a provision's fast lane (fast/lane.hpp) reads in place or through the machine, with
// each fact given, absent or at an edge: whether the lane decides a provision or gives it up to
// the general path, the decision must be the explaining evaluator's.
TEST(Decide, SameAsExplainInAndOutOfTheFastLanes) {
  auto compiled = compile_sources({{"lanes.elig", R"(
schema {
  fact n : integer
  fact m : money
  fact d : date
  fact moved : date
  fact flag : bool
  fact e : enum(a, b, c, "x-y")
  fact tags : list of enum(a, b, c, "x-y")
  fact claimed : year period
  fact since : year
  history awards "已获" / "Awarded"
}
define first_year "起始年" / "First year" = if flag then since else claimed
define settled "落户" / "Settled" = moved otherwise d
define big "大" / "Big" = m >= 100 yuan
define tagged "标签" / "Tagged" = any t in tags where t in ["a", "x-y"]
exclusion bad {
  title "排除" / "Excluded"
  article "X" / "X"
  when flag and e == "c"
}
document doc {
  title "t"
  status in_force
  when e != "x-y"
  provision range { title "1" article "第一条" / "Article 1" when n > 3 when 10 >= n when not flag unless moved > today pays m }
  provision sets { title "2" article "第一条" / "Article 1" when e in ["a", "b"] when e not in ["c"] unless flag pays up to m * 2 }
  provision any { title "3" article "第一条" / "Article 1" when tagged when big or n == 5 pays from 1 yuan to m }
  provision dates {
    title "4"
    article "第一条" / "Article 1"
    when settled >= today - 12 months and settled <= today
    when d != 2024-01-01
    pays if n >= 2 then 10 yuan else m / n
  }
  provision far { title "5" article "第一条" / "Article 1" when d + 9000 years > today pays m * 1000000000000000 }
  provision once { title "6" article "第一条" / "Article 1" when n <= 7 pays once 500 yuan }
  provision capped { title "7" article "第一条" / "Article 1" when n >= 1 pays min(floor(m * 1.5), 300 yuan) }
  provision tiered { title "8" article "第一条" / "Article 1" pays tier(m) }
  provision rounded { title "9" article "第一条" / "Article 1" when flag pays up to max(round(m / 3, 2), max(-m, m - 50 yuan)) }
  provision window {
    title "10"
    article "第一条" / "Article 1"
    when n * 2 >= 7 and m / n > 20 yuan
    for at most 3 years from first_year
    pays 1 yuan
  }
  provision member { title "11" article "第一条" / "Article 1" when "b" in tags or "c" not in tags unless "a" in tags pays m }
}
brackets tier "档" / "Tier" {
  from 100 yuan below 1000 yuan => 2 yuan
  from 1000 yuan => 3 yuan
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  const ruleset& rules = *compiled.rules();
  const std::vector<std::vector<std::string>> choices = {
      {"", "n = 0\n", "n = 2\n", "n = 3\n", "n = 4\n", "n = 5\n", "n = 10\n", "n = 11\n"},
      {"", "m = 0\n", "m = \"99.99\"\n", "m = 100\n", "m = \"1000.01\"\n",
       "m = \"9000000000000\"\n"},
      {"", "d = 2024-01-01\n", "d = 2024-06-30\n", "d = 2023-06-29\n"},
      {"", "moved = 2024-02-01\n", "moved = 2022-01-01\n", "moved = 2025-01-01\n"},
      {"", "flag = true\n", "flag = false\n"},
      {"", "e = \"a\"\n", "e = \"c\"\n", "e = \"x-y\"\n"},
      {"", "tags = []\n", "tags = [\"b\"]\n", "tags = [\"c\", \"x-y\"]\n"},
      {"", "awards = []\n", "awards = [{ provision = \"doc.once\", year = 2024 }]\n"},
      {"", "claimed = 2024\n", "claimed = 2021\n"},
      {"", "since = 2022\n", "since = 2021\n", "since = 2024\n"}};
  std::uint64_t state = 20241231;
  int checked = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    for (const auto& options : choices) {
      // splitmix64: every choice independent of the last (an LCG's low bits are not).
      std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      text += options[(z ^ (z >> 31)) % options.size()];
    }
    auto loaded = rules.load_profile(text, "p.toml");
    ASSERT_TRUE(loaded.ok()) << text;
    for (const char* as_of : {"2024-12-31", "2025-01-31"})
      ASSERT_EQ(compare(rules, loaded.get(), test::day(as_of), text), 0);
    ++checked;
  }
  EXPECT_EQ(checked, 1500);
}

const ruleset& reference_rules() {
  static const compile_result r = compile_paths({ELIG_REFERENCE_RULES_DIR});
  if (!r) std::abort();
  return *r.rules();
}

TEST(Decide, SameAsExplainOnGeneratedReferenceProfiles) {
  reference::rng r(20250630);
  for (std::uint32_t i = 0; i < 3000; ++i) {
    auto c = reference::generate(r, i);
    auto loaded = reference_rules().load_profile(reference::to_json(c), c.id, profile_format::json);
    ASSERT_TRUE(loaded.ok());
    ASSERT_EQ(compare(reference_rules(), loaded.get(), test::day("2025-06-30"), c.id), 0);
  }
}

// One rule set decided from several threads at once (each with its own scratch) gives what one
// thread gives; run under ThreadSanitizer by the tsan preset.
TEST(Decide, ConcurrentThreadsAgreeWithOne) {
  reference::rng r(7);
  std::vector<profile> profiles;
  std::vector<profile_result> keep;
  for (std::uint32_t i = 0; i < 400; ++i) {
    auto c = reference::generate(r, i);
    keep.push_back(
        reference_rules().load_profile(reference::to_json(c), c.id, profile_format::json));
    ASSERT_TRUE(keep.back().ok());
    profiles.push_back(keep.back().get());
  }
  const decide_options opts{test::day("2025-06-30"), false};
  auto line = [&](const decision& d) {
    std::string s;
    for (const auto& v : d.provisions())
      s += std::string(status_name(v.result)) + v.value.max.to_string() + ";";
    return s + d.total().max.to_string();
  };
  std::vector<std::string> want;
  for (const auto& p : profiles) want.push_back(line(reference_rules().decide(p, opts)));
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      decision d;
      for (int round = 0; round < 3; ++round)
        for (std::size_t i = static_cast<std::size_t>(t); i < profiles.size(); i += 2) {
          reference_rules().decide(profiles[i], opts, d);
          if (line(d) != want[i]) ++wrong;
        }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Decide, KeepsItsRuleSetAlive) {
  decision d;
  {
    auto compiled = compile_paths({ELIG_REFERENCE_RULES_DIR});
    auto rules = compiled.share();
    auto loaded = rules->load_profile(
        "{\"id\": \"x\", \"name\": \"x\", \"district\": \"余杭区\", \"industry_tags\": [\"xr\"], "
        "\"registered_date\": \"2024-01-01\", \"employees\": 10, \"annual_revenue_yuan\": 0, "
        "\"rd_expense_yuan\": 0, \"office_area_sqm\": 100, \"rent_per_sqm_day\": 2.3, "
        "\"is_high_tech\": false, \"credit_rating\": \"B\", \"has_violation\": false, "
        "\"patents\": 0, \"funding_round\": \"B\"}",
        "x.json");
    ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
    d = rules->decide(loaded.get(), {test::day("2025-06-30"), false});
  }
  // The compile result and the shared pointer are gone; the decision still knows its rules.
  EXPECT_EQ(d.rules().provisions()[0].id, "reference.rent");
  EXPECT_EQ(d.provision(0).result, status::eligible);
  EXPECT_EQ(d.provision(0).value.max, test::money("83950"));
}

// Rule sets come and go (a service reloads them); one thread's scratch must follow, even when a
// new rule set lands where an old one was freed.
TEST(Decide, FollowsRuleSetsThatComeAndGo) {
  for (int round = 0; round < 20; ++round) {
    std::string schema = "schema {\n";
    const int facts = round % 2 ? 3 : 90;  // alternate small and large schemas
    for (int f = 0; f < facts; ++f) schema += "  fact f" + std::to_string(f) + " : money\n";
    schema +=
        "}\ndocument d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    "
        "title \"p\"\n    when f0 >= 1万\n"
        "    pays f" +
        std::to_string(facts - 1) + "\n  }\n}\n";
    auto compiled = compile_sources({{"r.elig", schema}});
    ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
    auto loaded = compiled.rules()->load_profile("f0 = 20000\n", "p.toml");
    ASSERT_TRUE(loaded.ok());
    decision d = compiled.rules()->decide(loaded.get(), {test::day("2024-12-31"), false});
    EXPECT_EQ(d.provision(0).result, status::undetermined);
    EXPECT_TRUE(d.missing(0, static_cast<std::uint32_t>(facts - 1)));
  }
}

// Verdicts and amounts alone: the same verdicts, amounts and total as the default, no
// condition outcomes and no open facts; asked for again, they are back.
TEST(Decide, VerdictsAloneAreTheDefaultsVerdicts) {
  decide_options full{test::day("2024-12-31"), false};
  decide_options alone = full;
  alone.condition_outcomes = false;
  alone.open_facts = false;
  decision reused;
  for (const auto& [name, text] : example_profiles()) {
    auto loaded = test::bundled().load_profile(text, name);
    ASSERT_TRUE(loaded.ok());
    const decision d = test::bundled().decide(loaded.get(), full);
    test::bundled().decide(loaded.get(), alone, reused);
    for (std::size_t i = 0; i < d.provisions().size(); ++i) {
      EXPECT_EQ(reused.provision(i).result, d.provision(i).result) << name << " " << i;
      EXPECT_EQ(reused.provision(i).value.max, d.provision(i).value.max) << name << " " << i;
      EXPECT_TRUE(reused.conditions(i).empty()) << name << " " << i;
      EXPECT_TRUE(reused.missing_facts(i).empty()) << name << " " << i;
      EXPECT_FALSE(d.conditions(i).empty()) << name << " " << i;
    }
    EXPECT_EQ(reused.total().max, d.total().max) << name;
    test::bundled().decide(loaded.get(), full, reused);
    for (std::size_t i = 0; i < d.provisions().size(); ++i) {
      EXPECT_EQ(std::vector<outcome>(reused.conditions(i).begin(), reused.conditions(i).end()),
                std::vector<outcome>(d.conditions(i).begin(), d.conditions(i).end()))
          << name << " " << i;
      EXPECT_EQ(reused.missing_facts(i), d.missing_facts(i)) << name << " " << i;
    }
  }
}

// The step limit counts work that grows with the profile: one pass over a long list is far
// below it, a list compared with itself is not (robustness_test), whatever the profile's size.
TEST(Decide, OnePassOverALongListIsWithinTheStepLimit) {
  auto compiled = compile_sources({{"long.elig", R"(
schema {
  fact claimed_year : year required period
  fact amounts : list of money
}
document d {
  title "d"
  status in_force
  provision p {
    title "p"
    article "第一条" / "Article 1"
    when (count a in amounts where a > 10 yuan) >= 1
    pays up to sum of a for each a in amounts where a > 10 yuan
  }
}
)"}});
  ASSERT_TRUE(compiled.ok()) << render_all(compiled.diagnostics(), compiled.sources());
  std::string json = R"({"claimed_year": 2024, "amounts": [)";
  for (int i = 0; i < 200'000; ++i) json += i ? ",\"20\"" : "\"20\"";
  json += "]}";
  auto loaded = compiled.rules()->load_profile(json, "long.json", profile_format::json);
  ASSERT_TRUE(loaded.ok()) << render_all(loaded.diagnostics(), loaded.sources());
  const decision d = compiled.rules()->decide(loaded.get(), {test::day("2024-12-31"), false});
  EXPECT_EQ(d.provision(0).result, status::eligible);
  EXPECT_FALSE(d.provision(0).error.has_value());
  EXPECT_EQ(d.provision(0).value.max, *decimal::parse("4000000"));
}

TEST(Decide, MakesNoHeapAllocationOnceWarm) {
#ifdef ELIG_TSAN_BUILD
  GTEST_SKIP() << "ThreadSanitizer replaces operator new: nothing to count";
#endif
  std::vector<profile> profiles;
  for (const auto& [name, text] : example_profiles()) {
    auto loaded = test::bundled().load_profile(text, name);
    ASSERT_TRUE(loaded.ok());
    profiles.push_back(loaded.get());
  }
  reference::rng r(20250630);
  std::vector<profile> reference_profiles;
  for (std::uint32_t i = 0; i < 500; ++i) {
    auto c = reference::generate(r, i);
    reference_profiles.push_back(
        reference_rules().load_profile(reference::to_json(c), c.id, profile_format::json).get());
  }
  decide_options o{test::day("2024-12-31"), false};
  decide_options ro{test::day("2025-06-30"), false};
  decision d, rd;
  for (const auto& p : profiles) test::bundled().decide(p, o, d);  // warm up
  for (const auto& p : reference_profiles) reference_rules().decide(p, ro, rd);
  g_allocations = 0;
  g_counting = true;
  for (int round = 0; round < 3; ++round) {
    for (const auto& p : profiles) test::bundled().decide(p, o, d);
    for (const auto& p : reference_profiles) reference_rules().decide(p, ro, rd);
  }
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0);
  // Nor with verdicts and amounts alone, switching between the two on one decision.
  decide_options verdicts_only = ro;
  verdicts_only.condition_outcomes = false;
  verdicts_only.open_facts = false;
  for (const auto& p : reference_profiles) reference_rules().decide(p, verdicts_only, rd);
  g_allocations = 0;
  g_counting = true;
  for (const auto& p : reference_profiles) {
    reference_rules().decide(p, verdicts_only, rd);
    reference_rules().decide(p, ro, rd);
  }
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0);
  // The counter does count: explaining the same profile allocates.
  g_counting = true;
  explain_options eo;
  eo.as_of = o.as_of;
  (void)test::bundled().explain(profiles.front(), eo);
  g_counting = false;
  EXPECT_GT(g_allocations.load(), 0);
}

}  // namespace
}  // namespace elig
