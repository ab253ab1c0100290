#include "elig/decision_json.hpp"

#include <fmt/format.h>

#include "elig/version.hpp"

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
  for (std::uint32_t slot = 0; slot < rules.fact_count(); ++slot)
    fact_names_.push_back(json_quoted(rules.fact_name(slot)));
  provenance_ = fmt::format(",\"rules_hash\":{},\"engine\":{}", json_quoted(rules.hash()),
                            json_quoted(fmt::format("elig {}", version)));
}

void decision_json_writer::append(const decision& d, const profile& p, std::string_view leading,
                                  std::string& out, std::string_view id) const {
  out += "{\"version\":2";
  if (!leading.empty()) out += ',';
  out += leading;
  if (id.empty()) id = p.id();
  if (!id.empty()) {
    out += ",\"id\":";
    append_json_string(id, out);
  }
  if (!p.company().empty()) {
    out += ",\"company\":";
    append_json_string(p.company(), out);
  }
  out += ",\"as_of\":\"";
  out += d.as_of().to_string();
  out += '"';
  out += provenance_;
  out += ",\"excluded\":";
  out += d.excluded() ? "true" : "false";
  out += ",\"total\":{\"min\":";
  append_money(d.total().min, out);
  out += ",\"max\":";
  append_money(d.total().max, out);
  out += "}";
  // Eligible provisions with their amounts, then the open ones with the facts that would decide
  // them, then evaluation errors: each an array of objects led by the provision's id.
  auto section = [&](std::string_view name, auto&& select, auto&& body) {
    out += ",\"";
    out += name;
    out += "\":[";
    bool first = true;
    for (std::size_t i = 0; i < d.provisions().size(); ++i) {
      if (!select(d.provision(i))) continue;
      if (!first) out += ',';
      first = false;
      out += "{\"id\":";
      out += provision_ids_[i];
      body(i, d.provision(i));
      out += '}';
    }
    out += ']';
  };
  section(
      "eligible", [](const verdict& v) { return v.result == status::eligible; },
      [&](std::size_t, const verdict& v) {
        out += ",\"kind\":\"";
        out += amount_kind_name(v.value.kind);
        out += "\",\"min\":";
        append_money(v.value.min, out);
        out += ",\"max\":";
        append_money(v.value.max, out);
        out += ",\"counted\":";
        out += v.counted_in_total ? "true" : "false";
        out += ",\"superseded_by\":";
        if (v.superseded_by < 0)
          out += "null";
        else if (v.superseded_by_part < 0)
          out += provision_ids_[static_cast<std::size_t>(v.superseded_by)];
        else
          append_json_string(
              rules_->member_id(static_cast<std::size_t>(v.superseded_by), v.superseded_by_part),
              out);
      });
  section(
      "undetermined", [](const verdict& v) { return v.result == status::undetermined && !v.error; },
      [&](std::size_t i, const verdict&) {
        out += ",\"missing\":[";
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
        out += ",\"code\":\"";
        out += diag_id(*v.error);
        out += '"';
      });
  out += "}\n";
}

namespace {

void append_leading(std::string_view input, std::uint64_t line, std::string& leading) {
  leading += "\"input\":";
  append_json_string(input, leading);
  if (line > 0) fmt::format_to(std::back_inserter(leading), ",\"line\":{}", line);
}

void append_diagnostics_line(std::string_view leading, const std::string& diagnostics,
                             std::string& out) {
  out += "{\"version\":2,";
  out += leading;
  out += ",\"diagnostics\":";
  out += diagnostics;
  out += "}\n";
}

}  // namespace

bool decision_json_writer::append_batch_line(std::string_view text, profile_format format,
                                             std::string_view input, std::uint64_t line,
                                             const decide_options& opts, decision& d,
                                             std::string& out) const {
  std::string leading;
  append_leading(input, line, leading);
  auto loaded = rules_->load_profile(text, std::string(input), format);
  if (!loaded) {
    append_diagnostics_line(
        leading,
        render_json_array(loaded.diagnostics(), loaded.sources(),
                          static_cast<std::uint32_t>(std::max<std::uint64_t>(line, 1))),
        out);
    return false;
  }
  rules_->decide(loaded.get(), opts, d);
  append(d, loaded.get(), leading, out);
  return true;
}

void decision_json_writer::append_problem_line(std::string_view input, std::uint64_t line,
                                               std::string_view problem, std::string& out) const {
  std::string leading;
  append_leading(input, line, leading);
  diagnostic_list diags;
  diags.add(diag_code::io_error, std::string(problem));
  append_diagnostics_line(leading, render_json_array(diags, source_manager{}), out);
}

}  // namespace elig
