// Malformed rule snippets: each must give its diagnostic code at the right line and column.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <elig/elig.hpp>

namespace elig {
namespace {

constexpr std::string_view k_schema = R"(schema {
  fact year_claimed : year required period
  fact revenue : money
  fact employees : integer
  fact district : enum(a, b)
  fact certified : bool
  fact settled : date
  record loan {
    fact principal : money required
    fact drawn : date required
  }
  fact loans : list of loan
  history awards
}
parameter lpr : percent {
  from 2024-01-01 = 3.45%
}
)";

struct bad_rule {
  const char* name;
  const char* text;
  diag_code code;
  const char* at;  // the first occurrence of this text is where the diagnostic must point
};

const bad_rule k_cases[] = {
    // 4294967296 days would wrap a 32-bit day count back to the same date.
    {"huge_duration", "define x = settled + 4294967296 days > settled\n", diag_code::bad_number,
     "4294967296 days"},
    {"huge_years", "define x = settled + 3000000000 years > settled\n", diag_code::bad_number,
     "3000000000 years"},
    {"negative_amount",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays -5万\n  }\n}\n",
     diag_code::bad_amount, "-5万"},
    {"negative_ceiling",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays up to -3万\n  "
     "}\n}\n",
     diag_code::bad_amount, "-3万"},
    {"range_backwards",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays from 10万 to "
     "2万\n  }\n}\n",
     diag_code::bad_amount, "from 10万"},
    {"misspelt_fact", "define x = revenu >= 1万\n", diag_code::unknown_name, "revenu"},
    {"money_vs_plain_number", "define x = revenue >= 10000\n", diag_code::type_mismatch, "revenue"},
    {"money_plus_date", "define x = revenue + settled\n", diag_code::type_mismatch, "revenue"},
    {"and_on_money", "define x = certified and revenue\n", diag_code::type_mismatch, "certified"},
    {"enum_member", "define x = district == \"c\"\n", diag_code::unknown_enum_member, "\"c\""},
    {"field_of_list", "define x = loans.principal > 1万\n", diag_code::unknown_field, "principal"},
    {"misspelt_field", "define x = any l in loans where l.princple > 0 yuan\n",
     diag_code::unknown_field, "princple"},
    {"unknown_function", "define x = foo(1)\n", diag_code::unknown_name, "foo"},
    {"min_one_argument", "define x = min(1)\n", diag_code::bad_call, "min"},
    {"round_places", "define x = round(revenue, 20)\n", diag_code::bad_call, "20"},
    {"define_cycle", "define a = b\ndefine b = a\n", diag_code::define_cycle, "a ="},
    {"duplicate_define", "define x = 1\ndefine x = 2\n", diag_code::duplicate_name, "x = 2"},
    {"enum_label_names_two",
     "define k(x : enum(a \"甲\" / \"A\", b \"甲\" / \"B\")) = true\ndefine y = k(\"a\")\n",
     diag_code::duplicate_name, "b \"甲\""},
    {"impossible_date", "define x = 2023-02-30\n", diag_code::bad_date, "2023"},
    {"unclosed_paren", "define x = (1 + 2\n", diag_code::syntax_expected, "\n"},
    {"dangling_operator", "define x = 1 +\n", diag_code::syntax_expected, "\n"},
    {"unknown_status", "document d {\n  title \"t\" / \"t\"\n  status drafty\n}\n",
     diag_code::bad_item, "drafty"},
    {"provision_without_title",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    pays "
     "1万\n  }\n}\n",
     diag_code::missing_item, "p {"},
    {"provision_without_benefit",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n  }\n}\n",
     diag_code::missing_item, "p {"},
    {"range_without_upper_end",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays from 1万\n  }\n}\n",
     diag_code::syntax_expected, "from 1万"},
    {"amount_is_a_condition",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays up to revenue > "
     "1万\n  }\n}\n",
     diag_code::type_mismatch, "revenue >"},
    {"condition_is_money",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    when revenue\n    pays "
     "1万\n  }\n}\n",
     diag_code::type_mismatch, "revenue\n"},
    {"years_in_months",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    for at most 3 months from "
     "year_claimed\n    pays 1万\n  }\n}\n",
     diag_code::type_mismatch, "3 months"},
    {"unknown_group_member",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays 1万\n  }\n}\n"
     "take highest g { d.p, d.q }\n",
     diag_code::unknown_provision, "d.q"},
    {"parameter_without_values", "parameter r : percent {\n}\n", diag_code::bad_parameter, "r :"},
    {"parameter_twice_on_a_day",
     "parameter r : percent {\n  from 2024-01-01 = 1%\n  from 2024-01-01 = 2%\n}\n",
     diag_code::bad_parameter, "2024-01-01 = 2%"},
    {"bracket_gap", "brackets t {\n  from 0 below 10 => 1%\n  from 20 => 2%\n}\n",
     diag_code::bad_table, "from 20"},
    {"ladder_out_of_order", "ladder l {\n  3亿 => 1万\n  1亿 => 2万\n}\n", diag_code::bad_table,
     "1亿"},
    {"unknown_type", "schema {\n  fact z : moneyy\n}\n", diag_code::unknown_type, "moneyy"},
    {"chained_comparison", "define x = 1 < 2 < 3\n", diag_code::type_mismatch, "1 <"},
    {"if_branches_differ", "define x = if certified then 1万 else \"a\"\n",
     diag_code::type_mismatch, "if"},
    {"too_many_decimals", "define x = 12.1234567890123\n", diag_code::bad_number, "12."},
    {"at_on_a_number", "define x = lpr at 5\n", diag_code::type_mismatch, "lpr"},
    {"stray_character", "define x = revenue @ 3\n", diag_code::syntax_unexpected, "@"},
    {"unterminated_string", "define x = \"abc\n", diag_code::syntax_expected, "\n"},
    {"encodable_and_pays",
     "document d {\n  title \"t\"\n  provision p {\n    title \"t\"\n    not encodable \"x\"\n"
     "    pays 1万\n  }\n}\n",
     diag_code::bad_item, "p {"},
    {"field_of_number", "define x = revenue.amount\n", diag_code::unknown_field, "amount"},
    {"not_on_number", "define x = not 5\n", diag_code::type_mismatch, "not"},
    {"missing_where", "define x = any l in loans\n", diag_code::missing_item, "any"},
    {"sum_of_dates", "define x = sum of l.drawn for each l in loans\n", diag_code::type_mismatch,
     "sum"},
    {"unknown_group_part",
     "document d {\n  title \"t\"\n  provision p { article \"第一条\" / \"Article 1\"\n    title "
     "\"t\"\n    pays 1万\n  }\n  "
     "provision "
     "q {\n    title \"t\"\n    pays 1万\n  }\n}\ntake highest g { d.p, d.q.loan }\n",
     diag_code::unknown_provision, "d.q.loan"},
};

