// `elig diff`: a known rule change affects a known set of example companies; a reformatting
// changes nothing.
#include <gtest/gtest.h>

#include <elig/impact.hpp>

#include "support/test_rules.hpp"

namespace elig {
namespace {
namespace fs = std::filesystem;

std::vector<std::pair<std::string, std::string>> bundled_texts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* f : {"schema.elig", "common.elig", "shangcheng-2023.elig", "xihu-2022.elig",
                        "qiantang-2024.elig"})
    out.emplace_back(f, test::slurp(fs::path(ELIG_RULES_DIR) / f));
  return out;
}

compile_result with_edit(const std::string& file, const std::string& from, const std::string& to) {
  auto texts = bundled_texts();
  for (auto& [name, text] : texts)
    if (name == file) {
      auto at = text.find(from);
      EXPECT_NE(at, std::string::npos) << from;
      text.replace(at, from.size(), to);
    }
  auto r = compile_sources(texts);
  EXPECT_TRUE(r.ok()) << render_all(r.diagnostics(), r.sources());
  return r;
}

// The bundled rules with parameters set, as `--set NAME=VALUE` does: a reform without a copy.
compile_result with_set(std::vector<std::string> overrides) {
  load_options o;
  o.overrides = std::move(overrides);
  auto r = compile_paths({ELIG_RULES_DIR}, o);
  EXPECT_TRUE(r.ok()) << render_all(r.diagnostics(), r.sources());
  return r;
}

impact_report diff_against_bundled(const ruleset& after) {
  return compare_rules(test::bundled(), after, collect_toml_files({ELIG_EXAMPLES_DIR}).files,
                       test::day("2024-12-31"));
}

TEST(Impact, LoweringTheRdThresholdAffectsExactlyTheStartup) {
  auto after = with_set({"shangcheng_rd_revenue_min=800万"});
  auto r = diff_against_bundled(*after.rules());
  EXPECT_EQ(r.companies.size(), 12u);
  EXPECT_EQ(r.gain, 1u);
  EXPECT_EQ(r.lose, 0u);
  EXPECT_EQ(r.unchanged, 11u);
  std::vector<std::string> changed;
  for (const auto& c : r.companies)
    if (!c.changes.empty()) changed.push_back(fs::path(c.profile).filename().string());
  EXPECT_EQ(changed, (std::vector<std::string>{"shangcheng-ai-startup.toml"}));
  EXPECT_EQ(r.delta_max, test::money("930000"));
  EXPECT_EQ(r.delta_min, test::money("0"));
  std::string text = render_impact_text(r, {language::en, false, false});
  EXPECT_NE(text.find("8,200,000.00 < R&D subsidy revenue threshold 10,000,000.00 (short by "
                      "1,800,000.00)"),
            std::string::npos)
      << text;
}

TEST(Impact, RaisingTheThresholdLosesCompanies) {
  auto after = with_set({"shangcheng_rd_revenue_min=2000万"});
  auto r = diff_against_bundled(*after.rules());
  // The XR studio (revenue 12,500,000) loses its R&D ceiling of 1,260,000.
  EXPECT_EQ(r.lose, 1u);
  EXPECT_EQ(r.gain, 0u);
  EXPECT_EQ(r.delta_max, test::money("-1260000"));
  std::string md = render_impact_markdown(r, {language::en, false, false});
  EXPECT_NE(
      md.find("hangzhou-xr-studio.toml` | `shangcheng-2023.rd` R&D subsidy | eligible · up to "
              "CNY 1,260,000.00 | ineligible |"),
      std::string::npos)
      << md;
}

TEST(Impact, ChangingACapChangesAmounts) {
  auto after = with_set({"shangcheng_office_cap = 100万"});
  auto r = diff_against_bundled(*after.rules());
  EXPECT_EQ(r.amount_changed, 1u);  // the scale-up's 2,000,000 office ceiling
  EXPECT_EQ(r.delta_max, test::money("-1000000"));
  std::string json = render_impact_json(r);
  EXPECT_NE(json.find("\"amount_changed\": 1"), std::string::npos);
}

