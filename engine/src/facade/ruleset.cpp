// The facade: files -> parse -> check -> immutable ruleset; profiles -> evaluate -> decision.
#include "elig/ruleset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analysis/analyze.hpp"
#include "check/check.hpp"
#include "elig/files.hpp"
#include "elig/format.hpp"
#include "explain/explainer.hpp"
#include "facade/ruleset_impl.hpp"
#include "fast/decide.hpp"
#include "profile/load_profile.hpp"
#include "syntax/parse.hpp"

namespace elig {
namespace {

// FNV-1a over names and texts: stable across runs and machines, enough to tell rule sets apart.
std::string hash_sources(const std::vector<std::pair<std::string, std::string>>& files) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  };
  for (const auto& [name, text] : files) {
    mix(name);
    mix(text);
  }
  return fmt::format("{:016x}", h);
}

document_status status_of(check::doc_status s) {
  return s == check::doc_status::draft        ? document_status::draft
         : s == check::doc_status::superseded ? document_status::superseded
                                              : document_status::in_force;
}

}  // namespace

const detail::ruleset_impl& detail::impl_of(const ruleset& r) { return *r.impl_; }

ruleset::ruleset(std::unique_ptr<const detail::ruleset_impl> impl) : impl_(std::move(impl)) {}
ruleset::~ruleset() = default;

std::string_view ruleset::fact_name(std::uint32_t slot) const {
  return impl_->prog->facts[slot].name;
}

std::size_t ruleset::fact_count() const { return impl_->prog->facts.size(); }

std::string ruleset::member_id(std::size_t provision, std::int32_t part) const {
  const auto& p = impl_->prog->provisions[provision];
  return part < 0 ? p.id : p.id + "." + p.parts[static_cast<std::size_t>(part)].name;
}

decision ruleset::decide(const profile& p, const decide_options& opts) const {
  decision out;
  decide(p, opts, out);
  return out;
}

void ruleset::decide(const profile& p, const decide_options& opts, decision& out) const {
  // A decision reused with the same rules keeps its pointer: no reference count to touch.
  fast::decider::decide(impl_->plan, this, *p.data_, opts, out.s_);
}

std::shared_ptr<const ruleset> ruleset::self() const { return shared_from_this(); }

report ruleset::explain(const profile& p, const explain_options& opts) const {
  // A traced decision, every condition evaluated; the writer labels what it sees.
  const auto writer = explain::make_report_writer(*impl_->prog, p, *p.data_, opts);
  decide_options o;
  o.as_of = opts.as_of;
  o.include_drafts_in_total = opts.include_drafts_in_total;
  decision d;
  fast::decider::trace(impl_->plan, this, *p.data_, o, d.s_, *writer);
  report r = writer->assemble(d, opts.include_drafts_in_total);
  r.decided = std::move(d);
  return r;
}

profile_result ruleset::load_profile(std::string_view text, std::string name) const {
  return profiles::load_profile(*impl_->prog, text, std::move(name));
}

profile_result ruleset::load_profile(std::string_view text, std::string name,
                                     profile_format format) const {
  return profiles::load_profile(
      *impl_->prog, text, std::move(name),
      format == profile_format::json ? profiles::input_format::json : profiles::input_format::toml);
}

profile_result ruleset::load_profile_file(const std::filesystem::path& path) const {
  // At most one byte past the limit: a device or pipe that never ends (/dev/zero) is then a
  // "too large" error, not a process that eats memory.
  std::string text;
  if (!read_bounded(path, 1 << 20, text)) {
    diagnostic_list diags;
    diags.add(diag_code::io_error, fmt::format("cannot read `{}`", path.string()));
    return {std::nullopt, std::move(diags), std::make_shared<source_manager>()};
  }
  auto ext = path.extension();
  if (ext == ".json" || ext == ".toml")
    return load_profile(text, path.string(),
                        ext == ".json" ? profile_format::json : profile_format::toml);
  return load_profile(text, path.string());
}

std::vector<document_info> ruleset::documents() const {
  std::vector<document_info> out;
  for (const auto& d : impl_->prog->documents)
    out.push_back({d.id, d.title, d.issuer, status_of(d.status), d.announced, d.valid_from,
                   d.valid_until, d.source});
  return out;
}

std::vector<provision_info> ruleset::provisions() const {
  std::vector<provision_info> out;
  for (const auto& p : impl_->prog->provisions) {
    const auto& d = impl_->prog->documents[p.doc];
    out.push_back({p.id, d.id, p.title, p.citation, status_of(d.status),
                   p.valid_from ? p.valid_from : d.valid_from,
                   p.valid_until ? p.valid_until : d.valid_until, !p.not_encodable.has_value(),
                   p.not_encodable.value_or(bitext{}),
                   std::any_of(p.parts.begin(), p.parts.end(),
                               [](const check::part& pt) { return pt.pays && pt.pays->once; })});
  }
  return out;
}

const std::string& ruleset::hash() const { return impl_->prog->hash; }

