#include "generator/random_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace elig::testgen {
namespace {

// The schema every generated rule set shares; the rules read a random part of it.
constexpr const char* k_schema = R"(schema {
  fact claimed_year : year required period "申报年度" / "Claimed year"
  fact b1 : bool "甲" / "Flag one"
  fact b2 : bool "乙" / "Flag two"
  fact n1 : integer "数量" / "Count"
  fact d1 : decimal "面积" / "Area"
  fact m1 : money "收入" / "Revenue"
  fact m2 : money "支出" / "Expense"
  fact r1 : percent "比例" / "Share"
  fact t1 : date "成立日期" / "Founded"
  fact t2 : date "落户日期" / "Settled"
  fact y1 : year "首年" / "First year"
  fact e1 : enum(a "甲类" / "Kind A", b, c) "类别" / "Kind"
  fact tags : list of enum(x, y, z) "标签" / "Tags"
  record item "项目" / "Item" {
    fact amount : money required "金额" / "Amount"
    fact day : date "日期" / "Day"
    fact ok : bool "合格" / "Qualifies"
  }
  fact items : list of item "项目" / "Items"
  history awards "已获奖励" / "Awards already received"
}
)";

class writer {
 public:
  explicit writer(const draw& next) : next_(next) {}

  generated run(int profiles) {
    generated g;
    std::string body;
    body += parameters();
    body += brackets_and_ladder();
    body += definitions();
    const int documents = 1 + pick(3);
    for (int d = 0; d < documents; ++d) body += document(d);
    if (chance(3)) body += exclusion();
    body += combinations();
    g.rules = std::string(k_schema) + body;
    for (int i = 0; i < profiles; ++i) g.profiles.push_back(profile());
    g.as_of = {"2023-12-31", "2024-02-29", "2025-06-30"};
    return g;
  }

 private:
  // ---- choices ----
  std::uint64_t raw() { return next_(); }
  int pick(int n) { return n <= 1 ? 0 : static_cast<int>(raw() % static_cast<std::uint64_t>(n)); }
  bool chance(int one_in) { return pick(one_in) == 0; }
  template <typename T>
  const T& one_of(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }

  // ---- literals, remembered so that profiles can sit on and beside them ----
  std::string money_literal() {
    static const std::vector<std::int64_t> k = {0, 1, 5000, 10000, 100000, 500000, 1000000};
    std::int64_t v = one_of(k) * (1 + pick(9));
    money_.insert(v);
    if (v % 10000 == 0 && v > 0) return fmt::format("{}万", v / 10000);
    return fmt::format("{} yuan", v);
  }
  std::string number_literal() {
    const int v = pick(40) - 5;
    numbers_.insert(v);
    return v < 0 ? fmt::format("(0 - {})", -v) : std::to_string(v);
  }
  std::string date_literal() {
    static const std::vector<std::string> k = {"2022-01-01", "2023-06-16", "2024-02-29",
                                               "2024-03-01", "2024-12-31", "2025-01-01"};
    const std::string& d = one_of(k);
    dates_.insert(d);
    return d;
  }
  std::string percent_literal() { return fmt::format("{}%", 5 * (1 + pick(20))); }

  // ---- expressions, by type; `item` names a record variable in scope ("" for none) ----
  std::string boolean(int depth, const std::string& item = "") {
    const int n = depth <= 0 ? 4 : 17;
    switch (pick(n)) {
      case 0:
        return chance(2) ? "b1" : "b2";
      case 1:
        return fmt::format("{} {} {}", money(depth - 1, item), comparison(), money_literal());
      case 2:
        return fmt::format("e1 {}", chance(2) ? "== \"a\"" : "in [\"b\", \"c\"]");
      case 3:
        if (!item.empty()) return chance(2) ? item + ".ok" : item + ".amount >= " + money_literal();
        return fmt::format("{} {} {}", chance(2) ? "n1" : "d1", comparison(), number_literal());
      case 4:
        return fmt::format("({} and {})", boolean(depth - 1, item), boolean(depth - 1, item));
      case 5:
        return fmt::format("({} or {})", boolean(depth - 1, item), boolean(depth - 1, item));
      case 6:
        return fmt::format("not {}", boolean(depth - 1, item));
      case 7:
        return fmt::format("{} {} {}", date(depth - 1, item), comparison(), date(depth - 1, item));
      case 8:
        return fmt::format("(any i in items where {})", boolean(depth - 1, "i"));
      case 9:
        return fmt::format("(all i in items where {})", boolean(depth - 1, "i"));
      case 10:
        return fmt::format("(none i in items where {})", boolean(depth - 1, "i"));
      case 11:
        return fmt::format("\"{}\" {} tags", one_of<std::string>({"x", "y", "z"}),
                           chance(3) ? "not in" : "in");
      case 12:
        return fmt::format("given({})", one_of<std::string>({"m1", "t1", "b2", "items"}));
      case 13:
        return fmt::format("({} otherwise {})", boolean(depth - 1, item), boolean(depth - 1, item));
      case 14:
        if (!flags_.empty()) return one_of(flags_);
        return "b1";
      case 15:
        return fmt::format("(if {} then {} else {})", boolean(depth - 1, item),
                           boolean(depth - 1, item), boolean(depth - 1, item));
      default:
        return fmt::format("y1 {} claimed_year", comparison());
    }
  }

