// The bundled Hangzhou rules: for every encodable provision an eligible, an ineligible and an
// undetermined case, and the boundary of each inclusive threshold.
#include <gtest/gtest.h>

#include <deque>
#include <set>
#include <sstream>

#include "support/test_rules.hpp"

namespace elig {
namespace {

using test::find;
using test::money;

// A Shangcheng company meeting every common condition.
constexpr std::string_view k_shangcheng = R"(claimed_year = 2024
company_name = "上城测试"
district = "shangcheng"
metaverse_enterprise = true
operates_lawfully = true
settled_date = 2023-01-10
main_business = "ai"
awards = []
)";
constexpr std::string_view k_xihu = R"(claimed_year = 2024
company_name = "西湖测试"
district = "xihu"
metaverse_enterprise = true
awards = []
)";
constexpr std::string_view k_qiantang = R"(claimed_year = 2024
company_name = "钱塘测试"
district = "qiantang"
metaverse_enterprise = true
awards = []
)";

// The base profile with `extra` added; a key `extra` states replaces the base's line for it.
std::string merged(std::string_view base, const std::string& extra) {
  std::set<std::string> keys;
  std::istringstream in(extra);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("[[")) break;
    if (auto eq = line.find(" = "); eq != std::string::npos) keys.insert(line.substr(0, eq));
  }
  std::string out;
  std::istringstream b{std::string(base)};
  for (std::string line; std::getline(b, line);) {
    auto eq = line.find(" = ");
    if (eq == std::string::npos || !keys.count(line.substr(0, eq))) out += line + "\n";
  }
  return out + extra;
}

const provision_result& check(std::string_view base, const std::string& extra, const char* id,
                              const char* as_of = "2024-12-31") {
  static std::deque<report> keep;  // results outlive the call for the reference returned
  keep.push_back(test::run(test::bundled(), merged(base, extra), as_of));
  return find(keep.back(), id);
}

TEST(Shangcheng, CommonConditionsApplyToEveryProvision) {
  auto& r = check(k_shangcheng, "settled_date = 2022-06-15\nstartup_project_certified = true\n",
                  "shangcheng-2023.startup");
  EXPECT_EQ(r.result, status::ineligible);
  EXPECT_EQ(check(k_shangcheng, "settled_date = 2022-06-16\nstartup_project_certified = true\n",
                  "shangcheng-2023.startup")
                .result,
            status::eligible);  // newly settled: on or after 2022-06-16 (inclusive)
  EXPECT_EQ(check(k_shangcheng, "main_business = \"other\"\nstartup_project_certified = true\n",
                  "shangcheng-2023.startup")
                .result,
            status::ineligible);
}

TEST(Shangcheng, Startup) {
  auto& yes = check(k_shangcheng, "startup_project_certified = true\n", "shangcheng-2023.startup");
  EXPECT_EQ(yes.result, status::eligible);
  EXPECT_EQ(yes.value.kind, amount_kind::range);
  EXPECT_EQ(yes.value.min, money("100000"));
  EXPECT_EQ(yes.value.max, money("200000"));
  EXPECT_EQ(
      check(k_shangcheng, "startup_project_certified = false\n", "shangcheng-2023.startup").result,
      status::ineligible);
  auto& open = check(k_shangcheng, "", "shangcheng-2023.startup");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"startup_project_certified"}));
  auto& paid = check(k_shangcheng,
                     "startup_project_certified = true\nawards = [{ provision = "
                     "\"shangcheng-2023.startup\", year = 2023 }]\n",
                     "shangcheng-2023.startup");
  EXPECT_EQ(paid.result, status::ineligible);
}

const std::string k_office = "office_certified = true\nrents_office = true\nrent_paid = 1000000\n";

