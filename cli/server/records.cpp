#include "records.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace elig::server {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i)
    fmt::format_to(std::back_inserter(hex), "{:02x}", digest[i]);
  return hex;
}

std::string decision_record(const ruleset& rules, const decision_json_writer& writer,
                            const profile& p, const decide_options& opts, const decision& d,
                            const std::vector<std::string>& masked) {
  std::string canonical = canonical_profile_json(rules, p);
  std::string masked_names = "[";
  for (const auto& m : masked) {
    if (masked_names.size() > 1) masked_names += ',';
    append_json_string(m, masked_names);
  }
  masked_names += ']';
  std::string line = fmt::format(
      "{{\"engine\":\"elig {}\",\"rules_hash\":\"{}\",\"profile_sha256\":\"{}\",\"as_of\":\"{}\","
      "\"options\":{{\"include_drafts\":{}}},\"masked\":{},\"profile\":{},\"result\":",
      version, rules.hash(), sha256_hex(canonical), opts.as_of.to_string(),
      opts.include_drafts_in_total, masked_names,
      masked.empty() ? canonical : canonical_profile_json(rules, p, masked));
  std::string result;
  writer.append(d, p, "", result);
  result.pop_back();  // its newline
  // The answer names the company too: masked with the fact that names it.
  for (std::uint32_t slot = 0; slot < rules.fact_count() && !p.company().empty(); ++slot)
    if (std::find(masked.begin(), masked.end(), rules.fact_name(slot)) != masked.end() &&
        p.facts()[slot].known() &&
        std::holds_alternative<std::string_view>(p.facts()[slot].raw()) &&
        p.facts()[slot].as_text() == p.company()) {
      std::string named = "\"company\":";
      append_json_string(p.company(), named);
      if (auto at = result.find(named); at != std::string::npos)
        result.replace(at, named.size(), "\"company\":\"***\"");
      break;
    }
  line += result;
  line += "}\n";
  return line;
}

record_log::record_log(const std::string& path) : f_(std::fopen(path.c_str(), "ab")), path_(path) {
  if (!f_) throw std::runtime_error(fmt::format("cannot open `{}` for appending", path));
}

record_log::~record_log() { std::fclose(f_); }

void record_log::append(const std::string& line) {
  std::lock_guard lock(m_);
  std::fwrite(line.data(), 1, line.size(), f_);
  std::fflush(f_);
}

namespace {

using json = nlohmann::json;

// A record holds a profile (at most 1 MiB) and its result: anything far longer is not one, and
// is skipped without being held in memory.
constexpr std::size_t k_record_limit = 4 << 20;

// A line past this is not skipped to its end: the file is taken to have no more records (a
// device such as /dev/zero never ends its line).
constexpr std::size_t k_skip_limit = 64 << 20;

bool read_line(std::FILE* f, std::string& line, bool& too_long, bool& endless) {
  line.clear();
  too_long = false;
  int c = 0;
  bool any = false;
  std::size_t skipped = 0;
  while ((c = std::fgetc(f)) != EOF) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < k_record_limit) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
      if (++skipped > k_skip_limit) {
        endless = true;
        return true;
      }
    }
  }
  return any;
}

// A section of a decision line by provision id: version 2 lists `[{"id":...,...}]`, version 1
// (records written before it) an object keyed by id.
json by_provision(const json& section) {
  if (!section.is_array()) return section;
  json out = json::object();
  for (const auto& item : section) {
    json rest = item;
    rest.erase("id");
    if (rest.size() == 1 && rest.contains("code")) rest = rest["code"];  // v1 kept the code only
    if (rest.size() == 1 && rest.contains("missing")) rest = rest["missing"];
    out[item.value("id", "")] = rest;
  }
  return out;
}

// What changed between two results, field by field and provision by provision.
std::string differences(const json& was, const json& now) {
  std::string out;
  for (const char* key : {"excluded", "total"})
    if (was.value(key, json()) != now.value(key, json()))
      out += fmt::format("    {}: recorded {}, now {}\n", key, was.value(key, json()).dump(),
                         now.value(key, json()).dump());
  for (const char* section : {"eligible", "undetermined", "errors"}) {
    json a = by_provision(was.value(section, json::object()));
    json b = by_provision(now.value(section, json::object()));
    for (auto& [id, v] : a.items())
      if (!b.contains(id) || b[id] != v)
        out += fmt::format("    {} {}: recorded {}, now {}\n", section, id, v.dump(),
                           b.contains(id) ? b[id].dump() : "absent");
    for (auto& [id, v] : b.items())
      if (!a.contains(id))
        out += fmt::format("    {} {}: recorded absent, now {}\n", section, id, v.dump());
  }
  return out;
}

}  // namespace

replay_result replay_records(const ruleset& rules, const std::string& path) {
  replay_result r;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) {
    r.unreadable = 1;
    r.report = fmt::format("cannot open `{}`\n", path);
    return r;
  }
  decision_json_writer writer(rules);
  std::string line;
  std::size_t line_no = 0;
  bool too_long = false, endless = false;
  while (read_line(in.get(), line, too_long, endless)) {
    ++line_no;
    if (too_long) {
      ++r.records;
      ++r.unreadable;
      r.report += fmt::format("{}:{}: longer than {} bytes; not a decision record\n", path, line_no,
                              k_record_limit);
      if (endless) {
        r.report +=
            fmt::format("{}:{}: the line does not end; the rest is not read\n", path, line_no);
        break;
      }
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++r.records;
    auto where = fmt::format("{}:{}", path, line_no);
    json rec = json::parse(line, nullptr, false);
    if (rec.is_discarded() || !rec.is_object() || !rec.contains("profile") ||
        !rec.contains("result") || !rec.contains("as_of")) {
      ++r.unreadable;
      r.report += fmt::format("{}: not a decision record\n", where);
      continue;
    }
    std::string problems;
    auto as_of = date::parse(rec["as_of"].is_string() ? rec["as_of"].get<std::string>() : "");
    std::string text = rec["profile"].dump();
    auto loaded = rules.load_profile(text, where, profile_format::json);
    if (!as_of || !loaded) {
      ++r.unreadable;
      r.report += fmt::format("{}: the recorded {} does not load with these rules\n", where,
                              as_of ? "profile" : "as_of");
      if (loaded.ok() == false) r.report += render_all(loaded.diagnostics(), loaded.sources());
      continue;
    }
    std::string recorded_hash = rec.value("rules_hash", "");
    if (recorded_hash != rules.hash())
      problems += fmt::format("    rules hash: recorded {}, now {}\n", recorded_hash, rules.hash());
    // A masked profile is not the one hashed: its verdicts are checked, its hash cannot be.
    bool masked = rec.contains("masked") && rec["masked"].is_array() && !rec["masked"].empty();
    if (!masked &&
        rec.value("profile_sha256", "") != sha256_hex(canonical_profile_json(rules, loaded.get())))
      problems += "    profile_sha256 does not match the recorded profile\n";
    const decide_options opts = decision_json_writer::line_options(
        *as_of, rec.value("options", json::object()).value("include_drafts", false));
    decision d = rules.decide(loaded.get(), opts);
    std::string now;
    writer.append(d, loaded.get(), "", now);
    problems += differences(rec["result"], json::parse(now));
    if (problems.empty()) {
      ++r.same;
    } else {
      ++r.different;
      r.report += fmt::format("{}: differs\n{}", where, problems);
    }
  }
  return r;
}

}  // namespace elig::server
