// `elig diff`: a known rule change affects a known set of example companies; a reformatting
// changes nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <elig/impact.hpp>
#include <fstream>
#include <tuple>

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

// Real applicants: JSON Lines of profiles, of decision records (their `profile`) and of weighted
// profiles compare as the files do; weights scale the budget; the budget per provision adds up.
TEST(Impact, JsonLinesDecisionRecordsAndWeights) {
  auto after = with_set({"shangcheng_rd_revenue_min=800万"});
  auto files = collect_toml_files({ELIG_EXAMPLES_DIR}).files;
  fs::path dir = fs::temp_directory_path() / "elig-impact-lines";
  fs::create_directories(dir);
  std::string profiles, records, weighted;
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto loaded = test::bundled().load_profile_file(files[i]);
    ASSERT_TRUE(loaded.ok());
    std::string json = canonical_profile_json(test::bundled(), loaded.get());
    profiles += json + "\n\n";  // blank lines are skipped
    records += R"({"engine":"elig","rules_hash":"x","as_of":"2024-12-31","profile":)" + json +
               R"(,"result":{}})" + "\n";
    weighted += fmt::format(R"({{"weight": {}, "profile": {}}})", i + 1, json) + "\n";
  }
  auto write = [&](const char* name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  impact_options o;
  o.as_of = test::day("2024-12-31");
  const auto by_file = diff_against_bundled(*after.rules());
  for (const char* name : {"profiles.jsonl", "records.jsonl"}) {
    auto in = read_impact_inputs({write(name, name[0] == 'p' ? profiles : records)});
    ASSERT_TRUE(in.problems.empty()) << in.problems.front();
    auto r = compare_rules(test::bundled(), *after.rules(), in.items, o);
    EXPECT_EQ((std::tuple{r.companies.size(), r.gain, r.delta_max}),
              (std::tuple{by_file.companies.size(), by_file.gain, by_file.delta_max}))
        << name;
    EXPECT_FALSE(r.weighted);
  }
  auto in = read_impact_inputs({write("weighted.jsonl", weighted)});
  auto r = compare_rules(test::bundled(), *after.rules(), in.items, o);
  EXPECT_TRUE(r.weighted);
  std::size_t startup = 0;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (files[i].filename() == "shangcheng-ai-startup.toml") startup = i + 1;
  EXPECT_EQ(r.delta_max,
            test::money("930000") * decimal::from_int(static_cast<std::int64_t>(startup)));
  ASSERT_EQ(r.provisions.size(), 1u);
  EXPECT_EQ(r.provisions[0].id, "shangcheng-2023.rd");
  EXPECT_EQ(r.provisions[0].delta_max, r.delta_max);
  // A line that is no profile, or a weight that is not positive, is a problem named by its line.
  auto bad = read_impact_inputs({write("bad.jsonl", "[1]\n{\"weight\": -2, \"profile\": {}}\n")});
  ASSERT_EQ(bad.problems.size(), 2u);
  EXPECT_NE(bad.problems[0].find("bad.jsonl:1: not a JSON object"), std::string::npos);
  EXPECT_NE(bad.problems[1].find("bad.jsonl:2: `weight` must be a positive number"),
            std::string::npos);
  // The report stays in the reader's language, problems included.
  o.lang = language::zh;
  auto zh = compare_rules(test::bundled(), *after.rules(),
                          {{"x.json", "{\"claimed_year\": 2024}", profile_format::json, {}}}, o);
  EXPECT_NE(zh.problems.find("旧规则下："), std::string::npos) << zh.problems;
  EXPECT_EQ(zh.problems.find("under the"), std::string::npos) << zh.problems;
  std::string svg = render_impact_svg(by_file, {language::en, false, false});
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_NE(svg.find("+930,000.00"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace elig
