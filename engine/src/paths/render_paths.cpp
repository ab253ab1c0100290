// The paths in the applicant's words (facts by their labels, members by theirs, money grouped)
// and as JSON with values written as in a JSON profile.
#include <fmt/format.h>

#include <map>
#include <set>

#include "elig/decision_json.hpp"
#include "elig/paths.hpp"
#include "elig/render.hpp"

namespace elig {
namespace {

struct words {
  const ruleset& rules;
  std::vector<fact_info> schema = rules.schema();
  std::vector<provision_info> provisions = rules.provisions();
  bool zh;

  [[nodiscard]] std::string pick(const bitext& t) const {
    return zh ? (t.zh.empty() ? t.en : t.zh) : (t.en.empty() ? t.zh : t.en);
  }

  [[nodiscard]] std::string fact(std::uint32_t slot) const {
    std::string l = pick(schema[slot].label);
    return l.empty() ? schema[slot].name : l;
  }

  // A fact by its schema name, or an item's field (`loans[2].repaid_date`) by the field's label.
  [[nodiscard]] std::string fact_named(const std::string& name) const {
    for (std::uint32_t s = 0; s < schema.size(); ++s)
      if (schema[s].name == name) return fact(s);
    auto bracket = name.find('[');
    auto dot = name.rfind('.');
    if (bracket == std::string::npos || dot == std::string::npos) return name;
    for (const auto& f : schema)
      if (f.name == name.substr(0, bracket))
        for (const auto& field : f.fields)
          if (field.name == name.substr(dot + 1))
            return zh ? fmt::format("第 {} 项{}的{}",
                                    name.substr(bracket + 1, name.find(']') - bracket - 1),
                                    pick(f.label), pick(field.label))
                      : fmt::format("{} of {} {}", pick(field.label), pick(f.label),
                                    name.substr(bracket + 1, name.find(']') - bracket - 1));
    return name;
  }

  [[nodiscard]] std::string member(const fact_info& f, std::string_view m) const {
    for (std::size_t i = 0; i < f.enum_members.size(); ++i)
      if (f.enum_members[i] == m && i < f.enum_labels.size() && !pick(f.enum_labels[i]).empty())
        return pick(f.enum_labels[i]);
    return std::string(m);
  }

  // A value written as in a JSON profile, as a reader says it.
  [[nodiscard]] std::string value(std::uint32_t slot, std::string_view json) const {
    const fact_info& f = schema[slot];
    if (json == "true") return zh ? "是" : "yes";
    if (json == "false") return zh ? "否" : "no";
    if (json.starts_with('[')) {
      std::string out;
      std::string_view rest = json.substr(1, json.size() - 2);
      while (!rest.empty()) {
        auto end = rest.find('"', 1);
        out += (out.empty() ? "" : (zh ? "、" : ", ")) + member(f, rest.substr(1, end - 1));
        rest = rest.substr(std::min(rest.size(), end + 2));
      }
      return out.empty() ? (zh ? "无" : "none") : out;
    }
    if (json.starts_with('"') && f.type == "money") {
      if (auto d = decimal::parse(json.substr(1, json.size() - 2))) return format_money(*d);
    }
    if (json.starts_with('"')) return member(f, json.substr(1, json.size() - 2));
    return std::string(json);
  }

  [[nodiscard]] std::string title(const std::string& id) const {
    for (const auto& p : provisions)
      if (p.id == id) return pick(p.title);
    return id;
  }

  [[nodiscard]] std::string amount_text(const amount& a) const {
    return a.kind == amount_kind::none ? (zh ? "无金额" : "no amount")
                                       : elig::amount_text(a, zh ? language::zh : language::en);
  }

