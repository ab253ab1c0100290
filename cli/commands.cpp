#include "commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <elig/files.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "batch.hpp"
#include "elig/elig.hpp"
#include "elig/format.hpp"
#include "elig/impact.hpp"
#include "elig/testing.hpp"
#include "http.hpp"
#include "line_diff.hpp"
#include "records.hpp"
#include "service.hpp"

namespace elig::cli {
namespace fs = std::filesystem;

elig::language language_of(const common_options& o) {
  return parse_language(o.lang).value_or(language::zh);
}

// The bundled rules: `$ELIG_RULES`, else `../share/elig/rules` from the program's own folder
// (the install prefix, or the build tree, where CMake links it to the source rules).
std::string bundled_rules() {
  if (const char* env = std::getenv("ELIG_RULES")) return env;
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "share/elig/rules";  // reported as a missing rules folder
  return (exe.parent_path().parent_path() / "share" / "elig" / "rules").string();
}

bool use_color(const common_options& o, FILE* stream) {
  if (o.color == "always") return true;
  if (o.color == "never" || std::getenv("NO_COLOR")) return false;
  return isatty(fileno(stream)) != 0;
}

void print_diags(const diagnostic_list& d, const source_manager& s, const common_options& o) {
  render_style style = o.format == "json"     ? render_style::json
                       : use_color(o, stderr) ? render_style::human_color
                                              : render_style::human;
  std::cerr << render_all(d, s, style, language_of(o));
}

compile_result compile_rules(const common_options& o, load_options lo) {
  lo.overrides = o.set;
  return compile_paths({o.rules.empty() ? bundled_rules() : o.rules}, lo);
}

// The rules, or an empty result after printing why they cannot be used.
compile_result load_rules(const common_options& o) {
  compile_result r = compile_rules(o);
  if (!r) print_diags(r.diagnostics(), r.sources(), o);
  return r;
}

bool known_provision(const ruleset& rules, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& p : rules.provisions()) ids.push_back(p.id);
  if (std::find(ids.begin(), ids.end(), id) != ids.end()) return true;
  auto near = nearest_name(id, ids);
  std::cerr << "elig: error: unknown provision `" << id << "`"
            << (near ? "\nhelp: did you mean `" + *near + "`?" : std::string()) << "\n";
  return false;
}

std::optional<date> as_of_date(const common_options& o) {
  if (o.as_of.empty()) {
    auto now = std::chrono::system_clock::now();
    auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return date::from_days(static_cast<std::int32_t>(days));
  }
  auto d = date::parse(o.as_of);
  if (!d) std::cerr << "elig: error: --as-of `" << o.as_of << "` is not a date (YYYY-MM-DD)\n";
  return d;
}

