// `elig test`: reads test files (TOML), evaluates each case, compares with its expectations, and
// records which conditions the cases made true, false and unknown.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "check/ir.hpp"
#include "elig/decision_json.hpp"
#include "elig/files.hpp"
#include "elig/impact.hpp"
#include "elig/testing.hpp"
#include "facade/ruleset_impl.hpp"
#include "profile/load_table.hpp"
#include "profile/toml.hpp"

namespace elig {
namespace fs = std::filesystem;

std::size_t test_report::passed() const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [](const case_result& c) { return c.passed; }));
}
std::size_t test_report::failed() const { return cases.size() - passed(); }

std::vector<fs::path> default_test_files(const fs::path& rules) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(rules, ec)) return out;
  // `rules/**/tests/*.toml`: files directly in a `tests` folder; folders below it (the cases'
  // own profiles, say) hold no test files.
  for (const auto& file : find_files({rules}, ".toml").files)
    if (file.parent_path().filename() == "tests") out.push_back(file);
  return out;
}

namespace {

// Test files are held to the profile limit: a larger one is an error, never read whole.
constexpr std::size_t k_test_file_limit = 1 << 20;

std::string slurp(const fs::path& p, bool& ok) {
  std::string text;
  ok = read_bounded(p, k_test_file_limit, text) && text.size() <= k_test_file_limit;
  return text;
}

std::string display(const fs::path& p) {
  std::error_code ec;
  auto rel = fs::relative(p, ec);
  return ec || rel.empty() || rel.native().starts_with("..") ? p.string() : rel.string();
}

class runner {
 public:
  runner(const ruleset& rules, test_report& report) : rules_(rules), report_(report) {
    for (const auto& p : rules.provisions()) {
      provision_coverage c;
      c.id = p.id;
      report_.coverage.push_back(std::move(c));
    }
  }

  void run_file(const fs::path& path) {
    bool ok = false;
    std::string text = slurp(path, ok);
    if (!ok) {
      report_.diags.add(
          diag_code::io_error,
          text.size() > k_test_file_limit
              ? fmt::format("`{}` is larger than the limit of {} bytes for a test file",
                            display(path), k_test_file_limit)
              : fmt::format("cannot read `{}`", display(path)));
      return;
    }
    run_text(path, display(path), std::move(text));
  }

  // `path` places the profiles a case names by file; `name` is what diagnostics call the file.
  void run_text(const fs::path& path, const std::string& name, std::string text) {
    std::uint32_t file = report_.sources->add(name, std::move(text));
    toml::table root;
    try {
      root = toml::parse(report_.sources->file(file).text(), name);
    } catch (const toml::parse_error& e) {
      error(file, e.source(), diag_code::profile_syntax, std::string(e.description()),
            "a test file is TOML: [[case]] tables with a profile and [[case.expect]] entries");
      return;
    }
    const toml::array* cases = root["case"].as_array();
    if (!cases) {
      error(file, root.source(), diag_code::missing_item, "a test file needs `[[case]]` tables",
            "see docs/testing.md");
      return;
    }
    for (const auto& node : *cases) {
      if (const auto* c = node.as_table()) run_case(path, file, *c);
    }
  }

 private:
  void error(std::uint32_t file, const toml::source_region& at, diag_code code, std::string msg,
             std::optional<std::string> help = {}) {
    const auto& f = report_.sources->file(file);
    std::uint32_t off = at.begin.line ? f.offset({at.begin.line, at.begin.column}) : 0;
    report_.diags.add(code, std::move(msg), source_span{file, off, off + 1}, std::move(help));
  }

  // A misspelt key would silently test nothing: every key must be one the runner reads.
  bool known_keys(std::uint32_t file, const toml::table& t, const std::vector<std::string>& keys) {
    bool ok = true;
    for (const auto& [key, node] : t) {
      std::string k(key.str());
      if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
      auto near = nearest_name(k, keys);
      error(file, key.source(), diag_code::profile_unknown_key, fmt::format("unknown key `{}`", k),
            near ? fmt::format("did you mean `{}`?", *near) : std::string("see docs/testing.md"));
      ok = false;
    }
    return ok;
  }

