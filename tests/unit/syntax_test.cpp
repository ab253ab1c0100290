// The parser: spans, recovery after an error, limits.
#include <gtest/gtest.h>

#include <string>

#include "syntax/parse.hpp"

namespace elig::syntax {
namespace {

struct parsed {
  source_manager sm;
  diagnostic_list diags;
  ast::rule_file file;
};

parsed parse(std::string text, parse_limits limits = {}) {
  parsed p;
  auto id = p.sm.add("t.elig", std::move(text));
  p.file = parse_file(p.sm.file(id), id, limits, p.diags);
  return p;
}

TEST(Parser, ParsesDeclarationsAndDocuments) {
  auto p = parse(R"(
# a comment
define big = revenue >= 1000万 and not small
document d-1 {
  title "标题" / "Title"
  provision x-y {
    title "t" / "t"
    article "第一条" / "Article 1"
    when big
    pays up to min(50% * rent, 200万)
  }
}
)");
  EXPECT_TRUE(p.diags.empty()) << render_all(p.diags, p.sm);
  ASSERT_EQ(p.file.declarations.size(), 1u);
  ASSERT_EQ(p.file.documents.size(), 1u);
  EXPECT_EQ(p.file.documents[0].id.text, "d-1");
  EXPECT_EQ(p.file.documents[0].items.size(), 2u);
  EXPECT_EQ(p.file.comments.size(), 1u);
}

TEST(Parser, SpansStartAtTheFirstTokenNotAtWhitespace) {
  auto p = parse("define   x   =   1\n");
  ASSERT_EQ(p.file.declarations.size(), 1u);
  const auto& d = boost::get<ast::define_decl>(p.file.declarations[0]);
  EXPECT_EQ(d.name.begin, 9u);
  EXPECT_EQ(d.name.end, 10u);
  EXPECT_EQ(d.value.begin, 17u);
}

TEST(Parser, ReportsEveryBrokenDeclarationNotOnlyTheFirst) {
  auto p = parse("define a = (1 +\ndefine b = 2\ndefine c = * 3\ndefine d = 4\n");
  EXPECT_EQ(p.diags.size(), 2u) << render_all(p.diags, p.sm);
  EXPECT_EQ(p.file.declarations.size(), 2u);
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "define x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
  auto p = parse(deep);
  ASSERT_EQ(p.diags.size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, diag_code::nesting_too_deep);
  std::string nots = "define x = ";
  for (int i = 0; i < 5000; ++i) nots += "not ";
  auto q = parse(nots + "true\n");
  ASSERT_FALSE(q.diags.empty());
  EXPECT_EQ(q.diags.items()[0].code, diag_code::nesting_too_deep);
}

TEST(Parser, FileSizeAndEncodingLimits) {
  auto p = parse(std::string(100, ' '), parse_limits{50, 64});
  ASSERT_EQ(p.diags.size(), 1u);
  EXPECT_EQ(p.diags.items()[0].code, diag_code::file_too_large);
  auto q = parse("define x = \"\xff\"\n");
  ASSERT_EQ(q.diags.size(), 1u);
  EXPECT_EQ(q.diags.items()[0].code, diag_code::bad_encoding);
}

TEST(Parser, NumberLiteralsKeepTheirUnits) {
  auto p =
      parse("define a = 200万\ndefine b = 10,000,000 yuan\ndefine c = 3 years\ndefine d = 50%\n");
  ASSERT_TRUE(p.diags.empty()) << render_all(p.diags, p.sm);
  EXPECT_EQ(p.file.declarations.size(), 4u);
  auto bad = parse("define a = 1,000,000\n");  // comma groups without a unit do not parse
  EXPECT_FALSE(bad.diags.empty());
}

TEST(Parser, CommaGroupsNeedAMoneyUnitSoArgumentsAreNotMerged) {
  auto p = parse("define m = max(100,200)\n");
  ASSERT_TRUE(p.diags.empty()) << render_all(p.diags, p.sm);
  ASSERT_EQ(p.file.declarations.size(), 1u);
}

}  // namespace
}  // namespace elig::syntax