  std::string comparison() { return one_of<std::string>({">=", ">", "<", "<=", "==", "!="}); }

  std::string money(int depth, const std::string& item = "") {
    const int n = depth <= 0 ? 3 : 16;
    switch (pick(n)) {
      case 0:
        return chance(2) ? "m1" : "m2";
      case 1:
        return money_literal();
      case 2:
        if (!item.empty()) return item + ".amount";
        return "m2";
      case 3:
        return fmt::format("{} * {}", chance(2) ? percent_literal() : "r1", money(depth - 1, item));
      case 4:
        return fmt::format("({} + {})", money(depth - 1, item), money(depth - 1, item));
      case 5:
        return fmt::format("({} - {})", money(depth - 1, item), money(depth - 1, item));
      case 6:
        return fmt::format("min({}, {})", money(depth - 1, item), money(depth - 1, item));
      case 7:
        return fmt::format("max({}, {}, {})", money(depth - 1, item), money(depth - 1, item),
                           money_literal());
      case 8:
        return fmt::format("round({}, {})", money(depth - 1, item), pick(3));
      case 9:
        return fmt::format("(if {} then {} else {})", boolean(depth - 1, item),
                           money(depth - 1, item), money(depth - 1, item));
      case 10:
        return fmt::format("({} otherwise {})", money(depth - 1, item), money(depth - 1, item));
      case 11:
        return fmt::format("(sum of i.amount for each i in items where {})",
                           boolean(depth - 1, "i"));
      case 12:
        return fmt::format("({} of i.amount for each i in items)", chance(2) ? "max" : "min");
      case 13:
        return fmt::format("tier(d1) * {}", money(depth - 1, item));
      case 14:
        return fmt::format("{} / {}", money(depth - 1, item), chance(2) ? "n1" : "2");
      default:
        if (!amounts_.empty()) return one_of(amounts_);
        return fmt::format("rate * {}", money(depth - 1, item));
    }
  }

  std::string date(int depth, const std::string& item = "") {
    const int n = depth <= 0 ? 3 : 8;
    switch (pick(n)) {
      case 0:
        return chance(2) ? "t1" : "t2";
      case 1:
        return date_literal();
      case 2:
        return item.empty() ? "today" : item + ".day";
      case 3:
        return fmt::format("today - {} months", 1 + pick(36));
      case 4:
        return fmt::format("{} + {} {}", chance(2) ? "t1" : "t2", 1 + pick(24),
                           chance(2) ? "months" : "days");
      case 5:
        return "date(claimed_year, 1, 1)";
      case 6:
        return fmt::format("max({}, {})", date(depth - 1, item), date(depth - 1, item));
      default:
        return "(t1 otherwise t2)";
    }
  }

  // ---- declarations ----
  std::string parameters() {
    std::string out = "parameter rate \"利率\" / \"Rate\" : percent {\n";
    const int first = 2020 + pick(6);  // after 2024 leaves earlier as-of dates without a value
    out += fmt::format("  from {}-01-01 = {}\n", first, percent_literal());
    if (chance(2)) out += fmt::format("  from {}-07-01 = {}\n", first, percent_literal());
    return out + "}\n";
  }

  std::string brackets_and_ladder() {
    const int k1 = 1 + pick(10), k2 = k1 + 1 + pick(10);
    numbers_.insert(k1);
    numbers_.insert(k2);
    // Without a first row below k1 a small area has no row: an evaluation error (E3104).
    std::string out = "brackets tier {\n";
    out += chance(3) ? fmt::format("  from 0 below {} => 10%\n", k1)
                     : fmt::format("  below {} => 10%\n", k1);
    out += fmt::format("  from {} below {} => 20%\n  from {} => 30%\n}}\n", k1, k2, k2);
    out += "ladder steps \"里程碑\" / \"Milestones\" {\n";
    // Thresholds rise from row to row.
    const std::int64_t low = 10000 * (1 + pick(50)), high = low + 10000 * (1 + pick(50));
    money_.insert(low);
    money_.insert(high);
    out += fmt::format("  {}万 => {}\n  {}万 => {}\n}}\n", low / 10000, money_literal(),
                       high / 10000, money_literal());
    return out;
  }

