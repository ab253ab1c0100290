// What a rule set declares, for readers and editors: facts, parameters and definitions, each with
// the provisions that read it (through definitions too).
#include <algorithm>
#include <set>

#include "check/ir.hpp"
#include "elig/ruleset.hpp"
#include "explain/labels.hpp"
#include "facade/ruleset_impl.hpp"

namespace elig {
namespace {

// What the nodes of one provision reach: facts, parameters and definitions, by index.
struct reach {
  std::set<std::uint32_t> facts, params, defines;
};

void collect(const check::program& p, check::node_id id, reach& out) {
  if (id == check::no_node) return;
  const check::node& n = p.nodes[static_cast<std::size_t>(id)];
  switch (n.kind) {
    case check::op::fact:
      out.facts.insert(n.ref);
      break;
    case check::op::param:
    case check::op::param_at:
      out.params.insert(n.ref);
      break;
    case check::op::define_ref:
    case check::op::call_define:
      if (out.defines.insert(n.ref).second) collect(p, p.defines[n.ref].body, out);
      break;
    default:
      break;
  }
  for (auto k : {n.a, n.b, n.c}) collect(p, k, out);
  for (auto k : n.args) collect(p, k, out);
}

// Per provision, what it reaches (its document's conditions are the document's, not read here).
std::vector<reach> reaches(const check::program& p) {
  std::vector<reach> out(p.provisions.size());
  for (std::size_t i = 0; i < p.provisions.size(); ++i) {
    const auto& pr = p.provisions[i];
    for (const auto& c : pr.conditions) collect(p, c.test, out[i]);
    for (const auto& pt : pr.parts) {
      for (const auto& c : pt.conditions) collect(p, c.test, out[i]);
      if (pt.pays)
        for (auto n : {pt.pays->first, pt.pays->second, pt.pays->items, pt.pays->where})
          collect(p, n, out[i]);
    }
  }
  return out;
}

template <typename Member>
std::vector<std::string> readers(const check::program& p, const std::vector<reach>& all,
                                 Member member, std::uint32_t index) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < all.size(); ++i)
    if ((all[i].*member).count(index)) out.push_back(p.provisions[i].id);
  return out;
}

}  // namespace

std::vector<fact_info> ruleset::schema() const {
  const check::program& prog = *impl_->prog;
  const auto all = reaches(prog);
  std::vector<fact_info> out;
  auto info = [&](const check::field_decl& f) {
    fact_info i;
    i.name = f.name;
    i.type = check::type_name(prog, f.t);
    i.required = f.required;
    i.unit = f.unit;
    i.label = f.label;
    if (f.t.kind == check::base::enumeration) {
      i.enum_members = prog.enums[f.t.ref].members;
      i.enum_labels = prog.enums[f.t.ref].labels;
    }
    return i;
  };
  for (std::uint32_t slot = 0; slot < prog.facts.size(); ++slot) {
    const auto& f = prog.facts[slot];
    fact_info i = info(f);
    i.history = prog.history_fact && slot == *prog.history_fact;
    i.fixed = f.fixed || i.history;
    if (f.t.kind == check::base::record)
      for (const auto& field : prog.records[f.t.ref].fields) i.fields.push_back(info(field));
    i.read_by = readers(prog, all, &reach::facts, slot);
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<parameter_info> ruleset::parameters() const {
  const check::program& prog = *impl_->prog;
  const auto all = reaches(prog);
  std::vector<parameter_info> out;
  for (std::uint32_t k = 0; k < prog.params.size(); ++k) {
    const auto& x = prog.params[k];
    parameter_info i{x.name, check::type_name(prog, x.t), x.label, {}, {}};
    for (const auto& [from, v] : x.rows)
      i.table.emplace_back(from, explain::format_value(prog, v, x.t, false));
    i.read_by = readers(prog, all, &reach::params, k);
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<definition_info> ruleset::definitions() const {
  const check::program& prog = *impl_->prog;
  const auto all = reaches(prog);
  std::vector<definition_info> out;
  for (std::uint32_t k = 0; k < prog.defines.size(); ++k) {
    const auto& d = prog.defines[k];
    definition_info i{d.name, check::type_name(prog, d.t), d.label, {}, d.interpretations, {}};
    for (std::size_t a = 0; a < d.param_names.size(); ++a)
      i.parameters.push_back(d.param_names[a] + " : " + check::type_name(prog, d.param_types[a]));
    i.read_by = readers(prog, all, &reach::defines, k);
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace elig
