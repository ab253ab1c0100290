// Schema, parameters, definitions, bracket tables and ladders.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "check/checker.hpp"

namespace elig::check {
namespace ast = syntax::ast;

namespace {

struct base_type_name {
  std::string_view name;
  base kind;
};
constexpr base_type_name k_base_types[] = {
    {"bool", base::boolean},  {"integer", base::number}, {"decimal", base::number},
    {"number", base::number}, {"money", base::money},    {"percent", base::percent},
    {"date", base::date},     {"year", base::year},      {"text", base::text}};

}  // namespace

std::optional<type> checker::resolve_type(const ast::type_ref& t, bool allow_record) {
  type out;
  out.list = t.is_list;
  const std::string& n = t.name.text;
  if (n == "enum") {
    if (t.members.empty()) {
      error(diag_code::unknown_type, "an enumeration needs members: `enum(a, b)`", span(t));
      return std::nullopt;
    }
    enum_type e;
    std::set<std::string> seen;
    for (const auto& m : t.members) {
      if (!seen.insert(m.name.text).second)
        error(diag_code::duplicate_name,
              fmt::format("enumeration member `{}` is listed twice", m.name.text), span(m.name));
      e.members.push_back(m.name.text);
      e.labels.push_back(to_bitext(m.label));
    }
    // A label names its member in profiles, so it must not name another member too.
    std::map<std::string, std::size_t> named;
    for (std::size_t i = 0; i < e.members.size(); ++i) named.emplace(e.members[i], i);
    for (std::size_t i = 0; i < e.members.size(); ++i)
      for (const std::string& l : {e.labels[i].zh, e.labels[i].en}) {
        if (l.empty()) continue;
        auto [it, fresh] = named.emplace(l, i);
        if (!fresh && it->second != i)
          error(diag_code::duplicate_name,
                fmt::format("`{}` labels enumeration member `{}` but already names `{}`", l,
                            e.members[i], e.members[it->second]),
                span(t.members[i]));
      }
    p_.enums.push_back(std::move(e));
    out.kind = base::enumeration;
    out.ref = static_cast<std::uint32_t>(p_.enums.size() - 1);
    return out;
  }
  if (!t.members.empty()) {
    error(diag_code::unknown_type, fmt::format("only `enum` takes members, not `{}`", n), span(t));
    return std::nullopt;
  }
  for (const auto& b : k_base_types)
    if (b.name == n) {
      out.kind = b.kind;
      return out;
    }
  auto r = record_names_.find(n);
  if (r != record_names_.end()) {
    if (!allow_record) {
      error(diag_code::unknown_type, fmt::format("record `{}` cannot be used here", n), span(t));
      return std::nullopt;
    }
    out.kind = base::record;
    out.ref = r->second;
    return out;
  }
  std::vector<std::string> names;
  for (const auto& b : k_base_types) names.emplace_back(b.name);
  names.emplace_back("enum");
  for (const auto& [name, id] : record_names_) names.push_back(name);
  auto near = nearest_name(n, names);
  error(diag_code::unknown_type, fmt::format("unknown type `{}`", n), span(t.name),
        near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near))
             : std::optional<std::string>("types: bool, integer, decimal, money, percent, date, "
                                          "year, text, enum(...), list of T, or a record"));
  return std::nullopt;
}

