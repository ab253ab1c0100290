// The JSON shape documented in docs/json.md. Field order is fixed, so output is byte-stable.
#include <fmt/format.h>

#include "elig/render.hpp"
#include "elig/version.hpp"
#include "explain/json_writer.hpp"

namespace elig {
namespace {

using explain::json_writer;

constexpr int k_json_version = 1;

void amount_json(json_writer& w, const amount& a) {
  w.begin_object();
  w.key("kind").value(amount_kind_name(a.kind));
  w.key("min").value(a.min.to_string(2));
  w.key("max").value(a.max.to_string(2));
  w.key("currency").value("CNY");
  w.end_object();
}

void bitext_json(json_writer& w, const bitext& b) {
  w.begin_object().key("zh").value(b.zh).key("en").value(b.en).end_object();
}

void bitexts_json(json_writer& w, const std::vector<bitext>& v) {
  w.begin_array();
  for (const auto& b : v) bitext_json(w, b);
  w.end_array();
}

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

void conditions_json(json_writer& w, const std::vector<condition_trace>& cs) {
  w.begin_array();
  for (const auto& c : cs) {
    w.begin_object();
    w.key("kind").value(condition_kind_name(c.kind));
    if (c.of_document) w.key("of_document").value(true);
    w.key("outcome").value(outcome_name(c.result));
    w.key("label");
    bitext_json(w, c.label);
    w.key("missing").strings(c.missing);
    w.key("details");
    conditions_json(w, c.details);
    w.end_object();
  }
  w.end_array();
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

std::string_view condition_kind_name(condition_kind k) {
  switch (k) {
    case condition_kind::exclusion:
      return "exclusion";
    case condition_kind::when:
      return "when";
    case condition_kind::unless:
      return "unless";
    case condition_kind::years:
      return "years";
    case condition_kind::once:
      return "once";
    case condition_kind::definition:
      return "definition";
  }
  return "?";
}

std::string_view document_status_name(document_status s) {
  switch (s) {
    case document_status::in_force:
      return "in_force";
    case document_status::draft:
      return "draft";
    case document_status::superseded:
      return "superseded";
  }
  return "?";
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

// Written as it goes, not built as a tree first: a full report is tens of kilobytes, and a
// tree of nlohmann values cost more than evaluating the profile.
std::string render_json(const std::vector<report>& ds, const ruleset& rules, date as_of) {
  json_writer w;
  w.begin_object();
  // The shape's version: raised whenever a field changes meaning or goes away (docs/json.md).
  w.key("version").raw_number(k_json_version);
  w.key("as_of").value(as_of.to_string());
  w.key("rules").begin_object().key("hash").value(rules.hash()).end_object();
  w.key("engine").value(fmt::format("elig {}", version));
  w.key("results").begin_array();
  for (const auto& d : ds) {
    w.begin_object();
    w.key("profile").value(d.profile);
    // The caller's identifier and the company's name, null when the profile gives none.
    for (auto [key, text] : {std::pair{"id", &d.id}, std::pair{"company", &d.company}}) {
      w.key(key);
      if (text->empty())
        w.null();
      else
        w.value(*text);
    }
    w.key("excluded").value(d.excluded);
    w.key("exclusions").begin_array();
    for (const auto& e : d.exclusions) {
      w.begin_object();
      w.key("id").value(e.id);
      w.key("title");
      bitext_json(w, e.title);
      w.key("citation");
      bitext_json(w, e.citation);
      w.key("holds").value(outcome_name(e.holds));
      w.key("missing").strings(e.missing);
      w.end_object();
    }
    w.end_array();
    w.key("documents").begin_array();
    for (const auto& doc : d.documents) {
      w.begin_object().key("id").value(doc.id).key("title");
      bitext_json(w, doc.title);
      w.end_object();
    }
    w.end_array();
    w.key("decisions").begin_array();
    for (const auto& p : d.provisions) {
      w.begin_object();
      w.key("id").value(p.id);
      w.key("document").value(p.document);
      w.key("title");
      bitext_json(w, p.title);
      w.key("status").value(status_name(p.result));
      w.key("draft").value(p.draft);
      w.key("amount");
      amount_json(w, p.value);
      w.key("missing").strings(p.missing);
      w.key("citation");
      bitext_json(w, p.citation);
      if (p.could_pay) {
        w.key("could_pay");
        amount_json(w, *p.could_pay);
      }
      w.key("counted_in_total").value(p.counted_in_total);
      w.key("superseded_by");
      if (p.superseded_by.empty())
        w.null();
      else
        w.value(p.superseded_by);
      w.key("reason");
      bitext_json(w, p.reason);
      w.key("conditions");
      conditions_json(w, p.conditions);
      w.key("parts").begin_array();
      for (const auto& pt : p.parts) {
        w.begin_object();
        w.key("name").value(pt.name);
        w.key("title");
        bitext_json(w, pt.title);
        w.key("status").value(status_name(pt.result));
        w.key("amount");
        amount_json(w, pt.value);
        w.key("missing").strings(pt.missing);
        w.key("conditions");
        conditions_json(w, pt.conditions);
        w.key("steps").begin_array();
        for (const auto& st : pt.steps) bitext_json(w, st.text);
        w.end_array();
        w.key("reason");
        bitext_json(w, pt.reason);
        w.end_object();
      }
      w.end_array();
      w.key("interpretations");
      bitexts_json(w, p.interpretations);
      w.key("notes");
      bitexts_json(w, p.notes);
      w.key("issues").begin_array();
      for (const auto& i : p.issues.items())
        w.begin_object()
            .key("code")
            .value(diag_id(i.code))
            .key("message")
            .value(i.message)
            .end_object();
      w.end_array();
      w.end_object();
    }
    w.end_array();
    // The facts to ask next, those that would settle the most open provisions first.
    w.key("ask_next").strings(d.ask_next);
    w.key("total").begin_object();
    w.key("min").value(d.total.min.to_string(2));
    w.key("max").value(d.total.max.to_string(2));
    w.key("currency").value("CNY");
    w.key("notes");
    bitexts_json(w, d.total_notes);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace elig
