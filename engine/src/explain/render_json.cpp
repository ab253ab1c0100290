// The JSON shape documented in docs/json.md. Field order is fixed, so output is byte-stable.
#include <nlohmann/json.hpp>

#include "elig/render.hpp"

namespace elig {
namespace {

using json = nlohmann::ordered_json;

json amount_json(const amount& a) {
  return {{"kind", amount_kind_name(a.kind)},
          {"min", a.min.to_string(2)},
          {"max", a.max.to_string(2)},
          {"currency", "CNY"}};
}

json bitext_json(const bitext& b) { return {{"zh", b.zh}, {"en", b.en}}; }

std::string_view outcome_name(outcome o) {
  switch (o) {
    case outcome::yes:
      return "true";
    case outcome::no:
      return "false";
    case outcome::unknown:
      return "unknown";
    case outcome::not_evaluated:
      return "not_evaluated";
  }
  return "unknown";
}

json conditions_json(const std::vector<condition_trace>& cs) {
  json out = json::array();
  for (const auto& c : cs)
    out.push_back({{"kind", c.kind},
                   {"outcome", outcome_name(c.result)},
                   {"label", bitext_json(c.label)},
                   {"missing", c.missing},
                   {"details", conditions_json(c.details)}});
  return out;
}

}  // namespace

std::string_view status_name(status s) {
  switch (s) {
    case status::eligible:
      return "eligible";
    case status::ineligible:
      return "ineligible";
    case status::undetermined:
      return "undetermined";
    case status::not_in_force:
      return "not_in_force";
    case status::not_encodable:
      return "not_encodable";
  }
  return "undetermined";
}

std::string_view amount_kind_name(amount_kind k) {
  switch (k) {
    case amount_kind::none:
      return "none";
    case amount_kind::fixed:
      return "fixed";
    case amount_kind::up_to:
      return "up_to";
    case amount_kind::range:
      return "range";
  }
  return "none";
}

std::string render_json(const std::vector<report>& ds, const ruleset& rules, date as_of) {
  json root;
  root["as_of"] = as_of.to_string();
  root["rules"] = {{"hash", rules.hash()}};
  root["results"] = json::array();
  for (const auto& d : ds) {
    json r;
    r["profile"] = d.profile;
    r["excluded"] = d.excluded;
    r["exclusions"] = json::array();
    for (const auto& e : d.exclusions)
      r["exclusions"].push_back({{"id", e.id},
                                 {"title", bitext_json(e.title)},
                                 {"citation", e.citation},
                                 {"holds", outcome_name(e.holds)},
                                 {"missing", e.missing}});
    r["decisions"] = json::array();
    for (const auto& p : d.provisions) {
      json parts = json::array();
      for (const auto& pt : p.parts) {
        json steps = json::array();
        for (const auto& s : pt.steps) steps.push_back(bitext_json(s.text));
        parts.push_back({{"name", pt.name},
                         {"title", bitext_json(pt.title)},
                         {"status", status_name(pt.result)},
                         {"amount", amount_json(pt.value)},
                         {"missing", pt.missing},
                         {"conditions", conditions_json(pt.conditions)},
                         {"steps", steps},
                         {"reason", bitext_json(pt.reason)}});
      }
      json interps = json::array();
      for (const auto& i : p.interpretations) interps.push_back(bitext_json(i));
      json notes = json::array();
      for (const auto& n : p.notes) notes.push_back(bitext_json(n));
      json issues = json::array();
      for (const auto& i : p.issues.items())
        issues.push_back({{"code", diag_id(i.code)}, {"message", i.message}});
      r["decisions"].push_back(
          {{"id", p.id},
           {"document", p.document},
           {"title", bitext_json(p.title)},
           {"status", status_name(p.result)},
           {"draft", p.draft},
           {"amount", amount_json(p.value)},
           {"missing", p.missing},
           {"citation", p.citation},
           {"counted_in_total", p.counted_in_total},
           {"superseded_by", p.superseded_by.empty() ? json(nullptr) : json(p.superseded_by)},
           {"reason", bitext_json(p.reason)},
           {"conditions", conditions_json(p.conditions)},
           {"parts", parts},
           {"interpretations", interps},
           {"notes", notes},
           {"issues", issues}});
    }
    json tn = json::array();
    for (const auto& n : d.total_notes) tn.push_back(bitext_json(n));
    r["total"] = {{"min", d.total.min.to_string(2)},
                  {"max", d.total.max.to_string(2)},
                  {"currency", "CNY"},
                  {"notes", tn}};
    root["results"].push_back(std::move(r));
  }
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace elig
