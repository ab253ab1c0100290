// The companies `elig diff` compares: profile files and folders, and JSON Lines of profiles,
// decision records (a decision log of real applicants) or weighted profiles.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "elig/files.hpp"
#include "elig/impact.hpp"

namespace elig {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_profile_limit = 1 << 20;

bool json_lines(const fs::path& p) {
  return p.extension() == ".jsonl" || p.extension() == ".ndjson";
}

std::optional<decimal> weight_of(const nlohmann::json& w) {
  std::string text = w.is_string() ? w.get<std::string>() : w.is_number() ? w.dump() : "";
  auto d = decimal::parse(text);
  if (!d || !(decimal{} < *d)) return std::nullopt;
  return d;
}

// Each line: a profile, a decision record's `profile`, or `{"weight": W, "profile": {...}}`.
void read_lines(const fs::path& path, impact_inputs& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.problems.push_back(fmt::format("cannot read `{}`", path.string()));
    return;
  }
  std::string line;
  std::size_t number = 0, found = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = fmt::format("{}:{}", path.string(), number);
    if (line.size() > k_profile_limit) {
      out.problems.push_back(
          fmt::format("{}: longer than the profile limit of {} bytes", where, k_profile_limit));
      continue;
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      out.problems.push_back(
          fmt::format("{}: not a JSON object (a profile, or a decision record)", where));
      continue;
    }
    impact_input item{where, line, profile_format::json, std::nullopt};
    if (j.contains("profile") && j["profile"].is_object()) {
      item.text = j["profile"].dump();
      if (j.contains("weight")) {
        item.weight = weight_of(j["weight"]);
        if (!item.weight) {
          out.problems.push_back(
              fmt::format("{}: `weight` must be a positive number, such as 12.5", where));
          continue;
        }
      }
    }
    out.items.push_back(std::move(item));
    ++found;
  }
  if (found == 0 && number == 0)
    out.problems.push_back(fmt::format("`{}` holds no profile", path.string()));
}

void read_file(const fs::path& path, impact_inputs& out) {
  if (json_lines(path)) {
    read_lines(path, out);
    return;
  }
  std::string text;
  if (!read_bounded(path, k_profile_limit, text)) {
    out.problems.push_back(fmt::format("cannot read `{}`", path.string()));
    return;
  }
  // An unknown kind loads as TOML, so that loading it says what is wrong with it.
  out.items.push_back({path.string(), std::move(text),
                       path.extension() == ".json" ? profile_format::json : profile_format::toml,
                       std::nullopt});
}

}  // namespace

impact_inputs read_impact_inputs(const std::vector<fs::path>& paths) {
  impact_inputs out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      read_file(p, out);
      continue;
    }
    // A folder stands for its TOML profiles (the examples keep JSON twins in a folder apart).
    file_list found = collect_toml_files({p});
    out.problems.insert(out.problems.end(), found.problems.begin(), found.problems.end());
    for (const auto& f : found.files) read_file(f, out);
  }
  return out;
}

}  // namespace elig