void checker::declare_schema(const ast::schema_decl& s) {
  auto declare_global = [&](const std::string& name, source_span at, symbol sym) {
    if (!globals_.emplace(name, sym).second) {
      auto& d = error(diag_code::duplicate_name, fmt::format("`{}` is declared twice", name), at);
      if (auto first = global_spans_.find(name); first != global_spans_.end())
        d.notes.emplace_back(first->second, "first declared here");
      return false;
    }
    global_spans_.emplace(name, at);
    return true;
  };
  auto make_field = [&](const ast::fact_decl& f, bool allow_record) -> std::optional<field_decl> {
    auto t = resolve_type(f.type, allow_record);
    if (!t) return std::nullopt;
    if (t->kind == base::record && !t->list) {
      error(diag_code::unknown_type,
            "a record fact must be a list: `list of " + f.type.name.text + "`", span(f.type));
      return std::nullopt;
    }
    field_decl d;
    d.name = f.name.text;
    d.t = *t;
    d.required = f.required;
    d.unit = f.unit ? f.unit->text : "";
    d.label = to_bitext(f.label);
    d.span = span(f.name);
    return d;
  };
  // Records first, so a fact may name a record declared below it.
  for (const auto& item : s.items)
    if (const auto* r = boost::get<ast::record_decl>(&item)) {
      if (record_names_.count(r->name.text)) {
        error(diag_code::duplicate_name, fmt::format("record `{}` is declared twice", r->name.text),
              span(r->name));
        continue;
      }
      record_type rec;
      rec.name = r->name.text;
      rec.label = to_bitext(r->label);
      p_.records.push_back(std::move(rec));
      record_names_[r->name.text] = static_cast<std::uint32_t>(p_.records.size() - 1);
    }
  for (const auto& item : s.items) {
    if (const auto* r = boost::get<ast::record_decl>(&item)) {
      auto it = record_names_.find(r->name.text);
      if (it == record_names_.end()) continue;
      std::set<std::string> seen;
      std::vector<field_decl> fields;
      for (const auto& f : r->fields) {
        if (!seen.insert(f.name.text).second) {
          error(diag_code::duplicate_name, fmt::format("field `{}` is declared twice", f.name.text),
                span(f.name));
          continue;
        }
        if (f.period)
          error(diag_code::bad_item, "only a top-level fact can be the `period`", span(f.name));
        if (f.names_company)
          error(diag_code::bad_item, "only a top-level fact can name the company", span(f.name));
        if (f.fixed)
          error(diag_code::bad_item, "only a top-level fact can be `fixed`", span(f.name));
        if (auto d = make_field(f, false)) fields.push_back(std::move(*d));
      }
      p_.records[it->second].fields = std::move(fields);
    } else if (const auto* f = boost::get<ast::fact_decl>(&item)) {
      auto d = make_field(*f, true);
      if (!d) continue;
      auto slot = static_cast<std::uint32_t>(p_.facts.size());
      if (!declare_global(f->name.text, span(f->name), {symbol_kind::fact, slot})) continue;
      fact_decl fd;
      static_cast<field_decl&>(fd) = std::move(*d);
      fd.period = f->period;
      fd.fixed = f->fixed || f->period;
      fd.names_company = f->names_company;
      if (f->period) {
        if (p_.period_fact)
          error(diag_code::duplicate_name, "only one fact can be the `period`", span(f->name));
        else if (!(fd.t == type{base::year}))
          error(diag_code::type_mismatch, "the `period` fact must be a `year`", span(f->type));
        else
          p_.period_fact = slot;
      }
      if (f->name.text == "id" && fd.t == type{base::text}) p_.id_fact = slot;
      if (f->names_company) {
        if (p_.company_fact)
          error(diag_code::duplicate_name, "only one fact can name the company", span(f->name));
        else if (!(fd.t == type{base::text}))
          error(diag_code::type_mismatch, "the fact that names the company must be `text`",
                span(f->type));
        else
          p_.company_fact = slot;
      }
      p_.facts.push_back(std::move(fd));
    } else if (const auto* h = boost::get<ast::history_decl>(&item)) {
      if (p_.history_fact) {
        error(diag_code::duplicate_name, "only one `history` can be declared", span(h->name));
        continue;
      }
      record_type rec;
      rec.name = "award";
      rec.label = {"奖励记录", "Award"};
      rec.is_history = true;
      rec.fields = {
          {"provision", type{base::text}, true, "", {"条款编号", "Provision id"}, span(h->name)},
          {"year", type{base::year}, true, "", {"获奖年度", "Year awarded"}, span(h->name)},
          {"item", type{base::text}, false, "", {"奖励项目", "Item awarded"}, span(h->name)}};
      p_.records.push_back(std::move(rec));
      auto rec_id = static_cast<std::uint32_t>(p_.records.size() - 1);
      auto slot = static_cast<std::uint32_t>(p_.facts.size());
      if (!declare_global(h->name.text, span(h->name), {symbol_kind::fact, slot})) continue;
      fact_decl fd;
      fd.name = h->name.text;
      fd.t = type{base::record, true, rec_id};
      fd.label = to_bitext(h->label);
      fd.span = span(h->name);
      p_.facts.push_back(std::move(fd));
      p_.history_fact = slot;
    }
  }
}