class RuleErrors : public ::testing::TestWithParam<bad_rule> {};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// Under `--lang zh` each message, and its help, reads in Chinese (the catalogue knows it).
void expect_translated(const compile_result& r) {
  for (const auto& d : r.diagnostics().items()) {
    std::string en = render(d, r.sources(), render_style::human, language::en);
    std::string zh = render(d, r.sources(), render_style::human, language::zh);
    EXPECT_NE(first_line(en), first_line(zh)) << "no Chinese for: " << d.message;
    EXPECT_EQ(zh.find("help:"), std::string::npos) << "no Chinese for: " << *d.help;
  }
}

// 30,000 terms in a row: a located error, never a stack overflow in evaluation or analysis.
TEST(RuleErrors, VeryLongChainsAreRejected) {
  for (const char* op : {" + 1 yuan", " and certified"}) {
    std::string chain = std::string("define x = ") + (op[1] == '+' ? "revenue" : "certified");
    for (int i = 0; i < 30000; ++i) chain += op;
    auto r = compile_sources({{"schema.elig", std::string(k_schema)}, {"chain.elig", chain + "\n"}},
                             load_options{.analyze = true, .as_of = date{}, .overrides = {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnostics().items().front().code, diag_code::nesting_too_deep)
        << render_all(r.diagnostics(), r.sources());
  }
}

TEST_P(RuleErrors, ReportsTheCodeAtTheSpot) {
  const bad_rule& c = GetParam();
  auto result = compile_sources({{"schema.elig", std::string(k_schema)}, {"t.elig", c.text}});
  EXPECT_FALSE(result.ok());
  std::string text = c.text;
  auto offset = static_cast<std::uint32_t>(text.find(c.at));
  ASSERT_NE(offset, std::string::npos);
  line_col want = result.sources().file(1).position(offset);
  bool found = false;
  for (const auto& d : result.diagnostics().items()) {
    if (d.code != c.code || !d.span || d.span->file != 1) continue;
    line_col got = result.sources().file(1).position(d.span->begin);
    if (got.line == want.line && got.column == want.column) found = true;
  }
  expect_translated(result);
  EXPECT_TRUE(found) << "want " << diag_id(c.code) << " at " << want.line << ":" << want.column
                     << ", got:\n"
                     << render_all(result.diagnostics(), result.sources());
  // Every diagnostic renders as file:line:col, the source line and a caret.
  for (const auto& d : result.diagnostics().items())
    if (d.span) {
      std::string r = render(d, result.sources());
      EXPECT_NE(r.find(" | "), std::string::npos) << r;
      EXPECT_NE(r.find('^'), std::string::npos) << r;
    }
}

INSTANTIATE_TEST_SUITE_P(Snippets, RuleErrors, ::testing::ValuesIn(k_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(RuleErrors, AllErrorsOfAFileAreReported) {
  auto result = compile_sources(
      {{"schema.elig", std::string(k_schema)},
       {"t.elig", "define a = revenu > 1万\ndefine b = certifed\ndefine c = employes > 3\n"}});
  std::size_t unknown = 0;
  for (const auto& d : result.diagnostics().items())
    if (d.code == diag_code::unknown_name) ++unknown;
  EXPECT_EQ(unknown, 3u);
}

TEST(RuleErrors, MisspellingGetsADidYouMean) {
  auto result = compile_sources(
      {{"schema.elig", std::string(k_schema)}, {"t.elig", "define a = revenu > 1万\n"}});
  ASSERT_FALSE(result.diagnostics().empty());
  EXPECT_EQ(result.diagnostics().items()[0].help, "did you mean `revenue`?");
}

// Syntax errors: one diagnostic each, at the offending word, with a hint that says what to
// write; no follow-on errors from the recovery.
struct syntax_case {
  std::string text;
  std::string at;  // "line:col"
  std::string help;
};

TEST(RuleErrors, SyntaxErrorsAreAtTheWordWithAHint) {
  const syntax_case cases[] = {
      {"document d {\n  titel \"t\" / \"t\"\n}\n", "2:3", "did you mean `title`?"},
      {"document d {\n  title \"t\" / \"t\"\n  provison p {\n    title \"p\"\n    when true\n"
       "    pays 1万\n  }\n}\n",
       "3:3", "did you mean `provision`?"},
      {"defne x = 1\n", "1:1", "did you mean `define`?"},
      {"define x = max(1，2)\n", "1:17", "`，` is full-width punctuation: write the ASCII `,`"},
      {"define x = （1 + 2)\n", "1:12", "`（` is full-width punctuation: write the ASCII `(`"},
      {"define x = true && false\n", "1:17", "write `and`"},
      {"define x = true || false\n", "1:17", "write `or`"},
  };
  for (const auto& c : cases) {
    auto r = compile_sources({{"schema.elig", std::string(k_schema)}, {"t.elig", c.text}});
    std::vector<const diagnostic*> errors;
    for (const auto& d : r.diagnostics().items())
      if (d.sev == severity::error) errors.push_back(&d);
    ASSERT_EQ(errors.size(), 1u) << c.text << render_all(r.diagnostics(), r.sources());
    auto pos = r.sources().file(errors[0]->span->file).position(errors[0]->span->begin);
    EXPECT_EQ(fmt::format("{}:{}", pos.line, pos.column), c.at) << c.text;
    EXPECT_EQ(errors[0]->help, c.help) << c.text;
    expect_translated(r);
  }
}

TEST(RuleErrors, DeclaredTwicePointsAtTheFirst) {
  auto r = compile_sources(
      {{"schema.elig", std::string(k_schema)}, {"t.elig", "define x = 1\ndefine x = 2\n"}});
  ASSERT_FALSE(r.ok());
  const auto& d = r.diagnostics().items()[0];
  EXPECT_EQ(d.code, diag_code::duplicate_name);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].second, "first declared here");
  EXPECT_EQ(r.sources().file(d.notes[0].first.file).position(d.notes[0].first.begin).line, 1u);
  EXPECT_NE(render(d, r.sources(), render_style::human, language::zh).find("note: 首次声明在此"),
            std::string::npos);
}

TEST(RuleErrors, NoSchemaIsAnError) {
  auto result = compile_sources({{"t.elig", "define a = 1\n"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics().items()[0].code, diag_code::no_schema);
}

TEST(RuleErrors, BundledRulesAreClean) {
  auto result = compile_paths({ELIG_RULES_DIR});
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.diagnostics().empty()) << render_all(result.diagnostics(), result.sources());
}

}  // namespace
}  // namespace elig