  bool known_value(std::uint32_t file, const toml::table& e, const char* key,
                   const std::vector<std::string>& values) {
    auto v = e[key].value<std::string>();
    if (!v || std::find(values.begin(), values.end(), *v) != values.end()) return true;
    auto near = nearest_name(*v, values);
    error(file, e[key].node()->source(), diag_code::profile_enum,
          fmt::format("`{}` is not a {}", *v, key),
          near ? fmt::format("did you mean `{}`?", *near) : std::string("see docs/testing.md"));
    return false;
  }

  // A case that cannot be read as written fails: a summary line must never say "passed"
  // beside an error in the case itself.
  void run_case(const fs::path& path, std::uint32_t file, const toml::table& c) {
    case_result res;
    res.file = report_.sources->file(file).name();
    res.line = c.source().begin.line;
    auto name = c["name"].value<std::string>();
    res.name = name ? *name : std::string("case at line ") + std::to_string(res.line);
    const std::size_t errors_before = report_.diags.items().size();
    if (c.contains("name") && !name)
      error(file, c["name"].node()->source(), diag_code::profile_type,
            "`name` must be text in quotes");
    fill_case(path, file, c, res);
    if (report_.diags.items().size() > errors_before) {
      res.passed = false;
      res.failures.push_back("the case is malformed: see the errors reported above");
    }
    report_.cases.push_back(std::move(res));
  }

  void fill_case(const fs::path& path, std::uint32_t file, const toml::table& c, case_result& res) {
    if (!known_keys(file, c, {"name", "as_of", "profile", "expect", "include_drafts"})) return;
    // The profile: inline table, or a path relative to the test file.
    profile_result loaded;
    if (const auto* inline_profile = c["profile"].as_table()) {
      loaded = profiles::load_profile_table(detail::program_of(rules_), *inline_profile,
                                            res.file + ": " + res.name, report_.sources, file);
    } else if (auto rel = c["profile"].value<std::string>()) {
      loaded = rules_.load_profile_file(path.parent_path() / *rel);
    } else {
      error(file, c.source(), diag_code::missing_item,
            fmt::format("case `{}` has no `profile`", res.name),
            "give `profile = \"path.toml\"` or a `[case.profile]` table");
      return;
    }
    if (!loaded) {
      res.passed = false;
      res.failures.push_back("the profile has errors:\n" +
                             render_all(loaded.diagnostics(), loaded.sources()));
      return;
    }
    explain_options o;
    o.as_of = *date::parse("2024-12-31");
    if (auto d = c["as_of"].value<toml::date>()) {
      if (auto v = date::from_ymd(d->year, d->month, d->day)) o.as_of = *v;
    } else if (c.contains("as_of")) {
      error(file, c["as_of"].node()->source(), diag_code::profile_type, "`as_of` must be a date");
      return;
    } else {
      error(file, c.source(), diag_code::missing_item,
            fmt::format("case `{}` has no `as_of` date", res.name),
            "results depend on the date: add `as_of = 2024-12-31`");
      return;
    }
    o.include_drafts_in_total = c["include_drafts"].value_or(false);
    report d = rules_.explain(loaded.get(), o);
    // What the officer checks here is what a screening decides: the same evaluator, lanes off,
    // interpreted and synthesised (where the program links them), as a service asks it and as a
    // decision line (`elig batch`) asks it, must agree with the explanation (a disagreement is
    // a defect of elig, reported).
    for (const int lanes : {0, 1, 2})
      for (const bool line : {false, true}) {
        decide_options screening =
            decision_json_writer::line_options(o.as_of, o.include_drafts_in_total);
        screening.condition_outcomes = !line;
        screening.fast_lanes = lanes != 0;
        screening.synthesised_lanes = lanes == 2;
        for (auto& l : disagreements(d, rules_.decide(loaded.get(), screening), screening))
          res.failures.push_back("elig's screening disagrees with its explanation: " + l);
      }
    const toml::array* expects = c["expect"].as_array();
    if (!expects || expects->empty()) {
      error(file, c.source(), diag_code::missing_item,
            fmt::format("case `{}` expects nothing", res.name), "add `[[case.expect]]` entries");
      return;
    }
    for (const auto& en : *expects) {
      const auto* e = en.as_table();
      if (!e) continue;
      if (!known_keys(file, *e,
                      {"provision", "status", "kind", "amount", "min", "max", "missing"}) ||
          !known_value(
              file, *e, "status",
              {"eligible", "ineligible", "undetermined", "not_in_force", "not_encodable"}) ||
          !known_value(file, *e, "kind", {"fixed", "up_to", "range", "none"}))
        continue;
      auto id = (*e)["provision"].value<std::string>();
      if (!id) {
        error(file, e->source(), diag_code::missing_item, "an expectation needs `provision`");
        continue;
      }
      if (*id == "total") {
        check_total(*e, d, res, file);
        continue;
      }
      auto it = std::find_if(d.provisions.begin(), d.provisions.end(),
                             [&](const provision_result& r) { return r.id == *id; });
      if (it == d.provisions.end()) {
        std::vector<std::string> ids;
        for (const auto& r : d.provisions) ids.push_back(r.id);
        auto near = nearest_name(*id, ids);
        error(file, (*e)["provision"].node()->source(), diag_code::unknown_provision,
              fmt::format("unknown provision `{}`", *id),
              near ? std::optional(fmt::format("did you mean `{}`?", *near)) : std::nullopt);
        continue;
      }
      cover(*it);
      std::size_t before = res.failures.size();
      compare(*e, *it, res, file);
      if (res.failures.size() > before) res.explained.push_back(*it);
    }
    res.passed = res.failures.empty();
  }