namespace {

// A constant: a literal after lowering (and coercion). Rows of tables and parameters need these.
std::optional<value> constant_of(checker& c, node_id id, std::string_view what) {
  if (id == no_node) return std::nullopt;
  const node& n = c.p_.nodes[static_cast<std::size_t>(id)];
  if (n.kind == op::literal) return n.lit;
  if (n.kind == op::neg) {
    const node& inner = c.p_.nodes[static_cast<std::size_t>(n.a)];
    if (inner.kind == op::literal && std::holds_alternative<decimal>(inner.lit.raw()))
      return value(-inner.lit.as_decimal());
  }
  c.error(diag_code::bad_table,
          fmt::format("{} must be a constant, such as `200万` or `50%`", what), n.span);
  return std::nullopt;
}

}  // namespace

// Every name set from outside must be a parameter of the rules: anything else is an error that
// says what the name is, or which parameter was meant.
void checker::check_overrides_used() {
  std::vector<std::string> params;
  for (const auto& p : p_.params) params.push_back(p.name);
  for (std::size_t i = 0; i < overrides_.size(); ++i) {
    if (override_used_[i]) continue;
    const auto& o = overrides_[i];
    auto g = globals_.find(o.name);
    if (g != globals_.end()) {
      error(diag_code::bad_parameter,
            fmt::format("`{}` is not a parameter: only parameters can be set", o.name), o.name_span,
            "name the number in the rules with `parameter NAME : TYPE { from DATE = VALUE }`, "
            "then set it");
      continue;
    }
    auto near = nearest_name(o.name, params);
    error(diag_code::unknown_name, fmt::format("unknown parameter `{}`", o.name), o.name_span,
          near ? fmt::format("did you mean `{}`?", *near)
               : std::string("`elig list` does not list parameters; see the rules' `parameter` "
                             "declarations"));
  }
}