// Profiles named on the command line: files as given, folders for their `.toml` and `.json`
// files, `-` for standard input.
static std::vector<std::string> profile_inputs(const std::vector<std::string>& given, bool& bad) {
  std::vector<std::string> out;
  for (const auto& g : given) {
    std::error_code ec;
    if (g == "-" || !fs::is_directory(g, ec)) {
      out.push_back(g);
      continue;
    }
    std::size_t before = out.size();
    bool unreadable = false;
    for (const char* ext : {".toml", ".json"}) {
      const file_list found = find_files({fs::path(g)}, ext);
      for (const auto& f : found.files) out.push_back(f.string());
      for (const auto& problem : found.problems) {
        std::cerr << "elig: error: " << problem << "\n";
        unreadable = bad = true;
      }
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
    if (out.size() == before && !unreadable) {
      std::cerr << "elig: error: no profiles (`.toml`, `.json`) in " << g << "\n";
      bad = true;
    }
  }
  return out;
}

// At most one byte past the profile limit is read, so an endless stream cannot fill memory.
static profile_result read_stdin_profile(const ruleset& rules) {
  constexpr std::size_t k_limit = (1 << 20) + 1;
  std::string text;
  char buf[65536];
  while (text.size() < k_limit) {
    std::cin.read(buf, sizeof buf);
    if (std::cin.gcount() <= 0) break;
    text.append(buf, static_cast<std::size_t>(std::cin.gcount()));
  }
  if (text.size() > k_limit) text.resize(k_limit);
  return rules.load_profile(text, "<stdin>");
}

// The text lists an eligible provision's conditions as one line: say, once, how to see them.
static void print_explain_hint(const std::vector<report>& reports, language lang) {
  for (const auto& rep : reports)
    for (const auto& r : rep.provisions)
      if (r.result == status::eligible && !r.conditions.empty()) {
        std::cout << fmt::format(
            fmt::runtime(lang == language::en
                             ? "\n`elig explain {} {}` lists each condition with its values.\n"
                             : "\n`elig explain {} {}` 逐项列出条件及所用数值。\n"),
            r.id, rep.profile);
        return;
      }
}

int run_check(const common_options& o, const std::vector<std::string>& profiles) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  explain_options eo;
  eo.as_of = *when;
  eo.explain = true;
  eo.include_drafts_in_total = o.include_drafts;
  if (o.format != "json") eo.lang = language_of(o);  // JSON carries both languages
  std::vector<report> decisions;
  bool bad = false;
  std::unique_ptr<server::record_log> log;
  if (!o.record.empty()) {
    try {
      log = std::make_unique<server::record_log>(o.record);
    } catch (const std::exception& e) {
      std::cerr << "elig: error: " << e.what() << "\n";
      return bad_usage;
    }
  }
  const decision_json_writer writer(*rules.rules());
  for (const auto& path : profile_inputs(profiles, bad)) {
    auto loaded =
        path == "-" ? read_stdin_profile(*rules.rules()) : rules.rules()->load_profile_file(path);
    if (!loaded) {
      print_diags(loaded.diagnostics(), loaded.sources(), o);
      bad = true;
      continue;
    }
    decisions.push_back(rules.rules()->explain(loaded.get(), eo));
    if (log) {
      const decide_options dopts = decision_json_writer::line_options(*when, o.include_drafts);
      log->append(server::decision_record(*rules.rules(), writer, loaded.get(), dopts,
                                          rules.rules()->decide(loaded.get(), dopts)));
    }
  }
  render_options ro{language_of(o), use_color(o, stdout), false};
  if (o.format == "json") {
    std::cout << render_json(decisions, *rules.rules(), *when);
  } else {
    for (std::size_t i = 0; i < decisions.size(); ++i) {
      if (i) std::cout << "\n";
      std::cout << (o.format == "markdown" ? render_markdown(decisions[i], ro)
                                           : render_text(decisions[i], ro));
    }
    if (o.format == "text") print_explain_hint(decisions, ro.lang);
  }
  return bad ? bad_profile : ok;
}

int run_explain(const common_options& o, const std::string& id, const std::string& profile) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  if (!known_provision(*rules.rules(), id)) return bad_usage;
  auto loaded = rules.rules()->load_profile_file(profile);
  if (!loaded) {
    print_diags(loaded.diagnostics(), loaded.sources(), o);
    return bad_profile;
  }
  explain_options eo;
  eo.as_of = *when;
  eo.include_drafts_in_total = o.include_drafts;
  eo.only = id;  // the others are decided (for the total and combinations), not explained
  if (o.format != "json") eo.lang = language_of(o);
  report d = rules.rules()->explain(loaded.get(), eo);
  std::erase_if(d.provisions, [&](const provision_result& r) { return r.id != id; });
  if (o.format == "json") {
    std::cout << render_json({d}, *rules.rules(), *when);
    return ok;
  }
  render_options ro{language_of(o), use_color(o, stdout), true};
  std::cout << render_provision_text(d.provisions.front(), ro);
  return ok;
}

int run_lint(const common_options& o) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  load_options lo;
  lo.analyze = true;
  lo.as_of = *when;
  auto rules = compile_rules(o, lo);
  // Warnings the rules accept (`allow`) are notes: shown on request, counted apart.
  diagnostic_list shown;
  std::size_t errors = 0, warnings = 0, accepted = 0;
  for (const auto& d : rules.diagnostics().items()) {
    errors += d.sev == severity::error;
    warnings += d.sev == severity::warning;
    accepted += d.sev == severity::note;
    if (d.sev != severity::note || o.show_accepted) shown.add(d.code, d.message) = d;
  }
  print_diags(shown, rules.sources(), o);
  if (o.format != "json") {
    bool zh = o.lang != "en";
    std::string also = accepted == 0 ? ""
                       : zh          ? fmt::format("，已接受 {} 个{}", accepted,
                                          o.show_accepted ? "" : "（--show-accepted 列出）")
                                     : fmt::format(", {} accepted{}", accepted,
                                          o.show_accepted ? "" : " (--show-accepted lists them)");
    std::cerr << (zh ? fmt::format("{} 个错误，{} 个警告{}，共 {} 个文件\n", errors, warnings, also,
                                   rules.sources().size())
                     : fmt::format("{} error(s), {} warning(s){} in {} file(s)\n", errors, warnings,
                                   also, rules.sources().size()));
  }
  return errors || (o.deny_warnings && warnings) ? bad_rules : ok;
}

