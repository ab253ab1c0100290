// elig: command-line front end. Argument parsing only; see commands.cpp for the commands.
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "elig/version.hpp"
#include "lsp/lsp.hpp"

int main(int argc, char** argv) {
  using namespace elig::cli;
  CLI::App app{"elig: incentive-eligibility rules engine for Hangzhou metaverse policies"};
  app.set_version_flag("--version", elig::version);
  app.require_subcommand(1);
  common_options o;
  auto add_rules = [&](CLI::App* c) {
    c->add_option("--rules", o.rules,
                  "Rules directory or .elig files (default: the bundled rules)");
  };
  // A reform: parameters set without editing the rules.
  auto add_set = [&](CLI::App* c) {
    c->add_option(
         "--set", o.set,
         "Set a parameter of the rules, NAME=VALUE (e.g. shangcheng_rd_revenue_min=800万); "
         "repeatable")
        ->allow_extra_args(false);
  };
  auto add_eval = [&](CLI::App* c) {
    add_rules(c);
    add_set(c);
    c->add_option("--as-of", o.as_of, "Evaluation date YYYY-MM-DD (default: today)");
    c->add_option("--lang", o.lang, "Language of explanations")->check(CLI::IsMember({"zh", "en"}));
    c->add_option("--color", o.color, "Colour: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    c->add_flag("--include-drafts", o.include_drafts, "Count draft provisions in the total");
  };
  std::vector<std::string> profiles;
  std::string id, one_profile;

  auto* check = app.add_subcommand("check", "Check profiles against every provision");
  add_eval(check);
  check->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  check->add_option("--record", o.record,
                    "Append a decision record (JSON line) per profile to this file");
  check
      ->add_option("profiles", profiles,
                   "Profile files (TOML or JSON), folders of them, or - for standard input")
      ->required()
      ->check(CLI::ExistingPath | CLI::IsMember({"-"}));

  auto* explain = app.add_subcommand("explain", "Full trace of one provision for one profile");
  add_eval(explain);
  explain->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  explain->add_option("provision", id, "Provision id, e.g. shangcheng-2023.office")->required();
  explain->add_option("profile", one_profile, "Profile TOML file")
      ->required()
      ->check(CLI::ExistingFile);

  auto* paths = app.add_subcommand(
      "paths", "The least a company would have to change for each benefit it is not paid");
  add_eval(paths);
  paths->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  paths->add_option("--provision", id, "Only this provision, e.g. shangcheng-2023.rd");
  paths->add_option("profile", one_profile, "Profile file (TOML or JSON)")
      ->required()
      ->check(CLI::ExistingFile);

  sweep_command sw;
  auto* sweep = app.add_subcommand(
      "sweep", "The total payable as one amount fact varies, exact, with its cliffs");
  add_eval(sweep);
  sweep->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  sweep->add_option("--from", sw.from, "Start of the range (default 0), e.g. 500万");
  sweep->add_option("--to", sw.to, "End of the range (default: past the last breakpoint)");
  sweep->add_option("--chart", sw.chart, "Also write the curve as an SVG chart to this file");
  sweep->add_option("fact", sw.fact, "The fact to vary, e.g. main_revenue")->required();
  sweep->add_option("profile", sw.profile, "Profile file (TOML or JSON)")
      ->required()
      ->check(CLI::ExistingFile);

  auto* lint = app.add_subcommand("lint", "Parse and check the rules; report every diagnostic");
  add_rules(lint);
  lint->add_option("--format", o.format, "Diagnostic format")
      ->check(CLI::IsMember({"text", "json"}));
  lint->add_option("--as-of", o.as_of,
                   "Date for closed-window checks and witnesses (default: today)");
  lint->add_flag("--deny-warnings", o.deny_warnings, "Fail (exit 1) on warnings too");
  add_set(lint);
  lint->add_flag(
      "--show-accepted", o.show_accepted,
      "List the warnings the rules accept (`allow W1008 \"reason\"`) with their reasons");
  lint->add_option("--lang", o.lang, "Language of the diagnostics (zh by default)")
      ->check(CLI::IsMember({"zh", "en"}));

  auto* list = app.add_subcommand("list", "List documents and provisions");
  add_rules(list);
  list->add_option("--lang", o.lang, "Language")->check(CLI::IsMember({"zh", "en"}));
  list->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));

  auto* tmpl = app.add_subcommand("template", "Print a commented profile template");
  add_rules(tmpl);
  tmpl->add_option("--lang", o.lang, "Language")->check(CLI::IsMember({"zh", "en"}));

  std::vector<std::string> test_paths;
  auto* test =
      app.add_subcommand("test", "Run the test cases beside the rules (rules/**/tests/*.toml)");
  add_rules(test);
  test->add_flag("--coverage", o.coverage, "Report which conditions the cases made true and false");
  test->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  test->add_option("--lang", o.lang, "Language of explanations")
      ->check(CLI::IsMember({"zh", "en"}));
  test->add_option("--color", o.color, "Colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  test->add_option("paths", test_paths,
                   "Test files or directories (default: tests/ under the rules)");

  std::vector<std::string> batch_inputs;
  unsigned jobs = 0;
  std::string batch_out;
  bool no_progress = false;
  auto* batch = app.add_subcommand("batch", "Screen many profiles: one JSON line each, a summary");
  add_rules(batch);
  batch->add_option("--as-of", o.as_of, "Evaluation date YYYY-MM-DD (default: today)");
  batch->add_flag("--include-drafts", o.include_drafts, "Count draft provisions in the totals");
  add_set(batch);
  batch->add_option("--jobs,-j", jobs, "Worker threads (default: every core)")
      ->check(CLI::Range(1u, 1024u));
  batch->add_option("-o,--output", batch_out, "Write the JSON lines here (default: stdout)");
  batch->add_flag("--no-progress", no_progress, "No progress line, even on a terminal");
  std::string summary = "stdout";
  batch
      ->add_option("--summary", summary,
                   "The summary line: after the lines (stdout), on stderr (then one output line "
                   "per input line), or none")
      ->check(CLI::IsMember({"stdout", "stderr", "none"}));
  batch
      ->add_option("inputs", batch_inputs,
                   "JSON Lines files (.jsonl, .ndjson, - for stdin), .json/.toml files, folders")
      ->required();

  serve_command sc;
  auto* serve = app.add_subcommand("serve", "HTTP API and the applicants' web page");
  add_rules(serve);
  serve->add_option("--host", sc.host, "Address to listen on (default 127.0.0.1: this machine)");
  serve->add_option("--port", sc.port, "Port (0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--as-of", o.as_of,
                    "Date for requests without as_of (default: each day's date)");
  serve->add_option("--threads", sc.threads, "Worker threads (default: 8 per core, at least 32)")
      ->check(CLI::Range(1u, 1024u));
  serve->add_option("--queue", sc.queue, "Connections waiting for a worker before accepting waits")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  serve->add_option("--max-body", sc.max_body, "Largest request body in bytes (larger: 413)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
  serve->add_option("--timeout", sc.timeout, "Seconds to read or write a request")
      ->check(CLI::Range(1, 600));
  serve->add_flag("--no-watch", sc.no_watch, "Reload on SIGHUP only, not when a rule file changes");
  serve->add_option("--port-file", sc.port_file, "Write the port here once listening");
  serve->add_option("--decision-log", sc.decision_log,
                    "Append a decision record (JSON line) per checked profile to this file");
  serve
      ->add_option("--mask-facts", sc.mask_facts,
                   "Text facts written as *** in the decision log (e.g. company_name)")
      ->delimiter(',');
  serve->add_option("--tls-cert", sc.tls_cert, "PEM certificate: serve HTTPS")
      ->check(CLI::ExistingFile);
  serve->add_option("--tls-key", sc.tls_key, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--token-file", sc.token_file,
                   "Bearer tokens, one a line: every endpoint but /healthz needs one")
      ->check(CLI::ExistingFile);
  serve
      ->add_option("--rate-limit", sc.rate_limit,
                   "Requests a second per client (token, else address); beyond: 429")
      ->check(CLI::Range(0.001, 1e6));
  serve
      ->add_option("--rate-burst", sc.rate_burst,
                   "Requests a client may send at once (default: the rate, at least 1)")
      ->check(CLI::Range(1.0, 1e6));
  serve->add_option("--cors-origin", sc.cors_origin,
                    "Let pages from this origin (or *) call the API from a browser");

  std::string records_file;
  auto* replay =
      app.add_subcommand("replay", "Decide recorded decisions again; report differences");
  add_rules(replay);
  replay->add_option("records", records_file, "Decision records (from --record or --decision-log)")
      ->required()
      ->check(CLI::ExistingFile);

  std::vector<std::string> diff_args;
  auto* diff = app.add_subcommand("diff", "What a rules change does to a set of companies");
  diff->add_option("--as-of", o.as_of, "Evaluation date YYYY-MM-DD (default: today)");
  diff->add_option("--lang", o.lang, "Language")->check(CLI::IsMember({"zh", "en"}));
  diff->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  diff->add_flag("--include-drafts", o.include_drafts, "Count draft provisions in the totals");
  add_set(diff);
  diff->add_option("--weight", o.weight,
                   "A numeric fact that weighs each profile (a sample standing for a population)");
  diff->add_option("--chart", o.chart,
                   "Write an SVG chart here: the change per company, the budget per provision");
  diff->add_option("args", diff_args,
                   "OLD_RULES NEW_RULES PROFILES..., or with --set RULES PROFILES... (profiles: "
                   ".toml/.json files, folders of *.toml, JSON Lines of profiles or decision "
                   "records)")
      ->required();

  auto* lsp = app.add_subcommand("lsp", "Language server for editors (LSP over stdin/stdout)");
  add_rules(lsp);

  bool fmt_check = false;
  std::vector<std::string> fmt_files;
  auto* fmt = app.add_subcommand("fmt", "Rewrite rule files in the canonical layout");
  add_rules(fmt);
  fmt->add_flag("--check", fmt_check, "Change nothing; list the files that would change (exit 1)");
  bool fmt_diff = false;
  fmt->add_flag("--diff", fmt_diff, "Change nothing; show what would change as a diff (exit 1)");
  fmt->add_option("files", fmt_files, "Rule files (default: every .elig file of the rules)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? ok : bad_usage;
  }
  if (*check) return run_check(o, profiles);
  if (*explain) return run_explain(o, id, one_profile);
  if (*paths) return run_paths(o, id, one_profile);
  if (*sweep) return run_sweep(o, sw);
  if (*lint) return run_lint(o);
  if (*list) return run_list(o);
  if (*test) return run_test(o, test_paths);
  if (*fmt) return run_fmt(o, fmt_check, fmt_diff, fmt_files);
  if (*serve) return run_serve(o, sc);
  if (*replay) return run_replay(o, records_file);
  if (*batch) return run_batch(o, batch_inputs, jobs, batch_out, no_progress, summary);
  if (*diff) return run_diff(o, diff_args);
  if (*lsp) return run_lsp(stdin, stdout, o.rules);
  return run_template(o);
}
