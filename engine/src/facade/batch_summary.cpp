#include "elig/batch_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "elig/decision_json.hpp"
#include "elig/render.hpp"

namespace elig {

batch_summary::batch_summary(const ruleset& rules) {
  for (const auto& p : rules.provisions()) ids_.push_back(p.id);
  eligible_.assign(ids_.size(), 0);
  undetermined_.assign(ids_.size(), 0);
}

void batch_summary::add(const decision& d) {
  ++profiles_;
  for (std::size_t i = 0; i < d.provisions().size() && i < ids_.size(); ++i) {
    eligible_[i] += d.provision(i).result == status::eligible;
    undetermined_[i] += d.provision(i).result == status::undetermined;
  }
  try {
    total_min_ = total_min_ + d.total().min;
    total_max_ = total_max_ + d.total().max;
  } catch (const decimal_overflow&) {
    overflow_ = true;
  }
}

void batch_summary::merge(const batch_summary& other) {
  profiles_ += other.profiles_;
  errors_ += other.errors_;
  for (std::size_t i = 0; i < eligible_.size() && i < other.eligible_.size(); ++i) {
    eligible_[i] += other.eligible_[i];
    undetermined_[i] += other.undetermined_[i];
  }
  overflow_ = overflow_ || other.overflow_;
  try {
    total_min_ = total_min_ + other.total_min_;
    total_max_ = total_max_ + other.total_max_;
  } catch (const decimal_overflow&) {
    overflow_ = true;
  }
}

std::string batch_summary::json() const {
  std::string s = fmt::format(
      "{{\"version\":2,\"summary\":{{\"profiles\":{},\"errors\":{},\"decided\":{},"
      "\"provisions\":[",
      profiles_, errors_, profiles_ - errors_);
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    if (i) s += ',';
    s += "{\"id\":";
    append_json_string(ids_[i], s);
    fmt::format_to(std::back_inserter(s), ",\"eligible\":{},\"undetermined\":{}}}", eligible_[i],
                   undetermined_[i]);
  }
  s += ']';
  if (overflow_)
    s += ",\"total\":null,\"total_error\":\"the sum of the totals overflows\"";
  else
    fmt::format_to(std::back_inserter(s), ",\"total\":{{\"min\":\"{}\",\"max\":\"{}\"}}",
                   total_min_.to_string(2), total_max_.to_string(2));
  s += "}}\n";
  return s;
}

std::string batch_summary::text(double seconds) const {
  std::string s = fmt::format("{} profiles in {:.1f} s: {} decided, {} with errors\n", profiles_,
                              seconds, profiles_ - errors_, errors_);
  std::size_t width = 0;
  for (const auto& id : ids_) width = std::max(width, id.size());
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (eligible_[i] || undetermined_[i])
      s += fmt::format("  {:<{}}  {:>9} eligible  {:>9} undetermined\n", ids_[i], width,
                       eligible_[i], undetermined_[i]);
  if (overflow_)
    s += "total budget: the sum overflows\n";
  else
    s +=
        fmt::format("total budget: {} to {}\n", format_money(total_min_), format_money(total_max_));
  return s;
}

std::optional<batch_summary> batch_summary::from_json(const ruleset& rules, std::string_view line) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 2 || !j.contains("summary") ||
      !j["summary"].is_object())
    return std::nullopt;
  const auto& s = j["summary"];
  batch_summary out(rules);
  try {
    out.profiles_ = s.at("profiles").get<std::uint64_t>();
    out.errors_ = s.at("errors").get<std::uint64_t>();
    const auto& provisions = s.at("provisions");
    if (!provisions.is_array() || provisions.size() != out.ids_.size()) return std::nullopt;
    for (std::size_t i = 0; i < out.ids_.size(); ++i) {
      if (provisions[i].at("id").get<std::string>() != out.ids_[i]) return std::nullopt;
      out.eligible_[i] = provisions[i].at("eligible").get<std::uint64_t>();
      out.undetermined_[i] = provisions[i].at("undetermined").get<std::uint64_t>();
    }
    if (s.at("total").is_null()) {
      out.overflow_ = true;
    } else {
      auto min = decimal::parse(s.at("total").at("min").get<std::string>());
      auto max = decimal::parse(s.at("total").at("max").get<std::string>());
      if (!min || !max) return std::nullopt;
      out.total_min_ = *min;
      out.total_max_ = *max;
    }
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  if (out.errors_ > out.profiles_) return std::nullopt;
  return out;
}

}  // namespace elig