TEST(Shangcheng, Office) {
  auto& r = check(k_shangcheng, k_office + "office_subsidy_received_before = false\n",
                  "shangcheng-2023.office");
  EXPECT_EQ(r.result, status::eligible);
  EXPECT_EQ(r.value.kind, amount_kind::up_to);
  EXPECT_EQ(r.value.max, money("500000"));
  // The cap: 50% of 5,000,000 is above 2,000,000.
  EXPECT_EQ(check(k_shangcheng,
                  "office_certified = true\nrents_office = true\nrent_paid = "
                  "5000000\noffice_subsidy_received_before = false\n",
                  "shangcheng-2023.office")
                .value.max,
            money("2000000"));
  // Third year counts (2022 + 3 > 2024), the fourth does not.
  EXPECT_EQ(
      check(k_shangcheng,
            k_office + "office_subsidy_received_before = true\noffice_subsidy_first_year = 2022\n",
            "shangcheng-2023.office")
          .result,
      status::eligible);
  EXPECT_EQ(
      check(k_shangcheng,
            k_office + "office_subsidy_received_before = true\noffice_subsidy_first_year = 2021\n",
            "shangcheng-2023.office")
          .result,
      status::ineligible);
  auto& open = check(
      k_shangcheng,
      "office_certified = true\nrents_office = true\noffice_subsidy_received_before = false\n",
      "shangcheng-2023.office");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"rent_paid"}));
  // Whether it was received before is asked first: the first year matters only if it was.
  auto& guard = check(k_shangcheng, k_office, "shangcheng-2023.office");
  EXPECT_EQ(guard.result, status::undetermined);
  EXPECT_EQ(guard.missing, (std::vector<std::string>{"office_subsidy_received_before"}));
  auto& then = check(k_shangcheng, k_office + "office_subsidy_received_before = true\n",
                     "shangcheng-2023.office");
  EXPECT_EQ(then.result, status::undetermined);
  EXPECT_EQ(then.missing, (std::vector<std::string>{"office_subsidy_first_year"}));
}

const std::string k_rd =
    "rd_certified = true\nrd_expense = 2000000\nrd_subsidy_received_before = false\n";

TEST(Shangcheng, Rd) {
  auto& at = check(k_shangcheng, k_rd + "main_revenue = 10000000\n", "shangcheng-2023.rd");
  EXPECT_EQ(at.result, status::eligible);  // >= 10,000,000 inclusive
  EXPECT_EQ(at.value.max, money("600000"));
  auto& below = check(k_shangcheng, k_rd + "main_revenue = 8200000\n", "shangcheng-2023.rd");
  EXPECT_EQ(below.result, status::ineligible);
  bool gap = false;
  for (const auto& c : below.conditions)
    gap = gap ||
          c.label.zh.find("8,200,000.00 < 研发补助营收门槛 10,000,000.00（差 1,800,000.00）") !=
              std::string::npos;
  EXPECT_TRUE(gap);
  EXPECT_EQ(
      check(k_shangcheng, k_rd + "main_revenue = \"9999999.99\"\n", "shangcheng-2023.rd").result,
      status::ineligible);
  EXPECT_EQ(check(k_shangcheng,
                  "rd_certified = true\nrd_expense = 20000000\nmain_revenue = "
                  "50000000\nrd_subsidy_received_before = false\n",
                  "shangcheng-2023.rd")
                .value.max,
            money("3000000"));
  auto& open = check(k_shangcheng, k_rd, "shangcheng-2023.rd");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"main_revenue"}));
}

TEST(Shangcheng, AboveSize) {
  auto& yes = check(k_shangcheng, "above_size_first_year = 2024\n", "shangcheng-2023.above-size");
  EXPECT_EQ(yes.result, status::eligible);
  EXPECT_EQ(yes.value.kind, amount_kind::fixed);
  EXPECT_EQ(yes.value.max, money("200000"));
  EXPECT_EQ(
      check(k_shangcheng, "above_size_first_year = 2023\n", "shangcheng-2023.above-size").result,
      status::ineligible);
  EXPECT_EQ(check(k_shangcheng, "", "shangcheng-2023.above-size").result, status::undetermined);
}

TEST(Shangcheng, RevenueMilestones) {
  auto& two = check(k_shangcheng, "main_revenue = 300000000\nrevenue_milestones_awarded = []\n",
                    "shangcheng-2023.revenue-milestone");
  EXPECT_EQ(two.result, status::eligible);  // 100M and 300M both first reached (inclusive)
  EXPECT_EQ(two.value.max, money("400000"));
  auto& one =
      check(k_shangcheng, "main_revenue = 300000000\nrevenue_milestones_awarded = [100000000]\n",
            "shangcheng-2023.revenue-milestone");
  EXPECT_EQ(one.value.max, money("300000"));
  EXPECT_EQ(check(k_shangcheng, "main_revenue = \"99999999.99\"\nrevenue_milestones_awarded = []\n",
                  "shangcheng-2023.revenue-milestone")
                .result,
            status::ineligible);
  auto& open =
      check(k_shangcheng, "main_revenue = 300000000\n", "shangcheng-2023.revenue-milestone");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"revenue_milestones_awarded"}));
}

TEST(Shangcheng, Talent) {
  EXPECT_EQ(check(k_shangcheng, "golden_boot_passed = true\n", "shangcheng-2023.talent").value.max,
            money("10000000"));
  EXPECT_EQ(check(k_shangcheng, "golden_boot_passed = false\n", "shangcheng-2023.talent").result,
            status::ineligible);
  EXPECT_EQ(check(k_shangcheng, "", "shangcheng-2023.talent").result, status::undetermined);
}

