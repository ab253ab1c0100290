// `elig list` and `elig template`: what the rules contain, and what a profile must state.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "elig/render.hpp"

namespace elig {

std::string render_list_text(const ruleset& rules, language lang) {
  bool en = lang == language::en;
  std::string out;
  for (const auto& d : rules.documents()) {
    out += fmt::format("{}  {}  [{}]{}\n", d.id, d.title.in(lang), document_status_name(d.status),
                       d.valid_from ? fmt::format(fmt::runtime(en ? "  from {}" : "  自 {}"),
                                                  d.valid_from->to_string())
                                    : "");
    for (const auto& p : rules.provisions()) {
      if (p.document != d.id) continue;
      out += fmt::format(
          "  {:<36} {}{}\n", p.id, p.title.in(lang),
          p.encodable ? ""
                      : fmt::format(fmt::runtime(en ? "  (not encodable: {})" : "（无法编码：{}）"),
                                    p.reason.in(lang)));
    }
  }
  return out;
}

std::string render_list_json(const ruleset& rules) {
  nlohmann::ordered_json root;
  root["rules"] = {{"hash", rules.hash()}};
  root["documents"] = nlohmann::ordered_json::array();
  for (const auto& d : rules.documents())
    root["documents"].push_back({{"id", d.id},
                                 {"title", {{"zh", d.title.zh}, {"en", d.title.en}}},
                                 {"status", document_status_name(d.status)},
                                 {"announced", d.announced ? d.announced->to_string() : ""},
                                 {"valid_from", d.valid_from ? d.valid_from->to_string() : ""},
                                 {"valid_until", d.valid_until ? d.valid_until->to_string() : ""},
                                 {"source", d.source}});
  root["provisions"] = nlohmann::ordered_json::array();
  for (const auto& p : rules.provisions())
    root["provisions"].push_back(
        {{"id", p.id},
         {"document", p.document},
         {"title", {{"zh", p.title.zh}, {"en", p.title.en}}},
         {"status", p.encodable ? document_status_name(p.doc_status) : "not_encodable"},
         {"document_status", document_status_name(p.doc_status)},
         {"encodable", p.encodable},
         {"reason", {{"zh", p.reason.zh}, {"en", p.reason.en}}},
         {"citation", {{"zh", p.citation.zh}, {"en", p.citation.en}}},
         {"valid_from", p.valid_from ? p.valid_from->to_string() : ""},
         {"valid_until", p.valid_until ? p.valid_until->to_string() : ""},
         {"pays_once", p.pays_once}});
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

namespace {

std::string example_for(const fact_info& f) {
  // A required choice starts at its neutral member (`other`) where there is one: a template
  // left as it is must not read as a company of the first district.
  if (f.type.starts_with("enum")) {
    const auto& m = f.enum_members;
    const bool neutral = std::find(m.begin(), m.end(), "other") != m.end();
    return fmt::format("\"{}\"", m.empty() ? "" : neutral ? "other" : m[0]);
  }
  if (f.type == "bool") return "false";
  if (f.type == "year") return "2024";
  if (f.type == "date") return "2024-01-01";
  if (f.type == "money" || f.type == "number") return "\"0\"";
  if (f.type == "percent") return "\"0%\"";
  if (f.type.starts_with("list of")) return "[]";
  return "\"\"";
}

}  // namespace

std::string render_template(const ruleset& rules, language lang) {
  bool en = lang == language::en;
  std::string out =
      en ? "# Company profile for elig. Fill in what you know; leave out what you do not\n"
           "# know (it is then unknown, never zero). Lines starting with `#` are comments.\n"
           "# Amounts: a whole number, or a figure in quotes such as \"1234.56\" or \"200万\".\n\n"
         : "# elig 企业档案。填写已知事实；不知道的请删去（视为未知，而非零）。`#` 开头为注释。\n"
           "# 金额：整数，或带引号的数字，如 \"1234.56\"、\"200万\"。\n\n";
  std::vector<const fact_info*> records;
  const std::vector<fact_info> schema = rules.schema();
  for (const auto& f : schema) {
    if (!f.fields.empty()) {
      records.push_back(&f);
      continue;
    }
    out += fmt::format("# {}\n# {}: {}{}{}\n", f.label.in(lang), en ? "type" : "类型", f.type,
                       f.required ? (en ? ", required" : "，必填") : (en ? ", optional" : "，选填"),
                       f.unit.empty() ? "" : fmt::format(", {}", f.unit));
    // What each member means, when the rules say: `shangcheng` = 上城区.
    std::string meanings;
    for (std::size_t i = 0; i < f.enum_labels.size() && i < f.enum_members.size(); ++i)
      if (!f.enum_labels[i].in(lang).empty())
        meanings += fmt::format("{}{} = {}", meanings.empty() ? "" : ", ", f.enum_members[i],
                                f.enum_labels[i].in(lang));
    if (!meanings.empty())
      out += fmt::format(fmt::runtime(en ? "# values: {} (the label works too)\n"
                                         : "# 取值：{}（也可直接写中文名称）\n"),
                         meanings);
    if (f.required && f.type.starts_with("enum"))
      out += en ? "# change it to the company's own\n" : "# 请改为贵公司的实际取值\n";
    if (f.type.starts_with("list of") && !f.required)
      out += en ? "# none: write an empty list, []\n" : "# 没有：写空列表 []\n";
    out += fmt::format("{}{} = {}\n\n", f.required ? "" : "# ", f.name, example_for(f));
  }
  for (const auto* r : records) {
    out += fmt::format("# {} ({}: {})\n", r->label.in(lang),
                       en ? "repeat for each item" : "每项重复一次", r->type);
    out += fmt::format("# [[{}]]\n", r->name);
    for (const auto& f : r->fields)
      out += fmt::format("# {} = {}   # {}{}\n", f.name, example_for(f), f.label.in(lang),
                         f.required ? (en ? " (required)" : "（必填）") : "");
    out += "\n";
  }
  return out;
}

}  // namespace elig
