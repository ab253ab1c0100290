#include "elig/decision_json.hpp"

#include <fmt/format.h>

namespace elig {

void append_json_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", u);
    } else {
      out += c;
    }
  }
  out += '"';
}

namespace {

std::string json_quoted(std::string_view s) {
  std::string q;
  append_json_string(s, q);
  return q;
}

void append_money(decimal d, std::string& out) {
  out += '"';
  out += d.to_string(2);
  out += '"';
}

}  // namespace

decision_json_writer::decision_json_writer(const ruleset& rules) : rules_(&rules) {
  for (const auto& p : rules.provisions()) provision_ids_.push_back(json_quoted(p.id));
  for (std::uint32_t slot = 0; slot < rules.fact_count(); ++slot) {
    fact_names_.push_back(json_quoted(rules.fact_name(slot)));
    if (rules.fact_name(slot) == "id") id_slot_ = slot;
  }
}

void decision_json_writer::append(const decision& d, const profile& p, std::string_view leading,
                                  std::string& out) const {
  out += '{';
  out += leading;
  if (!leading.empty()) out += ',';
  if (id_slot_ >= 0) {
    const value& id = p.facts()[static_cast<std::size_t>(id_slot_)];
    if (id.known() && std::holds_alternative<std::string_view>(id.raw())) {
      out += "\"id\":";
      append_json_string(id.as_text(), out);
      out += ',';
    }
  }
  out += "\"excluded\":";
  out += d.excluded() ? "true" : "false";
  out += ",\"total\":{\"min\":";
  append_money(d.total().min, out);
  out += ",\"max\":";
  append_money(d.total().max, out);
  out += "}";
  // Eligible provisions with their amounts, then the open ones with the facts that would decide
  // them, then evaluation errors: each section only when it has members.
  auto section = [&](std::string_view name, auto&& select, auto&& body) {
    bool first = true;
    for (std::size_t i = 0; i < d.provisions().size(); ++i) {
      if (!select(d.provision(i))) continue;
      if (first) {
        out += ",\"";
        out += name;
        out += "\":{";
        first = false;
      } else {
        out += ',';
      }
      out += provision_ids_[i];
      out += ':';
      body(i, d.provision(i));
    }
    if (!first) out += '}';
  };
  section(
      "eligible", [](const verdict& v) { return v.result == status::eligible; },
      [&](std::size_t, const verdict& v) {
        out += "{\"kind\":\"";
        out += amount_kind_name(v.value.kind);
        out += "\",\"min\":";
        append_money(v.value.min, out);
        out += ",\"max\":";
        append_money(v.value.max, out);
        out += ",\"counted\":";
        out += v.counted_in_total ? "true" : "false";
        if (v.superseded_by >= 0) {
          out += ",\"superseded_by\":";
          if (v.superseded_by_part < 0)
            out += provision_ids_[static_cast<std::size_t>(v.superseded_by)];
          else
            append_json_string(
                rules_->member_id(static_cast<std::size_t>(v.superseded_by), v.superseded_by_part),
                out);
        }
        out += '}';
      });
  section(
      "undetermined", [](const verdict& v) { return v.result == status::undetermined && !v.error; },
      [&](std::size_t i, const verdict&) {
        out += '[';
        bool first = true;
        for (std::uint32_t fact : d.missing_facts(i)) {
          if (!first) out += ',';
          first = false;
          // A schema slot's name is quoted once per writer; an item's field (`loans[2].x`) here.
          if (fact < fact_names_.size())
            out += fact_names_[fact];
          else
            append_json_string(d.open_fact_name(fact), out);
        }
        out += ']';
      });
  section(
      "errors", [](const verdict& v) { return v.error.has_value(); },
      [&](std::size_t, const verdict& v) {
        out += '"';
        out += diag_id(*v.error);
        out += '"';
      });
  out += "}\n";
}

}  // namespace elig
