#pragma once
// The `elig` subcommands: thin wrappers that parse nothing and decide nothing; they call the
// engine's public API and print. Exit codes are documented in README.md.
#include <cstdio>
#include <elig/ruleset.hpp>
#include <elig/verdict.hpp>
#include <optional>
#include <string>
#include <vector>

namespace elig::cli {

enum exit_code : int {
  ok = 0,
  bad_rules = 1,
  bad_usage = 2,
  bad_profile = 3,
  tests_failed = 4,
  records_differ = 5
};

struct common_options;
// The rules used without `--rules`: `$ELIG_RULES`, else those installed beside the program.
std::string bundled_rules();

// The language `--lang` names.
elig::language language_of(const common_options& o);

struct common_options {
  std::string rules;        // empty: the bundled rules
  std::string as_of;        // empty: today
  std::string lang = "zh";  // checked on the command line: "zh" or "en"
  std::string format = "text";
  std::string color = "auto";
  bool include_drafts = false;
  bool coverage = false;
  bool deny_warnings = false;
  bool show_accepted = false;    // lint: list the warnings the rules accept
  std::string record;            // `check --record FILE`: append a decision record per profile
  std::vector<std::string> set;  // `--set NAME=VALUE`: parameters set for a reform
  std::string weight;            // diff: a numeric fact that weighs each profile
  std::string chart;             // diff: write an SVG chart here
};

// Shared by the commands: colour on a terminal, diagnostics in the chosen format and language,
// the rules (with `--set`), the as-of date (printing why not, when they cannot be had).
bool use_color(const common_options& o, FILE* stream);
void print_diags(const diagnostic_list& d, const source_manager& s, const common_options& o);
compile_result compile_rules(const common_options& o, load_options lo = {});
compile_result load_rules(const common_options& o);
std::optional<date> as_of_date(const common_options& o);
// Whether the rules have provision `id`; if not, says so with a did-you-mean.
bool known_provision(const ruleset& rules, const std::string& id);

struct serve_command {
  std::string host = "127.0.0.1";
  int port = 8080;
  unsigned threads = 0;
  std::size_t queue = 64;
  std::size_t max_body = 1 << 20;
  int timeout = 5;
  bool no_watch = false;
  std::string port_file, decision_log;
  std::string tls_cert, tls_key, token_file, cors_origin;
  std::vector<std::string> mask_facts;
  double rate_limit = 0, rate_burst = 0;
};

int run_check(const common_options& o, const std::vector<std::string>& profiles);
int run_explain(const common_options& o, const std::string& id, const std::string& profile);
int run_lint(const common_options& o);
int run_list(const common_options& o);
int run_template(const common_options& o);
int run_fmt(const common_options& o, bool check, bool diff, const std::vector<std::string>& files);
int run_test(const common_options& o, const std::vector<std::string>& paths);
int run_batch(const common_options& o, const std::vector<std::string>& inputs, unsigned jobs,
              const std::string& output, bool no_progress, const std::string& summary);
int run_serve(const common_options& o, const serve_command& s);
int run_replay(const common_options& o, const std::string& records);
int run_diff(const common_options& o, const std::vector<std::string>& args);
struct sweep_command {
  std::string fact, profile, from, to, chart;
};
// `elig sweep FACT [--from A] [--to B] [--chart FILE.svg] PROFILE`: the benefit curve.
int run_sweep(const common_options& o, const sweep_command& s);
// `elig paths [--provision ID] PROFILE`: the least changes that would make each provision paid.
int run_paths(const common_options& o, const std::string& provision, const std::string& profile);

}  // namespace elig::cli