int run_list(const common_options& o) {
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  std::cout << (o.format == "json" ? render_list_json(*rules.rules())
                                   : render_list_text(*rules.rules(), language_of(o)));
  return ok;
}

int run_template(const common_options& o) {
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  std::cout << render_template(*rules.rules(), language_of(o));
  return ok;
}

int run_test(const common_options& o, const std::vector<std::string>& paths) {
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  std::vector<fs::path> files;
  for (const auto& p : paths) files.emplace_back(p);
  if (files.empty()) files = default_test_files(o.rules.empty() ? bundled_rules() : o.rules);
  if (files.empty()) {
    std::cerr << "elig: error: no test files found (looked for tests/*.toml under the rules)\n";
    return tests_failed;
  }
  test_report report = run_tests(*rules.rules(), files);
  print_diags(report.diags, *report.sources, o);
  if (o.format == "json") {
    std::cout << render_test_json(report, rules.sources(), o.coverage);
  } else {
    std::cout << render_test_text(report, {language_of(o), use_color(o, stdout), true});
    if (o.coverage) std::cout << render_coverage_text(report, rules.sources(), language_of(o));
  }
  return report.failed() || report.diags.has_errors() ? tests_failed : ok;
}

int run_batch(const common_options& o, const std::vector<std::string>& inputs, unsigned jobs,
              const std::string& output, bool no_progress, const std::string& summary) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  std::FILE* out = stdout;
  if (!output.empty() && output != "-") {
    out = std::fopen(output.c_str(), "wb");
    if (!out) {
      std::cerr << "elig: error: cannot write `" << output << "`\n";
      return bad_usage;
    }
  }
  batch_options b{inputs, *when, o.include_drafts, jobs,
                  !no_progress && isatty(fileno(stderr)) != 0};
  b.summary = summary == "stderr" ? batch_options::summary_to::stderr_
              : summary == "none" ? batch_options::summary_to::none
                                  : batch_options::summary_to::stdout_;
  int code = run_batch_chunks(*rules.rules(), b, out, stderr);
  if (out != stdout && std::fclose(out) != 0) {
    std::cerr << "elig: error: cannot write `" << output << "`\n";
    return bad_usage;
  }
  return code;
}

int run_serve(const common_options& o, const serve_command& s) {
  server::service_options so;
  so.rules_path = o.rules.empty() ? bundled_rules() : o.rules;
  so.decision_log = s.decision_log;
  so.mask_facts = s.mask_facts;
  so.cors_origin = s.cors_origin;
  so.rate_limit = s.rate_limit;
  so.rate_burst = s.rate_burst;
  if (s.tls_cert.empty() != s.tls_key.empty()) {
    std::cerr << "elig: error: --tls-cert and --tls-key go together\n";
    return bad_usage;
  }
  if (!s.mask_facts.empty() && s.decision_log.empty()) {
    std::cerr << "elig: error: --mask-facts masks facts in the decision log: give --decision-log\n";
    return bad_usage;
  }
  if (!o.as_of.empty()) {
    auto when = as_of_date(o);
    if (!when) return bad_usage;
    so.default_as_of = *when;
  }
  std::unique_ptr<server::service> svc;
  try {
    if (!s.token_file.empty()) so.tokens = server::read_token_file(s.token_file);
    svc = std::make_unique<server::service>(so);
    if (!svc->reload()) {
      std::cerr << svc->last_reload_error();
      return bad_rules;
    }
  } catch (const std::exception& e) {
    std::cerr << "elig: error: " << e.what() << "\n";
    return bad_usage;
  }
  server::serve_options opts{s.host,    s.port,      s.threads,   s.queue,    s.max_body,
                             s.timeout, !s.no_watch, s.port_file, s.tls_cert, s.tls_key};
  return server::serve(*svc, opts) == 0 ? ok : bad_usage;
}

int run_replay(const common_options& o, const std::string& records) {
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  auto r = server::replay_records(*rules.rules(), records);
  if (r.records == 0) {
    std::cerr << "elig: error: no decision records in `" << records << "`\n";
    return bad_usage;
  }
  std::cout << r.report;
  std::cout << r.records << " record(s): " << r.same << " same, " << r.different << " different, "
            << r.unreadable << " unreadable\n";
  return r.different || r.unreadable ? records_differ : ok;
}