  std::optional<decimal> amount_field(const toml::table& e, const char* key, std::uint32_t file) {
    const toml::node* n = e.get(key);
    if (!n) return std::nullopt;
    if (auto i = n->value<std::int64_t>(); n->is_integer()) return decimal::from_int(*i);
    if (auto s = n->value<std::string>())
      if (auto d = decimal::parse(*s)) return d;
    error(file, n->source(), diag_code::profile_type,
          fmt::format("`{}` must be an amount such as \"600000.00\"", key));
    return std::nullopt;
  }

  void compare(const toml::table& e, const provision_result& r, case_result& res,
               std::uint32_t file) {
    auto fail = [&](std::string field, std::string want, std::string got) {
      res.failures.push_back(fmt::format("{}: {}: expected {}, got {}", r.id, field, want, got));
    };
    if (auto want = e["status"].value<std::string>(); want && *want != status_name(r.result))
      fail("status", *want, std::string(status_name(r.result)));
    if (auto want = e["kind"].value<std::string>(); want && *want != amount_kind_name(r.value.kind))
      fail("amount kind", *want, std::string(amount_kind_name(r.value.kind)));
    if (auto a = amount_field(e, "amount", file)) {
      // One figure: the amount of a fixed award, the ceiling of an "up to".
      if (!(r.value.max == *a) || (r.value.kind == amount_kind::fixed && !(r.value.min == *a)))
        fail("amount", a->to_grouped(2),
             r.value.kind == amount_kind::none ? "none" : r.value.max.to_grouped(2));
    }
    if (auto a = amount_field(e, "min", file); a && !(r.value.min == *a))
      fail("min", a->to_grouped(2), r.value.min.to_grouped(2));
    if (auto a = amount_field(e, "max", file); a && !(r.value.max == *a))
      fail("max", a->to_grouped(2), r.value.max.to_grouped(2));
    if (e.contains("missing") && !e["missing"].as_array())
      error(file, e["missing"].node()->source(), diag_code::profile_type,
            "`missing` must be a list of fact names", "write `missing = [\"rent_paid\"]`");
    if (const auto* m = e["missing"].as_array()) {
      std::vector<std::string> want;
      for (const auto& x : *m) {
        if (auto s = x.value<std::string>())
          want.push_back(*s);
        else
          error(file, x.source(), diag_code::profile_type, "a missing fact is named in quotes");
      }
      // Exactly these facts, in any order: the report lists them in the schema's order.
      std::vector<std::string> got = r.missing;
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      if (want != got) {
        auto join = [](const std::vector<std::string>& v) {
          std::string s;
          for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
          return "[" + s + "]";
        };
        fail("missing", join(want), join(r.missing));
      }
    }
  }