void checker::declare(const ast::declaration& d) {
  auto declare_global = [&](const ast::identifier& name, symbol sym) {
    if (!globals_.emplace(name.text, sym).second) {
      auto& d = error(diag_code::duplicate_name, fmt::format("`{}` is declared twice", name.text),
                      span(name), "every fact, definition, parameter and table needs its own name");
      if (auto first = global_spans_.find(name.text); first != global_spans_.end())
        d.notes.emplace_back(first->second, "first declared here");
      return false;
    }
    global_spans_.emplace(name.text, span(name));
    return true;
  };
  if (const auto* ed = boost::get<boost::spirit::x3::forward_ast<ast::exclusion_decl>>(&d)) {
    pending_exclusions_.push_back({&ed->get(), file_});
    return;
  }
  if (const auto* pd = boost::get<ast::param_decl>(&d)) {
    auto t = resolve_type(pd->type, false);
    param_decl out;
    out.name = pd->name.text;
    out.label = to_bitext(pd->label);
    out.span = span(pd->name);
    if (t) out.t = *t;
    for (const auto& row : pd->rows) {
      auto from = parse_date(row.from);
      node_id v =
          t ? lower_expected(row.value, *t, fmt::format("a value of `{}`", out.name)) : no_node;
      auto c = constant_of(*this, v, "a parameter value");
      if (!from || !c) continue;
      for (const auto& [when, val] : out.rows)
        if (when == *from)
          error(diag_code::bad_parameter,
                fmt::format("`{}` has two values from {}", out.name, from->to_string()),
                span(row.from));
      out.rows.emplace_back(*from, *c);
    }
    if (out.rows.empty())
      error(diag_code::bad_parameter, fmt::format("parameter `{}` has no values", out.name),
            span(pd->name), "add rows such as `from 2024-01-01 = 3.45%`");
    // A reform: the value set from outside holds on every date, in place of the rows.
    for (std::size_t i = 0; i < overrides_.size(); ++i) {
      if (overrides_[i].name != out.name || !t) continue;
      override_used_[i] = true;
      const std::uint32_t own_file = file_;
      file_ = overrides_[i].file;
      node_id v =
          lower_expected(*overrides_[i].value, *t, fmt::format("a value of `{}`", out.name));
      auto c = constant_of(*this, v, "a value set for a parameter");
      file_ = own_file;
      if (c) out.rows.assign(1, {*date::from_ymd(1, 1, 1), *c});
    }
    std::sort(out.rows.begin(), out.rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    auto idx = static_cast<std::uint32_t>(p_.params.size());
    if (declare_global(pd->name, {symbol_kind::param, idx})) p_.params.push_back(std::move(out));
  } else if (const auto* dd = boost::get<ast::define_decl>(&d)) {
    auto idx = static_cast<std::uint32_t>(p_.defines.size());
    if (!declare_global(dd->name, {symbol_kind::define, idx})) return;
    define_decl out;
    out.name = dd->name.text;
    out.label = to_bitext(dd->label);
    out.span = span(dd->name);
    for (const auto& i : dd->interpretations) out.interpretations.push_back(to_bitext(i));
    p_.defines.push_back(std::move(out));
    pending_defines_.push_back({dd, file_, 0});
  } else if (const auto* bd = boost::get<ast::bracket_decl>(&d)) {
    bracket_decl out;
    out.name = bd->name.text;
    out.label = to_bitext(bd->label);
    out.span = span(bd->name);
    bool have_in = false, have_out = false;
    std::optional<decimal> prev_below;
    bool first = true;
    for (const auto& row : bd->rows) {
      bracket_row r;
      auto bound = [&](const boost::optional<ast::expression>& e) -> std::optional<decimal> {
        if (!e) return std::nullopt;
        node_id id = lower(*e);
        auto c = constant_of(*this, id, "a bracket bound");
        if (!c) return std::nullopt;
        const type& t = type_of(id);
        if (!have_in) {
          out.in = t;
          have_in = true;
        } else if (!(t == out.in)) {
          error(diag_code::bad_table,
                fmt::format("bracket bounds must all be {}", type_name(p_, out.in)),
                p_.nodes[static_cast<std::size_t>(id)].span);
        }
        return std::holds_alternative<decimal>(c->raw()) ? std::optional(c->as_decimal())
                                                         : std::nullopt;
      };
      r.from = bound(row.from);
      r.below = bound(row.below);
      node_id v = lower(row.value);
      auto c = constant_of(*this, v, "a bracket value");
      if (!c) continue;
      if (!have_out) {
        out.out = type_of(v);
        have_out = true;
      }
      r.v = *c;
      if (!row.from && !row.below)
        error(diag_code::bad_table, "a bracket row needs `from`, `below` or both", span(row));
      if (r.from && r.below && !(*r.from < *r.below))
        error(diag_code::bad_table, "a bracket row's `from` must be below its `below`", span(row));
      if (!first && !r.from)
        error(diag_code::bad_table, "only the first row may leave out `from`", span(row));
      if (!first && r.from && prev_below && !(*r.from == *prev_below))
        error(diag_code::bad_table,
              fmt::format("this row starts at {} but the previous row ends below {}: rows must "
                          "neither overlap nor leave gaps",
                          r.from->to_string(), prev_below->to_string()),
              span(row));
      if (!first && !prev_below)
        error(diag_code::bad_table, "a row follows an open-ended row", span(row));
      prev_below = r.below;
      first = false;
      out.rows.push_back(r);
    }
    if (out.rows.empty()) error(diag_code::bad_table, "a bracket table needs rows", span(bd->name));
    auto idx = static_cast<std::uint32_t>(p_.brackets.size());
    if (declare_global(bd->name, {symbol_kind::bracket, idx}))
      p_.brackets.push_back(std::move(out));
  } else if (const auto* ld = boost::get<ast::ladder_decl>(&d)) {
    ladder_decl out;
    out.name = ld->name.text;
    out.label = to_bitext(ld->label);
    out.span = span(ld->name);
    record_type rec;
    rec.name = ld->name.text + " row";
    rec.label = out.label;
    rec.fields = {{"threshold", type{base::money}, true, "", {"门槛", "Threshold"}, out.span},
                  {"award", type{base::money}, true, "", {"奖励", "Award"}, out.span}};
    bool ok = true;
    std::optional<decimal> prev;
    for (const auto& row : ld->rows) {
      node_id th = lower_expected(row.threshold, type{base::money}, "a ladder threshold");
      node_id aw = lower_expected(row.award, type{base::money}, "a ladder award");
      auto t = constant_of(*this, th, "a ladder threshold");
      auto a = constant_of(*this, aw, "a ladder award");
      if (!t || !a) {
        ok = false;
        continue;
      }
      if (prev && !(*prev < t->as_decimal()))
        error(diag_code::bad_table, "ladder thresholds must rise from row to row", span(row));
      prev = t->as_decimal();
      out.rows.push_back({*t, *a});
    }
    p_.records.push_back(std::move(rec));
    out.record = static_cast<std::uint32_t>(p_.records.size() - 1);
    if (out.rows.empty()) error(diag_code::bad_table, "a ladder needs rows", span(ld->name));
    auto idx = static_cast<std::uint32_t>(p_.ladders.size());
    if (ok && declare_global(ld->name, {symbol_kind::ladder, idx}))
      p_.ladders.push_back(std::move(out));
  } else if (const auto* cd = boost::get<ast::combine_decl>(&d)) {
    pending_combinations_.push_back({cd, file_});
  }
}

void checker::lower_define(std::uint32_t index) {
  auto& pending = pending_defines_[index];
  if (pending.state == 2) return;
  if (pending.state == 1) {
    std::string chain;
    for (auto i : define_stack_) chain += "`" + p_.defines[i].name + "` -> ";
    chain += "`" + p_.defines[index].name + "`";
    error(diag_code::define_cycle, fmt::format("definitions refer to each other: {}", chain),
          p_.defines[index].span, "a definition cannot use itself, directly or through others");
    return;
  }
  pending.state = 1;
  define_stack_.push_back(index);
  auto saved_locals = std::move(locals_);
  auto saved_file = file_;
  auto* saved_uses = uses_;
  locals_.clear();
  file_ = pending.file;
  std::vector<std::uint32_t> uses;
  uses_ = &uses;
  const ast::define_decl& dd = *pending.ast;
  bool params_ok = true;
  std::vector<std::uint32_t> slots;
  std::vector<type> types;
  std::vector<std::string> names;
  for (const auto& prm : dd.params) {
    auto t = resolve_type(prm.type, true);
    if (!t) {
      params_ok = false;
      continue;
    }
    std::uint32_t slot = new_var(prm.name.text);
    locals_.push_back({prm.name.text, slot, *t});
    slots.push_back(slot);
    types.push_back(*t);
    names.push_back(prm.name.text);
  }
  node_id body = params_ok ? lower(dd.value) : no_node;
  define_stack_.pop_back();
  locals_ = std::move(saved_locals);
  file_ = saved_file;
  uses_ = saved_uses;
  auto& out = p_.defines[index];
  out.body = body;
  out.param_slots = std::move(slots);
  out.param_types = std::move(types);
  out.param_names = std::move(names);
  if (body != no_node) out.t = type_of(body);
  std::set<std::uint32_t> all(uses.begin(), uses.end());
  for (auto u : uses)
    for (auto v : p_.defines[u].uses) all.insert(v);
  out.uses.assign(all.begin(), all.end());
  pending.state = 2;
}

void checker::finish_declarations() {
  for (std::uint32_t i = 0; i < pending_defines_.size(); ++i) lower_define(i);
  for (auto& l : p_.ladders) {
    l.records.resize(l.rows.size());
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
      l.records[i].fields = l.rows[i].data();
      l.records[i].size = static_cast<std::uint32_t>(l.rows[i].size());
      l.records[i].index = static_cast<std::uint32_t>(i);
    }
    for (const auto& r : l.records) l.items.emplace_back(&r);
  }
}

}  // namespace elig::check