  std::string definitions() {
    std::string out;
    out += fmt::format("define flag_a \"条件甲\" / \"Condition A\" =\n  {}\n", boolean(2));
    flags_.push_back("flag_a");
    if (chance(2)) out += fmt::format("  interpretation \"按字面理解。\" / \"Read as written.\"\n");
    out += fmt::format("define amount_a \"金额甲\" / \"Amount A\" = {}\n", money(2));
    amounts_.push_back("amount_a");
    out += fmt::format("define item_value(i : item) \"单项金额\" / \"Item value\" =\n  {}\n",
                       money(1, "i"));
    return out;
  }

  std::string conditions(int depth) {
    std::string out;
    for (int c = pick(3); c > 0; --c)
      out += fmt::format("    {} {}\n", chance(4) ? "unless" : "when", boolean(depth));
    return out;
  }

  std::string benefit(int& once) {
    switch (pick(9)) {
      case 0:
        return fmt::format("pays {}", money(2));
      case 1:
        return fmt::format("pays up to {}", money(2));
      case 2: {
        std::int64_t lo = 10000 * (1 + pick(10)), hi = lo + 10000 * pick(10);
        money_.insert(lo);
        money_.insert(hi);
        return fmt::format("pays from {}万 to {}万", lo / 10000, hi / 10000);
      }
      case 3:
        ++once;
        return fmt::format("pays once {}", money_literal());
      case 4:
        return fmt::format("pays up to min(30% * i.amount, {}) for each i in items where {}",
                           money_literal(), boolean(1, "i"));
      case 5:
        return "pays item_value(i) for each i in items";
      case 6:
        return fmt::format("pays m.award for each m in steps where m1 >= m.threshold");
      case 7:
        return fmt::format("pays round(rate * {}, 2)", money(1));
      default:
        return fmt::format("pays {}", money_literal());
    }
  }

  std::string provision(int d, int p) {
    std::string id = fmt::format("p{}", p);
    std::string out =
        fmt::format("  provision {} {{\n    title \"条款{}\" / \"Provision {}\"\n", id, p, p);
    out += fmt::format("    article \"第{}条\" / \"Article {}\"\n", p + 1, p + 1);
    if (chance(8)) {
      out += "    not encodable \"金额未公开。\" / \"The amount is not public.\"\n  }\n";
      members_.push_back({fmt::format("d{}.{}", d, id), {}});
      return out;
    }
    out += conditions(2);
    if (chance(5)) out += fmt::format("    for at most {} years from y1\n", 1 + pick(3));
    if (chance(6)) out += fmt::format("    valid from {}\n", date_literal());
    int once = 0;
    std::vector<std::string> parts;
    if (chance(4)) {
      const int n = 2 + pick(2);
      for (int k = 0; k < n; ++k) {
        out += fmt::format("    part q{} \"部分{}\" / \"Part {}\" {{\n", k, k, k);
        if (chance(5)) {
          out += "      not encodable \"未公开。\" / \"Not public.\"\n    }\n";
        } else {
          if (chance(2)) out += fmt::format("      when {}\n", boolean(1));
          out += fmt::format("      {}\n    }}\n", benefit(once));
        }
        parts.push_back(fmt::format("d{}.{}.q{}", d, id, k));
      }
    } else {
      out += fmt::format("    {}\n", benefit(once));
    }
    once_ += once;
    members_.push_back({fmt::format("d{}.{}", d, id), parts});
    return out + "  }\n";
  }

  std::string document(int d) {
    std::string out =
        fmt::format("document d{} {{\n  title \"文件{}\" / \"Document {}\"\n", d, d, d);
    const int status = pick(8);
    out += fmt::format("  status {}\n", status == 0   ? "draft"
                                        : status == 1 ? "superseded"
                                                      : "in_force");
    out += fmt::format("  valid from {}",
                       one_of<std::string>({"2020-01-01", "2023-06-16", "2024-03-01"}));
    if (chance(4))
      out += fmt::format(" until {}", one_of<std::string>({"2024-02-29", "2025-01-01"}));
    out += "\n";
    if (chance(3)) out += "  interpretation \"文件解释。\" / \"A reading of the document.\"\n";
    for (int c = pick(3); c > 0; --c) out += fmt::format("  when {}\n", boolean(1));
    const int provisions = 1 + pick(4);
    for (int p = 0; p < provisions; ++p) out += provision(d, p);
    return out + "}\n";
  }

