#pragma once
// The facade: compile rules once, then evaluate many profiles, from many threads if you like.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "elig/date.hpp"
#include "elig/decision.hpp"
#include "elig/diagnostic.hpp"
#include "elig/profile.hpp"
#include "elig/report.hpp"
#include "elig/source.hpp"

namespace elig {

class ruleset;
namespace detail {
struct ruleset_impl;  // the checked program and its compiled plan
                      // (engine/src/facade/ruleset_impl.hpp)
// For the engine's own layers: what a rule set is made of (an incomplete type everywhere else).
const ruleset_impl& impl_of(const ruleset& r);
}  // namespace detail

struct load_options {
  std::size_t max_file_bytes = 1 << 20;  // a rule file above this is an error (E1006)
  std::size_t max_nesting = 64;          // expression nesting above this is an error (E1005)
  bool analyze = false;  // run the static analysis (warnings W1xxx), as `elig lint` does
  date as_of;            // for the analysis: windows closed before it, witnesses evaluated at it
  // Reforms tried without editing the rules: `NAME=VALUE` sets parameter NAME to VALUE (written
  // as in the rules: `800万`, `3.5%`) on every date. A name that is not a parameter, or a value
  // of the wrong type, is a located error in a source named `--set`. The rules' hash covers them.
  std::vector<std::string> overrides;
};

struct explain_options {
  date as_of;
  bool explain = true;  // false: the verdicts of a report without their explanation
  bool include_drafts_in_total = false;
  std::optional<language> lang;  // the words of one language only; none: both
  std::string only;  // explain this provision (by id) alone; the others are only decided
};

struct provision_info {
  std::string id;
  std::string document;
  bitext title;
  bitext citation;  // the article, in each language
  document_status doc_status = document_status::in_force;
  std::optional<date> valid_from;
  std::optional<date> valid_until;
  bool encodable = true;
  bitext reason;           // why not encodable
  bool pays_once = false;  // `pays once`: not paid again to a company that received it
};

struct document_info {
  std::string id;
  bitext title;
  bitext issuer;
  document_status status = document_status::in_force;
  std::optional<date> announced;
  std::optional<date> valid_from;
  std::optional<date> valid_until;
  std::string source;
};

struct fact_info {
  std::string name;  // "loans" or "loans.principal" for a record field
  std::string type;  // "money", "enum(a, b)", "list of loan"
  bool required = false;
  bool fixed = false;    // the company cannot change it (`fixed`, the period, the history)
  bool history = false;  // the `history` of awards received (`pays once` reads it)
  std::string unit;
  bitext label;
  std::vector<std::string> enum_members;
  std::vector<bitext> enum_labels;   // by member (empty texts where the rules give none)
  std::vector<fact_info> fields;     // for lists of records
  std::vector<std::string> read_by;  // provisions whose conditions or amounts read it
};

// A named number a policy sets (`parameter`), with its dated table.
struct parameter_info {
  std::string name;
  std::string type;
  bitext label;
  std::vector<std::pair<date, std::string>> table;  // from each date, the value as a reader sees it
  std::vector<std::string> read_by;
  // The value in force on `day`, if any row starts on or before it.
  [[nodiscard]] std::optional<std::string> value_at(date day) const {
    std::optional<std::string> found;
    for (const auto& [from, text] : table)
      if (!(day < from)) found = text;
    return found;
  }
};

// A named condition or quantity (`define`): what it means, in the rules' words.
struct definition_info {
  std::string name;
  std::string type;
  bitext label;
  std::vector<std::string> parameters;  // `name : type` of each
  std::vector<bitext> interpretations;
  std::vector<std::string> read_by;
};

// Always owned by a shared_ptr (compile_* make it so): decisions keep their rule set alive.
class ruleset : public std::enable_shared_from_this<ruleset> {
 public:
  explicit ruleset(std::unique_ptr<const detail::ruleset_impl> impl);
  ~ruleset();
  ruleset(const ruleset&) = delete;
  ruleset& operator=(const ruleset&) = delete;

  // The verdicts, as plain data, fast: no explanation is worked out.
  [[nodiscard]] decision decide(const profile& p, const decide_options& opts) const;
  // The same into an existing decision, reusing its memory: after the first few profiles of a
  // thread this allocates nothing.
  void decide(const profile& p, const decide_options& opts, decision& out) const;
  // The verdicts with their explanation: conditions with the values used, the arithmetic of
  // each amount, interpretations, notes.
  [[nodiscard]] report explain(const profile& p, const explain_options& opts) const;
  // Validates a profile against the schema; diagnostics name `name` as the file. The text is
  // JSON when it starts with `{` (a JSON object), TOML otherwise.
  [[nodiscard]] profile_result load_profile(std::string_view text, std::string name) const;
  // The same, in the format given.
  [[nodiscard]] profile_result load_profile(std::string_view text, std::string name,
                                            profile_format format) const;
  // `*.json` files are JSON, `*.toml` TOML; other names are recognised by their content.
  [[nodiscard]] profile_result load_profile_file(const std::filesystem::path& path) const;

  [[nodiscard]] std::vector<document_info> documents() const;
  [[nodiscard]] std::vector<provision_info> provisions() const;
  [[nodiscard]] std::vector<fact_info> schema() const;
  [[nodiscard]] std::vector<parameter_info> parameters() const;
  [[nodiscard]] std::vector<definition_info> definitions() const;
  [[nodiscard]] const std::string& hash() const;  // of the rule texts, for reproducibility
  // Names for a decision's indices: a fact slot's name; a provision's id, or `id.part` for
  // one of its parts (part < 0: the whole provision).
  [[nodiscard]] std::string_view fact_name(std::uint32_t slot) const;
  [[nodiscard]] std::size_t fact_count() const;  // slots are 0 .. fact_count() - 1
  [[nodiscard]] std::string member_id(std::size_t provision, std::int32_t part) const;
  [[nodiscard]] std::shared_ptr<const ruleset> self() const;

 private:
  friend const detail::ruleset_impl& detail::impl_of(const ruleset& r);
  std::unique_ptr<const detail::ruleset_impl> impl_;
};

// A rule set, or the diagnostics that say why there is none. Made by compile_paths and
// compile_sources.
class compile_result {
 public:
  compile_result() = default;
  compile_result(std::shared_ptr<const ruleset> rules, diagnostic_list diags,
                 std::shared_ptr<source_manager> sources)
      : rules_(std::move(rules)), diags_(std::move(diags)), sources_(std::move(sources)) {}

  [[nodiscard]] bool ok() const { return rules_ != nullptr; }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const ruleset* rules() const { return rules_.get(); }
  [[nodiscard]] std::shared_ptr<const ruleset> share() const { return rules_; }
  [[nodiscard]] const diagnostic_list& diagnostics() const { return diags_; }
  [[nodiscard]] const source_manager& sources() const { return *sources_; }

 private:
  std::shared_ptr<const ruleset> rules_;
  diagnostic_list diags_;
  std::shared_ptr<source_manager> sources_ = std::make_shared<source_manager>();
};

// Every `*.elig` file under each path (directories are searched recursively, in name order).
[[nodiscard]] compile_result compile_paths(const std::vector<std::filesystem::path>& paths,
                                           const load_options& opts = {});
// In-memory sources, as (name, text) pairs; used by tests and embedders.
[[nodiscard]] compile_result compile_sources(
    const std::vector<std::pair<std::string, std::string>>& files, const load_options& opts = {});

}  // namespace elig