namespace {

// `hash_names` name the files for the rule-set hash, independent of the working directory.
compile_result compile_impl(const std::vector<std::pair<std::string, std::string>>& files,
                            const std::vector<std::string>& hash_names, const load_options& opts) {
  diagnostic_list diags;
  auto sources = std::make_shared<source_manager>();
  std::vector<syntax::ast::rule_file> parsed;
  std::vector<std::uint32_t> ids;
  parsed.reserve(files.size());
  for (const auto& [name, text] : files) {
    std::uint32_t id = sources->add(name, text);
    parsed.push_back(
        syntax::parse_file(sources->file(id), id, {opts.max_file_bytes, opts.max_nesting}, diags));
    ids.push_back(id);
  }
  std::vector<std::pair<std::uint32_t, const syntax::ast::rule_file*>> inputs;
  for (std::size_t i = 0; i < parsed.size(); ++i) inputs.emplace_back(ids[i], &parsed[i]);
  // Each `--set NAME=VALUE` is a source of its own, so its errors point into it.
  std::vector<syntax::ast::expression> values;
  values.reserve(opts.overrides.size());
  std::vector<check::override_value> overrides;
  for (const auto& text : opts.overrides) {
    std::uint32_t id = sources->add("--set", text);
    auto eq = text.find('=');
    auto name_end = text.find_first_of(" =");
    if (eq == std::string::npos || name_end == 0) {
      diags.add(diag_code::bad_parameter, fmt::format("`{}` is not `NAME=VALUE`", text),
                source_span{id, 0, static_cast<std::uint32_t>(text.size())},
                "e.g. --set shangcheng_rd_revenue_min=800万");
      continue;
    }
    auto value =
        syntax::parse_expression(sources->file(id), id, static_cast<std::uint32_t>(eq + 1), diags);
    if (!value) continue;
    values.push_back(std::move(*value));
    overrides.push_back(
        {text.substr(0, name_end), {id, 0, static_cast<std::uint32_t>(name_end)}, nullptr, id});
  }
  for (std::size_t i = 0; i < overrides.size(); ++i) overrides[i].value = &values[i];
  auto prog = check::check_program(inputs, diags, overrides);
  std::vector<std::pair<std::string, std::string>> hashed;
  for (std::size_t i = 0; i < files.size(); ++i)
    hashed.emplace_back(hash_names[i], files[i].second);
  for (const auto& text : opts.overrides) hashed.emplace_back("--set", text);
  prog->hash = hash_sources(hashed);
  std::shared_ptr<const ruleset> compiled;
  if (!diags.has_errors()) {
    auto plan = fast::compile_plan(*prog);
    auto impl = std::make_unique<const detail::ruleset_impl>(
        detail::ruleset_impl{std::move(prog), std::move(plan)});
    const detail::ruleset_impl& parts = *impl;
    auto rules = std::make_shared<const ruleset>(std::move(impl));
    // The analysis decides its witness profiles with the rule set it analyses.
    if (opts.analyze) analysis::analyze(*parts.prog, {opts.as_of, &parts.plan, rules.get()}, diags);
    if (!diags.has_errors()) compiled = std::move(rules);
  } else if (opts.analyze) {
    analysis::analyze(*prog, {opts.as_of, nullptr, nullptr}, diags);
  }
  return {std::move(compiled), std::move(diags), std::move(sources)};
}

}  // namespace

compile_result compile_sources(const std::vector<std::pair<std::string, std::string>>& files,
                               const load_options& opts) {
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.first);
  return compile_impl(files, names, opts);
}

compile_result compile_paths(const std::vector<std::filesystem::path>& paths,
                             const load_options& opts) {
  diagnostic_list diags;
  const auto failed = [&] {
    return compile_result(nullptr, std::move(diags), std::make_shared<source_manager>());
  };
  file_list found = find_files(paths, ".elig");
  for (const auto& problem : found.problems)
    diags.add(diag_code::io_error, problem, std::nullopt,
              "give a rules directory or `.elig` files");
  std::vector<std::filesystem::path>& files = found.files;
  if (diags.has_errors()) return failed();
  if (files.empty()) {
    std::string where;
    for (const auto& p : paths) where += (where.empty() ? "`" : ", `") + p.string() + "`";
    diags.add(diag_code::io_error, fmt::format("no `.elig` rule files in {}", where), std::nullopt,
              "give a folder that holds `.elig` files, or the files themselves");
    return failed();
  }
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<std::string> hash_names;
  for (const auto& f : files) {
    hash_names.push_back(f.filename().string());
    // One byte past the limit is enough for the parser to report the file as too large.
    std::string text;
    if (!read_bounded(f, opts.max_file_bytes, text)) {
      diags.add(diag_code::io_error, fmt::format("cannot read `{}`", f.string()));
      return failed();
    }
    std::error_code ec;
    auto rel = std::filesystem::relative(f, ec);
    texts.emplace_back(ec || rel.empty() ? f.string() : rel.string(), std::move(text));
  }
  return compile_impl(texts, hash_names, opts);
}

syntax_result check_syntax(std::string_view text, std::string name) {
  syntax_result out;
  std::uint32_t id = out.sources->add(std::move(name), std::string(text));
  (void)syntax::parse_file(out.sources->file(id), id, {}, out.diags);
  return out;
}

}  // namespace elig
