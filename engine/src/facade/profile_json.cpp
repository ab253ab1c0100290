#include "elig/profile_json.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "elig/decision_json.hpp"

namespace elig {

namespace {

std::string_view element_type(std::string_view type) {
  return type.starts_with("list of ") ? type.substr(8) : type;
}

void append_value(const value& v, std::string_view type, const fact_info& f, std::string& out);

void append_record(const record_value& r, const fact_info& f, std::string& out) {
  out += '{';
  bool first = true;
  for (std::size_t i = 0; i < r.size && i < f.fields.size(); ++i) {
    if (!r.fields[i].known()) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(f.fields[i].name, out);
    out += ':';
    append_value(r.fields[i], f.fields[i].type, f.fields[i], out);
  }
  out += '}';
}

void append_value(const value& v, std::string_view type, const fact_info& f, std::string& out) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          out += x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, decimal>) {
          if (element_type(type) == "percent")
            fmt::format_to(std::back_inserter(out), "\"{}%\"",
                           (x * decimal::from_int(100)).to_string());
          else
            out += x.to_string();
        } else if constexpr (std::is_same_v<T, date>) {
          out += '"';
          out += x.to_string();
          out += '"';
        } else if constexpr (std::is_same_v<T, duration>) {
          fmt::format_to(std::back_inserter(out), "{{\"months\":{},\"days\":{}}}", x.months,
                         x.days);
        } else if constexpr (std::is_same_v<T, std::string_view>) {
          append_json_string(x, out);
        } else if constexpr (std::is_same_v<T, list_view>) {
          out += '[';
          for (std::uint32_t i = 0; i < x.size; ++i) {
            if (i) out += ',';
            append_value(x.data[i], element_type(type), f, out);
          }
          out += ']';
        } else if constexpr (std::is_same_v<T, const record_value*>) {
          append_record(*x, f, out);
        } else {
          out += "null";
        }
      },
      v.raw());
}

}  // namespace

namespace {

std::string write_profile(const ruleset& rules, const profile& p,
                          std::span<const std::string> masked,
                          std::span<const std::pair<std::uint32_t, std::string>> replaced) {
  auto schema = rules.schema();
  std::string out = "{";
  bool first = true;
  for (std::size_t slot = 0; slot < p.facts().size() && slot < schema.size(); ++slot) {
    const value& v = p.facts()[slot];
    const auto change = std::find_if(replaced.begin(), replaced.end(),
                                     [&](const auto& r) { return r.first == slot; });
    if (!v.known() && change == replaced.end()) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(schema[slot].name, out);
    out += ':';
    if (change != replaced.end())
      out += change->second;
    else if (std::find(masked.begin(), masked.end(), schema[slot].name) != masked.end())
      out += "\"***\"";
    else
      append_value(v, schema[slot].type, schema[slot], out);
  }
  out += '}';
  return out;
}

}  // namespace

std::string canonical_profile_json(const ruleset& rules, const profile& p,
                                   std::span<const std::string> masked) {
  return write_profile(rules, p, masked, {});
}

std::string profile_json_with(const ruleset& rules, const profile& p,
                              std::span<const std::pair<std::uint32_t, std::string>> replaced) {
  return write_profile(rules, p, {}, replaced);
}

profile_result profile_with(const ruleset& rules, const profile& p,
                            std::span<const std::pair<std::uint32_t, std::string>> replaced) {
  return rules.load_profile(write_profile(rules, p, {}, replaced), p.name(), profile_format::json);
}

}  // namespace elig
