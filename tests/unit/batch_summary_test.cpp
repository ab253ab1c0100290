// A screening's summary: what each decision adds, merged across workers or cluster partitions,
// and read back from the line it is written as, so that partitions in other processes merge to
// the same summary as one process.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_rules.hpp"

namespace elig {
namespace {

namespace fs = std::filesystem;

decision decided(const std::string& example) {
  auto loaded = test::bundled().load_profile_file(fs::path(ELIG_EXAMPLES_DIR) / example);
  EXPECT_TRUE(loaded.ok());
  return test::bundled().decide(loaded.get(), {test::day("2024-12-31"), false});
}

TEST(BatchSummary, PartsMergeToTheWholeAndRoundTripThroughTheirLine) {
  const char* examples[] = {"hangzhou-xr-studio.toml", "xihu-digital-twin.toml",
                            "qiantang-newcomer.toml", "shangcheng-ai-startup.toml"};
  batch_summary whole(test::bundled()), first(test::bundled()), second(test::bundled());
  for (std::size_t i = 0; i < std::size(examples); ++i) {
    decision d = decided(examples[i]);
    whole.add(d);
    (i < 2 ? first : second).add(d);
  }
  whole.add_error();
  second.add_error();
  auto a = batch_summary::from_json(test::bundled(), first.json());
  auto b = batch_summary::from_json(test::bundled(), second.json());
  ASSERT_TRUE(a && b);
  a->merge(*b);
  EXPECT_EQ(a->json(), whole.json());
  EXPECT_EQ((whole.profiles()), 5u);
  EXPECT_EQ((whole.errors()), 1u);
  EXPECT_NE(whole.json().find(R"({"id":"xihu-2022.park-award","eligible":1,"undetermined":0})"),
            std::string::npos)
      << whole.json();
}

TEST(BatchSummary, AnythingElseIsNotASummary) {
  batch_summary s(test::bundled());
  std::string line = s.json();
  EXPECT_TRUE(batch_summary::from_json(test::bundled(), line));
  for (std::string bad :
       {std::string("{}"), std::string("not json"), line.substr(0, line.size() / 2),
        std::string(R"({"version":2,"summary":{"profiles":1,"errors":2}})")})
    EXPECT_FALSE(batch_summary::from_json(test::bundled(), bad)) << bad;
  std::string renamed = line;
  renamed.replace(renamed.find("xihu-2022"), 9, "yuhang-22");
  EXPECT_FALSE(batch_summary::from_json(test::bundled(), renamed));
}

}  // namespace
}  // namespace elig