// A new provision is listed only for the companies it pays or may pay, as new; an unknown fact
// is never the reason for a refusal; every company is counted once.
TEST(Impact, ANewProvisionShowsWhereItMatters) {
  auto after = with_edit("xihu-2022.elig", "  provision talent {",
                         "  provision new-award { article \"第一条\" / \"Article 1\"\n    title "
                         "\"新奖励\" / \"New award\"\n"
                         "    when talent_plan_selected\n    pays 10万\n  }\n\n"
                         "  provision talent {");
  auto r = diff_against_bundled(*after.rules());
  std::size_t listed = 0;
  for (const auto& c : r.companies)
    for (const auto& ch : c.changes) {
      if (ch.id != "xihu-2022.new-award") continue;
      ++listed;
      EXPECT_TRUE(ch.added);
      EXPECT_TRUE(ch.after == status::eligible || ch.after == status::undetermined) << c.profile;
    }
  EXPECT_GE(listed, 1u);
  EXPECT_LT(listed, r.companies.size());  // not every company
  EXPECT_EQ(r.gain + r.lose + r.gain_and_lose + r.amount_changed + r.other_change + r.unchanged,
            r.companies.size());
  std::string text = render_impact_text(r, {language::en, false, false});
  EXPECT_NE(text.find("New award: (new provision) → "), std::string::npos) << text;
}

TEST(Impact, UnknownFactsAreNeverTheReasonForARefusal) {
  auto after = with_set({"shangcheng_rd_revenue_min=2000万"});
  auto r = diff_against_bundled(*after.rules());
  for (const auto& c : r.companies)
    for (const auto& ch : c.changes)
      if (ch.after == status::ineligible) {
        for (const auto& w : ch.why) EXPECT_EQ(w.en.find(" unknown"), std::string::npos) << w.en;
      }
}

TEST(Impact, ReformattingShowsNoDifference) {
  auto texts = bundled_texts();
  for (auto& [name, text] : texts) {
    // Re-indent every line and reword every comment (no comment marks occur inside texts here).
    std::string out;
    bool in_comment = false;
    for (char c : text) {
      if (c == '#') {
        in_comment = true;
        out += "# reworded comment";
      }
      if (c == '\n') in_comment = false;
      if (!in_comment) out += c;
      if (c == '\n') out += "    ";
    }
    text = out + "\n\n# trailing comment\n";
  }
  auto after = compile_sources(texts);
  ASSERT_TRUE(after.ok()) << render_all(after.diagnostics(), after.sources());
  auto r = diff_against_bundled(*after.rules());
  EXPECT_EQ(r.unchanged, r.companies.size());
  EXPECT_EQ(r.delta_max, decimal{});
}

// A reform's mistakes are located in the `--set` text, with a did-you-mean: never a silent
// answer under the unchanged rules.
TEST(Impact, SetErrorsAreLocated) {
  struct bad {
    const char* set;
    const char* says;
  };
  for (const bad& b :
       {bad{"shangcheng_rd_revenue_mni=800万", "unknown parameter `shangcheng_rd_revenue_mni`"},
        bad{"shangcheng_rd_revenue_min=800万", ""},
        bad{"shangcheng_rd_revenue_min=30%", "must be money"},
        bad{"shangcheng_rd_revenue_min=main_revenue", "must be a constant"},
        bad{"main_revenue=800万", "`main_revenue` is not a parameter"},
        bad{"shangcheng_rd_revenue_min", "is not `NAME=VALUE`"},
        bad{"shangcheng_rd_revenue_min=800万 yuan)", "expected the end of the value"}}) {
    load_options o;
    o.overrides = {b.set};
    auto r = compile_paths({ELIG_RULES_DIR}, o);
    std::string all = render_all(r.diagnostics(), r.sources());
    if (std::string_view(b.says).empty()) {
      EXPECT_TRUE(r.ok()) << all;
      continue;
    }
    EXPECT_FALSE(r.ok()) << b.set;
    EXPECT_NE(all.find(b.says), std::string::npos) << b.set << "\n" << all;
    EXPECT_NE(all.find("--set:1:"), std::string::npos) << all;
  }
  load_options o;
  o.overrides = {"shangcheng_rd_revenue_mni=800万"};
  auto r = compile_paths({ELIG_RULES_DIR}, o);
  EXPECT_NE(
      render_all(r.diagnostics(), r.sources()).find("did you mean `shangcheng_rd_revenue_min`?"),
      std::string::npos);
  // The hash tells the reform from the rules.
  EXPECT_NE(with_set({"shangcheng_rd_revenue_min=800万"}).rules()->hash(), test::bundled().hash());
}

}  // namespace
}  // namespace elig
