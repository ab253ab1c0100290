// GET /v1/schema: the profile as a JSON Schema (draft 2020-12), generated from the rules' schema,
// with both labels, so that forms (ours at `/`, or a service's) can be built from it.
#include <nlohmann/json.hpp>

#include "service.hpp"

namespace elig::server {

namespace {

using json = nlohmann::ordered_json;

std::vector<std::string> enum_members(std::string_view type) {
  std::vector<std::string> out;
  auto open = type.find('('), close = type.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos) return out;
  std::string_view inner = type.substr(open + 1, close - open - 1);
  while (!inner.empty()) {
    auto comma = inner.find(',');
    std::string_view m = inner.substr(0, comma);
    while (!m.empty() && m.front() == ' ') m.remove_prefix(1);
    while (!m.empty() && m.back() == ' ') m.remove_suffix(1);
    out.emplace_back(m);
    if (comma == std::string_view::npos) break;
    inner.remove_prefix(comma + 1);
  }
  return out;
}

json type_schema(std::string_view type, const fact_info& f);

json record_schema(const fact_info& f) {
  json props = json::object();
  json required = json::array();
  for (const auto& field : f.fields) {
    json p = type_schema(field.type, field);
    p["title"] = field.label.en;
    p["x-label"] = {{"zh", field.label.zh}, {"en", field.label.en}};
    props[field.name] = p;
    if (field.required) required.push_back(field.name);
  }
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", required},
          {"properties", props}};
}

json type_schema(std::string_view type, const fact_info& f) {
  json s;
  if (type.starts_with("list of ")) {
    std::string_view element = type.substr(8);
    s["type"] = "array";
    s["items"] = f.fields.empty() ? type_schema(element, f) : record_schema(f);
    s["x-elig-type"] = std::string(type);
    return s;
  }
  s["x-elig-type"] = std::string(type);
  if (type == "bool") {
    s["type"] = "boolean";
  } else if (type == "year") {
    s["type"] = "integer";
    s["minimum"] = 1;
    s["maximum"] = 9999;
  } else if (type == "integer") {
    s["type"] = "integer";
  } else if (type == "money") {
    // A decimal string, exact in every client's language; the engine also reads a JSON number
    // and the forms people write ("120万", "1,200,000").
    s["type"] = "string";
    s["pattern"] = "^[0-9]+(\\.[0-9]+)?$";
    s["description"] = "yuan, as a decimal string such as \"1234.56\"";
    s["examples"] = json::array({"1200000", "1234.56"});
  } else if (type == "percent") {
    s["type"] = "string";
    s["pattern"] = "^[0-9]+(\\.[0-9]+)?%?$";
    s["description"] = "a percentage, in percent: \"3.45\" or \"3.45%\"";
  } else if (type == "number" || type == "decimal") {
    s["type"] = "string";
    s["pattern"] = "^-?[0-9]+(\\.[0-9]+)?$";
    s["description"] = "a decimal string such as \"12.5\"";
  } else if (type == "date") {
    s["type"] = "string";
    s["format"] = "date";
  } else if (type.starts_with("enum")) {
    s["enum"] = f.enum_members.empty() ? enum_members(type) : f.enum_members;
    json labels = json::object();
    for (std::size_t i = 0; i < f.enum_labels.size() && i < f.enum_members.size(); ++i)
      if (!f.enum_labels[i].zh.empty() || !f.enum_labels[i].en.empty())
        labels[f.enum_members[i]] = {{"zh", f.enum_labels[i].zh}, {"en", f.enum_labels[i].en}};
    if (!labels.empty()) s["x-enum-labels"] = labels;
  } else if (!f.fields.empty()) {
    return record_schema(f);
  } else {
    s["type"] = "string";
  }
  return s;
}

}  // namespace

std::string profile_json_schema(const ruleset& rules) {
  json props = json::object();
  json required = json::array();
  for (const auto& f : rules.schema()) {
    json p = type_schema(f.type, f);
    p["title"] = f.label.en;
    p["x-label"] = {{"zh", f.label.zh}, {"en", f.label.en}};
    if (!f.unit.empty()) p["x-unit"] = f.unit;
    // For forms: what the company cannot change, and the awards `pays once` reads (asked per
    // benefit as yes or no, not as provision ids).
    if (f.fixed) p["x-elig-fixed"] = true;
    if (f.history) p["x-elig-history"] = true;
    p["x-elig-read-by"] = f.read_by;  // the provisions whose conditions or amounts read it
    props[f.name] = p;
    if (f.required) required.push_back(f.name);
  }
  json root{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"title", "elig company profile"},
            {"x-rules-hash", rules.hash()},
            {"type", "object"},
            {"additionalProperties", false},
            {"required", required},
            {"properties", props}};
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace elig::server