TEST(Shangcheng, StartupAndTalentAreOneTypeOfFunds) {
  auto d = test::run(
      test::bundled(),
      std::string(k_shangcheng) + "golden_boot_passed = true\nstartup_project_certified = true\n");
  EXPECT_TRUE(find(d, "shangcheng-2023.startup").notes.size() == 1);
  EXPECT_EQ(d.total.max, money("10000000"));
  EXPECT_EQ(d.total.min, money("100000"));
}

TEST(Shangcheng, LoanInterestWorkedExample) {
  // The fact sheet's example: drawn 2024-08-01, not repaid: 153 of 366 days.
  auto& r = check(k_shangcheng, R"(in_risk_pool = true
[[loans]]
principal = 6000000
drawdown_date = 2024-08-01
repaid = false
)",
                  "shangcheng-2023.loan-interest");
  EXPECT_EQ(r.result, status::eligible);
  EXPECT_EQ(r.value.max, money("42012.30"));  // 0.5 × 3.35% × 6,000,000 × 153 / 366
}

TEST(Shangcheng, LoanInterestCapCountsInDrawdownOrder) {
  auto& r = check(k_shangcheng, R"(in_risk_pool = true
[[loans]]
principal = 5000000
drawdown_date = 2024-09-15
repaid = true
repaid_date = 2025-03-14
[[loans]]
principal = 6000000
drawdown_date = 2024-08-01
repaid = false
)",
                  "shangcheng-2023.loan-interest");
  // The August loan counts first in full; the September loan only for the 4,000,000 left.
  EXPECT_EQ(r.value.max, money("61782.79"));
  auto& none =
      check(k_shangcheng, "in_risk_pool = false\nloans = []\n", "shangcheng-2023.loan-interest");
  EXPECT_EQ(none.result, status::ineligible);
  auto& open = check(k_shangcheng, R"(in_risk_pool = true
[[loans]]
principal = 1000000
drawdown_date = 2024-03-01
repaid = true
)",
                     "shangcheng-2023.loan-interest");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"loans[1].repaid_date"}));
}

TEST(Shangcheng, NotEncodableProvisionsAreListed) {
  EXPECT_EQ(check(k_shangcheng, "", "shangcheng-2023.scenario").result, status::not_encodable);
  EXPECT_EQ(check(k_shangcheng, "", "shangcheng-2023.ecosystem").result, status::not_encodable);
}

TEST(Shangcheng, NotInForceBeforeAnnouncement) {
  EXPECT_EQ(
      check(k_shangcheng, "golden_boot_passed = true\n", "shangcheng-2023.talent", "2023-06-15")
          .result,
      status::not_in_force);
}

TEST(Xihu, RdProjectEachCappedOnItsOwn) {
  auto& r = check(k_xihu, R"(
[[rd_projects]]
name = "数字孪生平台"
core_tech = "digital_twin"
expense = 10000000
[[rd_projects]]
name = "AR 导览"
core_tech = "ar_vr_mr"
expense = 1000000
[[rd_projects]]
name = "其他"
core_tech = "other"
expense = 5000000
)",
                  "xihu-2022.rd-project");
  EXPECT_EQ(r.result, status::eligible);
  EXPECT_EQ(r.value.max, money("2300000"));  // 2,000,000 (capped) + 300,000
  EXPECT_EQ(check(k_xihu, "rd_projects = []\n", "xihu-2022.rd-project").result, status::ineligible);
  EXPECT_EQ(check(k_xihu, "", "xihu-2022.rd-project").result, status::undetermined);
  EXPECT_EQ(check(std::string("claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"other\"\n"),
                  "", "xihu-2022.rd-project")
                .result,
            status::ineligible);
}

// Undetermined only when some answer to the open facts could change the status (issue #8):
// when nothing could pay, open common conditions do not keep a provision open.
TEST(Bundled, UndeterminedOnlyWhenAnAnswerCouldChangeIt) {
  const std::string xihu =
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"xihu\"\n"
      "awards = []\n";  // metaverse_enterprise not stated
  EXPECT_EQ(check(xihu, "rd_projects = []\n", "xihu-2022.rd-project").result, status::ineligible);
  auto& open = check(xihu, "", "xihu-2022.rd-project");
  EXPECT_EQ(open.result, status::undetermined);
  EXPECT_EQ(open.missing, (std::vector<std::string>{"metaverse_enterprise", "rd_projects"}));
  // Shangcheng without settled_date: nothing qualifies, so the date is not asked.
  const std::string shangcheng =
      "claimed_year = 2024\ncompany_name = \"x\"\ndistrict = \"shangcheng\"\n"
      "metaverse_enterprise = true\noperates_lawfully = true\nmain_business = \"ai\"\n"
      "awards = []\n";
  EXPECT_EQ(check(shangcheng, "main_revenue = 50000000\nrevenue_milestones_awarded = []\n",
                  "shangcheng-2023.revenue-milestone")
                .result,
            status::ineligible);
  EXPECT_EQ(check(shangcheng, "in_risk_pool = true\nloans = []\n", "shangcheng-2023.loan-interest")
                .result,
            status::ineligible);
  auto& could = check(shangcheng, "main_revenue = 300000000\nrevenue_milestones_awarded = []\n",
                      "shangcheng-2023.revenue-milestone");
  EXPECT_EQ(could.result, status::undetermined);
  EXPECT_EQ(could.missing, (std::vector<std::string>{"settled_date"}));
}