  [[nodiscard]] std::string change(const fact_change& c) const {
    std::string to;
    if (!c.one_of.empty()) {
      for (const auto& m : c.one_of)
        to += (to.empty() ? "" : (zh ? "、" : ", ")) + member(schema[c.slot], m);
      to = zh ? to + " 之一" : "one of " + to;
    } else {
      to = value(c.slot, c.to);
      if (c.kind == fact_change::bound::at_least) to = (zh ? "至少 " : "at least ") + to;
      if (c.kind == fact_change::bound::at_most) to = (zh ? "至多 " : "at most ") + to;
    }
    if (c.question())
      return zh ? fmt::format("请填写{}（{}即可）", fact(c.slot), to)
                : fmt::format("answer {} ({})", fact(c.slot), to);
    std::string line = fmt::format("{} {} → {}", fact(c.slot), value(c.slot, *c.from), to);
    const auto unquoted = [](std::string_view j) {
      return j.size() >= 2 && j.front() == '"' ? j.substr(1, j.size() - 2) : j;
    };
    auto from = decimal::parse(unquoted(*c.from)), target = decimal::parse(unquoted(c.to));
    if (from && target && schema[c.slot].type == "money")
      line += zh ? fmt::format("（差 {}）",
                               format_money(*target > *from ? *target - *from : *from - *target))
                 : fmt::format(" (by {})",
                               format_money(*target > *from ? *target - *from : *from - *target));
    return line;
  }
};

std::string status_words(status s, bool zh) {
  switch (s) {
    case status::eligible:
      return zh ? "符合" : "eligible";
    case status::undetermined:
      return zh ? "待定" : "undetermined";
    default:
      return zh ? "不符合" : "not eligible";
  }
}

}  // namespace

std::string render_paths_text(const ruleset& rules, const paths_result& r, language lang) {
  const words w{rules, rules.schema(), rules.provisions(), lang == language::zh};
  const bool zh = w.zh;
  std::string out = zh ? fmt::format("达到条件的路径（核查日期 {}", r.as_of.to_string())
                       : fmt::format("Paths to eligibility (as of {}", r.as_of.to_string());
  if (!r.company.empty()) out += (zh ? "，" : ", ") + r.company;
  out += zh ? "）\n" : ")\n";
  for (const auto& pp : r.provisions) {
    if (pp.paths.empty()) {
      if (!pp.unsolved.empty() || !pp.questions.empty())
        out += fmt::format("\n{} — {}\n", w.title(pp.id), status_words(pp.now, zh));
      if (!pp.questions.empty()) {
        std::string asked;
        for (const auto& q : pp.questions)
          asked += (asked.empty() ? "" : (zh ? "、" : ", ")) + w.fact_named(q);
        out +=
            zh ? fmt::format("  先回答：{}\n", asked) : fmt::format("  Answer first: {}\n", asked);
      } else if (!pp.unsolved.empty()) {
        out += zh ? "  没有可算出的路径；这些条件目前不满足：\n"
                  : "  No path can be worked out; these conditions are not met:\n";
        for (const auto& u : pp.unsolved) out += "    · " + w.pick(u) + "\n";
      }
      continue;
    }
    out += fmt::format("\n{} — {}\n", w.title(pp.id), status_words(pp.now, zh));
    for (std::size_t k = 0; k < pp.paths.size(); ++k) {
      const auto& path = pp.paths[k];
      std::string changes;
      for (const auto& c : path.changes)
        changes += (changes.empty() ? "" : (zh ? "；" : "; ")) + w.change(c);
      out += zh ? fmt::format("  方案 {}：{}\n", k + 1, changes)
                : fmt::format("  Path {}: {}\n", k + 1, changes);
      std::string total;
      if (path.total_after != path.total_before)
        total = zh ? fmt::format("；合计 ¥{} → ¥{}", format_money(path.total_before),
                                 format_money(path.total_after))
                   : fmt::format("; total ¥{} → ¥{}", format_money(path.total_before),
                                 format_money(path.total_after));
      if (path.then == status::eligible) {
        out += zh ? fmt::format("    可获 {}{}\n", w.amount_text(path.pays), total)
                  : fmt::format("    pays {}{}\n", w.amount_text(path.pays), total);
      } else {
        std::string asked;
        for (const auto& q : path.then_missing)
          asked += (asked.empty() ? "" : (zh ? "、" : ", ")) + w.fact_named(q);
        out += zh ? fmt::format("    此后还需回答：{}\n", asked)
                  : fmt::format("    then still to answer: {}\n", asked);
      }
      for (const auto& lost : path.loses)
        out += zh ? fmt::format("    但「{}」将不再发放\n", w.title(lost))
                  : fmt::format("    but “{}” would no longer be paid\n", w.title(lost));
    }
  }
  // Provisions closed by what cannot change, grouped by those facts: many by the district
  // alone in one line, the rest by name.
  std::map<std::string, std::vector<std::string>> closed_groups;
  for (const auto& pp : r.provisions) {
    if (!pp.paths.empty() || !pp.unsolved.empty() || !pp.questions.empty()) continue;
    std::string facts;
    for (const auto& f : pp.fixed_facts)
      facts += (facts.empty() ? "" : (zh ? "、" : ", ")) + w.fact_named(f);
    closed_groups[facts].push_back(w.title(pp.id));
  }
  if (!closed_groups.empty()) out += "\n";
  for (const auto& [facts, titles] : closed_groups) {
    std::string names;
    for (const auto& t : titles) names += (names.empty() ? "" : (zh ? "、" : ", ")) + t;
    const std::string what = titles.size() > 3 ? (zh ? fmt::format("另有 {} 项", titles.size())
                                                     : fmt::format("{} more", titles.size()))
                                               : names;
    out += zh ? fmt::format("{}：没有路径，需要改变无法改变的情况（{}）。\n", what, facts)
              : fmt::format("{}: no path; it would take changing what cannot change ({}).\n", what,
                            facts);
  }
  if (r.provisions.empty())
    out += zh ? "\n所有条款均已符合或不适用。\n"
              : "\nNothing to reach: every provision is eligible or not applicable.\n";
  return out;
}

std::string render_paths_json(const ruleset& rules, const paths_result& r) {
  std::string out = "{\"profile\":";
  append_json_string(r.profile_name, out);
  out += ",\"company\":";
  append_json_string(r.company, out);
  out += fmt::format(",\"as_of\":\"{}\",\"paths\":[", r.as_of.to_string());
  const auto amount_json = [](const amount& a) {
    return fmt::format(R"({{"kind":"{}","min":"{}","max":"{}","currency":"CNY"}})",
                       amount_kind_name(a.kind), a.min.to_string(2), a.max.to_string(2));
  };
  const auto provisions = rules.provisions();
  const auto title = [&](const std::string& id, std::string& to) {
    for (const auto& p : provisions)
      if (p.id == id) {
        to += ",\"title\":{\"zh\":";
        append_json_string(p.title.zh, to);
        to += ",\"en\":";
        append_json_string(p.title.en, to);
        to += '}';
      }
  };
  bool first = true;
  for (const auto& pp : r.provisions)
    for (const auto& path : pp.paths) {
      out += first ? "{" : ",{";
      first = false;
      out += "\"provision\":";
      append_json_string(pp.id, out);
      title(pp.id, out);
      out += fmt::format(",\"now\":\"{}\",\"changes\":[", status_name(pp.now));
      for (std::size_t k = 0; k < path.changes.size(); ++k) {
        const auto& c = path.changes[k];
        out += k ? ",{\"fact\":" : "{\"fact\":";
        append_json_string(c.fact, out);
        out += fmt::format(",\"from\":{},\"to\":{},\"bound\":\"{}\",\"question\":{}",
                           c.from.value_or("null"), c.to,
                           c.kind == fact_change::bound::at_least  ? "at_least"
                           : c.kind == fact_change::bound::at_most ? "at_most"
                                                                   : "exactly",
                           c.question());
        if (!c.one_of.empty()) {
          out += ",\"one_of\":[";
          for (std::size_t m = 0; m < c.one_of.size(); ++m) {
            if (m) out += ',';
            append_json_string(c.one_of[m], out);
          }
          out += ']';
        }
        out += '}';
      }
      out += fmt::format(R"(],"then":{{"status":"{}","amount":{},"missing":[)",
                         status_name(path.then), amount_json(path.pays));
      for (std::size_t k = 0; k < path.then_missing.size(); ++k) {
        if (k) out += ',';
        append_json_string(path.then_missing[k], out);
      }
      out += "]},\"loses\":[";
      for (std::size_t k = 0; k < path.loses.size(); ++k) {
        if (k) out += ',';
        append_json_string(path.loses[k], out);
      }
      out += fmt::format(R"(],"total":{{"before":"{}","after":"{}"}}}})",
                         path.total_before.to_string(2), path.total_after.to_string(2));
    }
  out += "],\"closed\":[";
  first = true;
  for (const auto& pp : r.provisions) {
    if (!pp.paths.empty()) continue;
    out += first ? "{\"provision\":" : ",{\"provision\":";
    first = false;
    append_json_string(pp.id, out);
    out += fmt::format(",\"now\":\"{}\",\"fixed_facts\":[", status_name(pp.now));
    for (std::size_t k = 0; k < pp.fixed_facts.size(); ++k) {
      if (k) out += ',';
      append_json_string(pp.fixed_facts[k], out);
    }
    out += "],\"questions\":[";
    for (std::size_t k = 0; k < pp.questions.size(); ++k) {
      if (k) out += ',';
      append_json_string(pp.questions[k], out);
    }
    out += "],\"unsolved\":[";
    for (std::size_t k = 0; k < pp.unsolved.size(); ++k) {
      out += k ? ",{\"zh\":" : "{\"zh\":";
      append_json_string(pp.unsolved[k].zh, out);
      out += ",\"en\":";
      append_json_string(pp.unsolved[k].en, out);
      out += '}';
    }
    out += "]}";
  }
  return out + "]}\n";
}

}  // namespace elig