  void check_total(const toml::table& e, const report& d, case_result& res, std::uint32_t file) {
    if (auto a = amount_field(e, "min", file); a && !(d.total.min == *a))
      res.failures.push_back(fmt::format("total: min: expected {}, got {}", a->to_grouped(2),
                                         d.total.min.to_grouped(2)));
    if (auto a = amount_field(e, "max", file); a && !(d.total.max == *a))
      res.failures.push_back(fmt::format("total: max: expected {}, got {}", a->to_grouped(2),
                                         d.total.max.to_grouped(2)));
  }

  void cover(const provision_result& r) {
    auto it = std::find_if(report_.coverage.begin(), report_.coverage.end(),
                           [&](const provision_coverage& c) { return c.id == r.id; });
    if (it == report_.coverage.end()) return;
    ++it->cases;
    auto note = [&](const condition_trace& t) {
      auto c = std::find_if(
          it->conditions.begin(), it->conditions.end(),
          [&](const condition_coverage& x) { return x.kind == t.kind && x.span == t.span; });
      if (c == it->conditions.end()) {
        condition_coverage fresh;
        fresh.kind = t.kind;
        fresh.span = t.span;
        it->conditions.push_back(fresh);
        c = it->conditions.end() - 1;
      }
      c->seen_true = c->seen_true || t.result == outcome::yes;
      c->seen_false = c->seen_false || t.result == outcome::no;
      c->seen_unknown = c->seen_unknown || t.result == outcome::unknown;
    };
    for (const auto& t : r.conditions) note(t);
    for (const auto& p : r.parts)
      for (const auto& t : p.conditions) note(t);
  }

  const ruleset& rules_;
  test_report& report_;
};

}  // namespace

test_report run_tests(const ruleset& rules, const std::vector<fs::path>& paths) {
  test_report report;
  runner r(rules, report);
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(p, ec))
      report.diags.add(diag_code::io_error,
                       fmt::format("cannot read `{}`: {}", p.string(),
                                   ec ? ec.message() : std::string("no such file or directory")));
  }
  // The same search as everywhere: *.toml under directories.
  const file_list found = collect_toml_files(paths);
  for (const auto& problem : found.problems)
    report.diags.add(diag_code::io_error, problem, std::nullopt,
                     "officers' cases live in `tests/` beside the rules (docs/testing.md)");
  for (const auto& f : found.files)
    if (std::error_code ec; fs::exists(f, ec)) files.push_back(f);
  std::sort(files.begin(), files.end());
  if (files.empty() && !report.diags.has_errors())
    report.diags.add(diag_code::io_error, "no test files (`*.toml`) found", std::nullopt,
                     "officers' cases live in `tests/` beside the rules (docs/testing.md)");
  for (const auto& f : files) r.run_file(f);
  return report;
}

test_report run_test_text(const ruleset& rules, std::string_view text, std::string name,
                          const fs::path& place) {
  test_report report;
  runner r(rules, report);
  r.run_text(place, name, std::string(text));
  return report;
}

}  // namespace elig