TEST(Xihu, ParkAwardHigherLevelOnly) {
  EXPECT_EQ(
      check(k_xihu, "park_designations = [\"provincial\", \"national\"]\n", "xihu-2022.park-award")
          .value.max,
      money("2000000"));
  EXPECT_EQ(
      check(k_xihu, "park_designations = [\"provincial\"]\n", "xihu-2022.park-award").value.max,
      money("1000000"));
  EXPECT_EQ(check(k_xihu, "park_designations = []\n", "xihu-2022.park-award").result,
            status::ineligible);
  EXPECT_EQ(check(k_xihu, "", "xihu-2022.park-award").result, status::undetermined);
}

TEST(Xihu, TalentRange) {
  auto& r = check(k_xihu, "talent_plan_selected = true\n", "xihu-2022.talent");
  EXPECT_EQ(r.value.min, money("5000000"));
  EXPECT_EQ(r.value.max, money("10000000"));
  EXPECT_EQ(check(k_xihu, "talent_plan_selected = false\n", "xihu-2022.talent").result,
            status::ineligible);
  EXPECT_EQ(check(k_xihu, "", "xihu-2022.talent").result, status::undetermined);
}

TEST(Qiantang, TalentPackagePartsAndDraft) {
  auto& r = check(k_qiantang, "high_level_talent_founder = true\n", "qiantang-2024.talent-package");
  EXPECT_EQ(r.result, status::eligible);
  EXPECT_TRUE(r.draft);
  EXPECT_FALSE(r.counted_in_total);
  EXPECT_EQ(r.value.max, money("20000000"));
  ASSERT_EQ(r.parts.size(), 4u);
  EXPECT_EQ(r.parts[1].result, status::not_encodable);
  EXPECT_EQ(check(k_qiantang, "high_level_talent_founder = false\n", "qiantang-2024.talent-package")
                .result,
            status::ineligible);
  EXPECT_EQ(check(k_qiantang, "", "qiantang-2024.talent-package").result, status::undetermined);
  EXPECT_EQ(check(k_qiantang, "high_level_talent_founder = true\n", "qiantang-2024.talent-package",
                  "2024-04-09")
                .result,
            status::not_in_force);
}

TEST(Qiantang, Exceptional) {
  EXPECT_EQ(check(k_qiantang, "exceptional_project_selected = true\n", "qiantang-2024.exceptional")
                .value.max,
            money("100000000"));
  EXPECT_EQ(check(k_qiantang, "exceptional_project_selected = false\n", "qiantang-2024.exceptional")
                .result,
            status::ineligible);
  EXPECT_EQ(check(k_qiantang, "", "qiantang-2024.exceptional").result, status::undetermined);
}

TEST(Qiantang, LoanInterestUsesTheRateOnTheDrawdownDate) {
  auto& r = check(k_qiantang, R"(
[[loans]]
principal = 12000000
drawdown_date = 2024-10-21
repaid = false
)",
                  "qiantang-2024.loan-interest");
  // 0.5 × 3.10% × 10,000,000 (cap) × 72 / 366 = 30,491.80
  EXPECT_EQ(r.value.max, money("30491.80"));
  EXPECT_EQ(check(k_qiantang, "loans = []\n", "qiantang-2024.loan-interest").result,
            status::ineligible);
  EXPECT_EQ(check(k_qiantang, "", "qiantang-2024.loan-interest").result, status::undetermined);
  auto& early = check(k_qiantang, R"(
[[loans]]
principal = 1000000
drawdown_date = 2021-12-01
repaid = false
)",
                      "qiantang-2024.loan-interest");
  EXPECT_EQ(early.result, status::undetermined);  // no LPR value known before 2022-01-20
  EXPECT_EQ(early.issues.size(), 1u);
}

}  // namespace
}  // namespace elig
