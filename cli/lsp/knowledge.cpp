// What a name in the rules is: hovers and completion from the rule set's catalogue.
#include <fmt/format.h>

#include <elig/files.hpp>

#include "lsp/server.hpp"

namespace elig::cli::lsp {
namespace {

std::string labels(const bitext& label) {
  if (label.zh.empty() || label.en.empty()) return label.zh + label.en;
  return label.zh + " / " + label.en;
}

std::string read_by(const std::vector<std::string>& ids) {
  if (ids.empty()) return "\n\nRead by no provision.";
  std::string out = "\n\nRead by ";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", `" : "`") + ids[i] + "`";
  return out + ".";
}

std::string describe_fact(const fact_info& f, const std::string& record) {
  std::string md = fmt::format("**{}** `{}` : {}{}", record.empty() ? "fact" : "field", f.name,
                               f.type, f.required ? " (required)" : "");
  if (!record.empty()) md += fmt::format(" of each `{}`", record);
  if (!f.unit.empty()) md += fmt::format(", in {}", f.unit);
  if (!labels(f.label).empty()) md += "\n\n" + labels(f.label);
  for (std::size_t i = 0; i < f.enum_members.size(); ++i) {
    std::string label = i < f.enum_labels.size() ? labels(f.enum_labels[i]) : "";
    md += fmt::format("\n- `{}`{}", f.enum_members[i], label.empty() ? "" : " — " + label);
  }
  return record.empty() ? md + read_by(f.read_by) : md;
}

std::string describe_parameter(const parameter_info& p, date as_of) {
  std::string md = fmt::format("**parameter** `{}` : {}", p.name, p.type);
  if (!labels(p.label).empty()) md += "\n\n" + labels(p.label);
  auto now = p.value_at(as_of);
  md += now ? fmt::format("\n\nIn force on {}: **{}**", as_of.to_string(), *now)
            : fmt::format("\n\nNo value in force on {}", as_of.to_string());
  md += "\n\n| from | value |\n|---|---|";
  for (const auto& [from, text] : p.table)
    md += fmt::format("\n| {} | {} |", from.to_string(), text);
  return md + read_by(p.read_by);
}

std::string describe_definition(const definition_info& d) {
  std::string params;
  for (const auto& p : d.parameters) params += (params.empty() ? "" : ", ") + p;
  std::string md = fmt::format("**definition** `{}{}` : {}", d.name,
                               params.empty() ? "" : "(" + params + ")", d.type);
  if (!labels(d.label).empty()) md += "\n\n" + labels(d.label);
  for (const auto& i : d.interpretations) md += "\n\n> " + labels(i);
  return md + read_by(d.read_by);
}

std::string describe_provision(const provision_info& p) {
  std::string md = fmt::format("**provision** `{}`: {}\n\narticle: {}\n\ndocument `{}`, {}", p.id,
                               labels(p.title), labels(p.citation), p.document,
                               document_status_name(p.doc_status));
  if (p.valid_from || p.valid_until)
    md += fmt::format("\n\nin force{}{}",
                      p.valid_from ? " from " + p.valid_from->to_string() : std::string(),
                      p.valid_until ? " until " + p.valid_until->to_string() : std::string());
  if (!p.encodable) md += "\n\nnot encodable: " + labels(p.reason);
  return md;
}

// The Markdown that says what `name` is in `rules`, or "" when it names nothing there.
std::string describe(const ruleset& rules, const std::string& name, date as_of) {
  for (const auto& p : rules.provisions())
    if (p.id == name || p.id.ends_with("." + name)) return describe_provision(p);
  for (const auto& p : rules.parameters())
    if (p.name == name) return describe_parameter(p, as_of);
  for (const auto& d : rules.definitions())
    if (d.name == name) return describe_definition(d);
  const auto schema = rules.schema();
  for (const auto& f : schema)
    if (f.name == name) return describe_fact(f, "");
  // `x.field`: a field of a record, whatever the local name of the item.
  std::string field = name.substr(name.rfind('.') + 1);
  for (const auto& f : schema)
    for (const auto& r : f.fields)
      if (r.name == field && name.find('.') != std::string::npos) return describe_fact(r, f.name);
  for (const auto& f : schema)
    for (std::size_t i = 0; i < f.enum_members.size(); ++i)
      if (f.enum_members[i] == name)
        return fmt::format("**member** `{}` of `{}`{}", name, f.name,
                           i < f.enum_labels.size() && !labels(f.enum_labels[i]).empty()
                               ? ": " + labels(f.enum_labels[i])
                               : "");
  return "";
}

json markdown(std::string md) {
  return {{"contents", {{"kind", "markdown"}, {"value", std::move(md)}}}};
}

}  // namespace

json server::hover(const json& params) {
  if (!last_) publish();
  std::string w = word(params);
  if (w.empty()) return nullptr;
  if (last_) {
    std::string md = describe(*last_, w, as_of_);
    return md.empty() ? json(nullptr) : markdown(std::move(md));
  }
  // While no rules compile, the declaration's own line says what the name is.
  json at = definition(params);
  if (at.is_null()) return nullptr;
  std::string text;
  auto open = docs_.find(at["uri"].get<std::string>());
  if (open != docs_.end())
    text = open->second;
  else if (!read_bounded(path_of(at["uri"].get<std::string>()), 1 << 20, text))
    return nullptr;
  std::string found;
  const int wanted = at["range"]["start"]["line"].get<int>();
  for_each_line(text, [&](int line, std::string_view l) {
    if (line == wanted) found = l;
  });
  return markdown("```elig\n" + found + "\n```");
}

// After `x.`, the fields of the records; elsewhere every name the rules declare and the keywords.
json server::completion(const json& params) {
  if (!last_) publish();
  json items = json::array();
  std::string text = text_of(params);
  const auto& p = params.at("position");
  std::size_t at = offset_of(text, p.at("line").get<int>(), p.at("character").get<int>());
  std::size_t start = at;
  while (start > 0 && word_char(text[start - 1])) --start;
  const bool field = text.substr(start, at - start).find('.') != std::string::npos;
  if (last_) {
    for (const auto& f : last_->schema()) {
      for (const auto& r : f.fields)
        if (field)
          items.push_back({{"label", r.name},
                           {"kind", 5},
                           {"detail", fmt::format("{} — field of each `{}`", r.type, f.name)},
                           {"documentation", labels(r.label)}});
      if (field) continue;
      items.push_back(
          {{"label", f.name}, {"kind", 6}, {"detail", f.type + " — " + labels(f.label)}});
      for (std::size_t i = 0; i < f.enum_members.size(); ++i)
        items.push_back(
            {{"label", f.enum_members[i]},
             {"kind", 20},
             {"detail", fmt::format("member of `{}`{}", f.name,
                                    i < f.enum_labels.size() ? " — " + labels(f.enum_labels[i])
                                                             : std::string())}});
    }
    if (!field) {
      for (const auto& d : last_->definitions())
        items.push_back(
            {{"label", d.name}, {"kind", 3}, {"detail", d.type + " — " + labels(d.label)}});
      for (const auto& x : last_->parameters())
        items.push_back(
            {{"label", x.name}, {"kind", 21}, {"detail", x.type + " — " + labels(x.label)}});
    }
  }
  if (field) return items;
  for (const char* k :
       {"document", "provision", "part",   "title",        "article", "when",           "unless",
        "pays",     "up to",     "from",   "for each",     "where",   "interpretation", "funds",
        "allow",    "parameter", "define", "take highest", "cap",     "exclusion"})
    items.push_back({{"label", k}, {"kind", 14}});
  return items;
}

}  // namespace elig::cli::lsp