  std::string exclusion() {
    return fmt::format(
        "exclusion bad {{\n  title \"排除\" / \"Excluded\"\n  article \"第九条\" / \"Article 9\"\n"
        "  when {}\n}}\n",
        boolean(1));
  }

  // A take-highest group and a cap over distinct members (a provision or one of its parts,
  // never both).
  std::string combinations() {
    std::string out;
    for (int g = 0; g < 2; ++g) {
      std::vector<std::string> chosen;
      std::set<std::size_t> used;
      const int want = 2 + pick(2);
      for (int tries = 0; tries < 8 && static_cast<int>(chosen.size()) < want; ++tries) {
        const auto m = static_cast<std::size_t>(pick(static_cast<int>(members_.size())));
        if (used.count(m)) continue;
        used.insert(m);
        const auto& [id, parts] = members_[m];
        chosen.push_back(!parts.empty() && chance(2) ? one_of(parts) : id);
      }
      if (chosen.size() < 2 || chance(3)) continue;
      std::string list;
      for (const auto& c : chosen) list += (list.empty() ? "" : ", ") + c;
      if (g == 0)
        out += fmt::format("take highest best \"择高\" / \"Highest\" {{ {} }}\n", list);
      else
        out += fmt::format("cap limit \"封顶\" / \"Cap\" at most {} {{ {} }}\n", money_literal(),
                           list);
    }
    return out;
  }

  // ---- profiles ----
  std::string money_value() {
    if (money_.empty() || chance(4)) return std::to_string(pick(3'000'000));
    const std::int64_t base = *std::next(money_.begin(), pick(static_cast<int>(money_.size())));
    // At the threshold, one fen below or above it.
    switch (pick(3)) {
      case 0:
        return std::to_string(base);
      case 1:
        return base > 0 ? fmt::format("\"{}.99\"", base - 1) : "0";
      default:
        return fmt::format("\"{}.01\"", base);
    }
  }
  std::string number_value() {
    if (numbers_.empty() || chance(4)) return std::to_string(pick(30));
    const int base = *std::next(numbers_.begin(), pick(static_cast<int>(numbers_.size())));
    return std::to_string(base + pick(3) - 1);
  }
  std::string date_value() {
    static const std::vector<std::string> extra = {"2024-02-29", "2023-02-28", "2021-12-31",
                                                   "2025-06-30", "2022-06-16"};
    if (dates_.empty() || chance(2)) return one_of(extra);
    return *std::next(dates_.begin(), pick(static_cast<int>(dates_.size())));
  }

  std::string profile() {
    std::string top = fmt::format("claimed_year = {}\n", 2022 + pick(4));
    std::string tables;
    const auto maybe = [&](const char* name, const std::string& value) {
      if (!chance(4)) top += fmt::format("{} = {}\n", name, value);
    };
    maybe("b1", chance(2) ? "true" : "false");
    maybe("b2", chance(2) ? "true" : "false");
    maybe("n1", number_value());
    maybe("d1", chance(2) ? number_value() : fmt::format("{}.5", pick(20)));
    maybe("m1", money_value());
    maybe("m2", money_value());
    maybe("r1", fmt::format("\"{}%\"", pick(101)));
    maybe("t1", date_value());
    maybe("t2", date_value());
    maybe("y1", std::to_string(2020 + pick(6)));
    maybe("e1", fmt::format("\"{}\"", one_of<std::string>({"a", "b", "c", "甲类"})));
    std::string tags;
    for (const char* t : {"x", "y", "z"})
      if (chance(2)) tags += (tags.empty() ? "\"" : ", \"") + std::string(t) + "\"";
    maybe("tags", "[" + tags + "]");
    if (chance(3)) {
      top += "items = []\n";
    } else if (!chance(4)) {
      for (int i = pick(4); i > 0; --i) {
        tables += fmt::format("\n[[items]]\namount = {}\n", money_value());
        if (!chance(3)) tables += fmt::format("day = {}\n", date_value());
        if (!chance(3)) tables += fmt::format("ok = {}\n", chance(2) ? "true" : "false");
      }
    }
    if (!chance(4)) {
      top += "awards = []\n";
    }
    return top + tables;
  }

  const draw& next_;
  std::set<std::int64_t> money_;
  std::set<int> numbers_;
  std::set<std::string> dates_;
  std::vector<std::string> flags_, amounts_;
  std::vector<std::pair<std::string, std::vector<std::string>>> members_;
  int once_ = 0;
};

}  // namespace

generated generate(const draw& next, int profiles) { return writer(next).run(profiles); }

draw seeded(std::uint64_t seed) {
  return [state = seed]() mutable {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  };
}

}  // namespace elig::testgen