int run_diff(const common_options& o, const std::vector<std::string>& args) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  // `diff OLD NEW PROFILES...`, or with `--set`, `diff RULES PROFILES...`: the rules before and
  // after the parameters are set.
  const std::size_t rule_args = o.set.empty() ? 2 : 1;
  if (args.size() < rule_args + 1) {
    std::cerr << (o.set.empty() ? "elig: error: give OLD_RULES NEW_RULES PROFILES...\n"
                                : "elig: error: with --set, give RULES PROFILES...\n");
    return bad_usage;
  }
  common_options before = o, after = o;
  before.rules = args[0];
  before.set.clear();
  after.rules = args[rule_args - 1];
  const std::vector<std::string> profiles(args.begin() + static_cast<std::ptrdiff_t>(rule_args),
                                          args.end());
  auto r0 = load_rules(before);
  auto r1 = load_rules(after);
  if (!r0 || !r1) return bad_rules;
  std::vector<fs::path> paths;
  for (const auto& p : profiles) paths.emplace_back(p);
  const impact_inputs found = read_impact_inputs(paths);
  for (const auto& problem : found.problems) std::cerr << "elig: error: " << problem << "\n";
  if (!found.problems.empty()) return bad_usage;
  impact_options io;
  io.as_of = *when;
  io.include_drafts = o.include_drafts;
  io.lang = language_of(o);
  io.weight_fact = o.weight;
  impact_report report = compare_rules(*r0.rules(), *r1.rules(), found.items, io);
  std::cerr << report.problems;
  render_options ro{language_of(o), false, false};
  if (!o.chart.empty()) {
    std::ofstream chart(o.chart, std::ios::binary);
    chart << render_impact_svg(report, ro);
    if (!chart) {
      std::cerr << "elig: error: cannot write `" << o.chart << "`\n";
      return bad_usage;
    }
  }
  if (o.format == "json")
    std::cout << render_impact_json(report);
  else if (o.format == "markdown")
    std::cout << render_impact_markdown(report, ro);
  else
    std::cout << render_impact_text(report, ro);
  return report.has_problems ? bad_profile : ok;
}

int run_fmt(const common_options& o, bool check, bool diff, const std::vector<std::string>& files) {
  // Files and folders alike (a folder stands for its `.elig` files); a path that is neither, or a
  // folder without rules, is an error, never a silent success.
  std::vector<fs::path> given;
  for (const auto& f : files) given.emplace_back(f);
  if (given.empty())
    given.push_back(o.rules.empty() ? fs::path(bundled_rules()) : fs::path(o.rules));
  auto found = find_files(given, ".elig");
  for (const auto& problem : found.problems) std::cerr << "elig: error: " << problem << "\n";
  if (!found.problems.empty()) return bad_usage;
  if (found.files.empty()) {
    std::cerr << "elig: error: no `.elig` rule files in " << given.front().string() << "\n";
    return bad_usage;
  }
  std::vector<fs::path> paths = std::move(found.files);
  check = check || diff;
  int status = ok;
  for (const auto& p : paths) {
    std::string text;  // one byte past the limit makes the parser report the file as too large
    if (!read_bounded(p, load_options{}.max_file_bytes, text)) {
      std::cerr << "elig: error: cannot read `" << p.string() << "`\n";
      status = bad_rules;
      continue;
    }
    auto parsed = check_syntax(text, p.string());
    if (parsed.diags.has_errors()) {
      print_diags(parsed.diags, *parsed.sources, o);
      status = bad_rules;
      continue;
    }
    std::string formatted = format_rules(text);
    // Formatting changes only white space; refuse rather than risk the meaning.
    if (rule_tokens(formatted) != rule_tokens(text)) {
      std::cerr << "elig: error: formatting `" << p.string()
                << "` would change its tokens; the file is left as it is\n";
      status = bad_rules;
      continue;
    }
    if (formatted == text) continue;
    if (check) {
      if (diff)
        std::cout << unified_diff(text, formatted, p.string());
      else
        std::cout << "would reformat " << p.string() << "\n";
      status = status == ok ? bad_rules : status;
      continue;
    }
    std::ofstream(p, std::ios::binary) << formatted;
    std::cout << "formatted " << p.string() << "\n";
  }
  return status;
}

}  // namespace elig::cli
