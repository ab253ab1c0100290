// Documents, provisions, parts, benefits and combinations; and the pass order of the checker.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "check/checker.hpp"
#include "syntax/ast.hpp"

namespace elig::check {
namespace ast = syntax::ast;

namespace {

bool same_text(const bitext& a, const bitext& b) { return a.zh == b.zh && a.en == b.en; }

void add_unique(std::vector<bitext>& to, const bitext& b) {
  for (const auto& x : to)
    if (same_text(x, b)) return;
  to.push_back(b);
}

// Lowers the items shared by provisions and parts.
struct item_lowerer {
  checker& c;
  std::vector<condition>& conditions;
  std::optional<benefit>& pays;
  std::optional<bitext>& not_encodable;
  std::vector<bitext>& interpretations;
  bitext* title = nullptr;
  bitext* citation = nullptr;
  std::optional<date>* valid_from = nullptr;
  std::optional<date>* valid_until = nullptr;
  std::vector<part>* parts = nullptr;
  std::string* funds = nullptr;
  std::vector<provision::allowance>* allowed = nullptr;

  void operator()(const ast::meta_item& m) {
    bitext t = c.to_bitext(m.text);
    if (m.key == "title" && title) {
      *title = t;
    } else if (m.key == "article" && citation) {
      *citation = t;
    } else if (m.key == "interpretation") {
      interpretations.push_back(t);
    } else if (m.key == "not_encodable") {
      not_encodable = t;
    } else if (m.key == "funds" && funds) {
      *funds = t.zh;
    } else if (m.key.starts_with("allow ") && allowed) {
      allow(m.key.substr(6), t, c.span(m));
    } else {
      c.error(diag_code::bad_item,
              fmt::format("`{}` does not belong in a {}", m.key, parts ? "provision" : "part"),
              c.span(m),
              parts ? std::optional<std::string>("a provision takes `title`, `article`, "
                                                 "`interpretation`, `valid`, `when`, "
                                                 "`unless`, `for at most`, `pays`, "
                                                 "`part` and `not encodable`")
                    : std::nullopt);
    }
  }
  // A warning may be accepted, with its reason; an error never.
  void allow(const std::string& id, const bitext& reason, source_span at) {
    std::vector<std::string> warnings;
    for (diag_code code : all_diag_codes()) {
      if (!diag_id(code).starts_with("W")) continue;
      warnings.emplace_back(diag_id(code));
      if (diag_id(code) == id) {
        if (reason.zh.empty())
          c.error(diag_code::missing_item, fmt::format("`allow {}` gives no reason", id), at,
                  "say why the warning does not apply: `allow W1008 \"理由\" / \"reason\"`");
        allowed->push_back({code, reason, at});
        return;
      }
    }
    auto near = nearest_name(id, warnings);
    c.error(diag_code::bad_item, fmt::format("`{}` is not a warning that can be allowed", id), at,
            near ? fmt::format("did you mean `{}`?", *near)
                 : std::string("only warnings (W1001 to W1009) can be allowed, never an error"));
  }
  void operator()(const ast::validity& v) {
    if (!valid_from) {
      c.error(diag_code::bad_item, "a part has no validity of its own", c.span(v));
      return;
    }
    *valid_from = c.parse_date(v.from);
    if (v.until) *valid_until = c.parse_date(*v.until);
  }
  void operator()(const ast::condition& cond) {
    node_id id = c.lower_expected(cond.test, type{base::boolean},
                                  fmt::format("a `{}` condition", cond.kind));
    if (id != no_node)
      conditions.push_back({cond.kind == "unless" ? condition_kind::unless : condition_kind::when,
                            id, 0, no_node, c.span(cond)});
  }
  void operator()(const ast::years_limit& y) {
    type t;
    auto v = c.parse_number(y.years, t);
    node_id from = c.lower_expected(y.from, type{base::year}, "the start of `for at most`");
    if (!v) return;
    if (t.kind != base::duration || v->as_duration().days != 0 ||
        v->as_duration().months % 12 != 0 || v->as_duration().months <= 0) {
      c.error(diag_code::type_mismatch,
              fmt::format("`for at most` counts whole years, not `{}`", y.years.text),
              c.span(y.years), "write `for at most 3 years from first_year`");
      return;
    }
    if (!c.p_.period_fact) {
      c.error(diag_code::no_schema, "`for at most` needs a `period` fact in the schema", c.span(y),
              "mark the claimed year: `fact claimed_year : year required period`");
      return;
    }
    if (from == no_node) return;
    auto years = static_cast<std::uint32_t>(v->as_duration().months / 12);
    // The claimed year must be earlier than start + N.
    node period;
    period.kind = op::fact;
    period.ref = *c.p_.period_fact;
    period.t = type{base::year};
    period.span = c.span(y);
    period.name = c.p_.facts[*c.p_.period_fact].name;
    node_id pid = c.add_node(std::move(period));
    node n;
    n.kind = op::literal;
    n.t = type{base::number};
    n.lit = decimal::from_int(years);
    n.span = c.span(y.years);
    node_id nid = c.add_node(std::move(n));
    node end;
    end.kind = op::add;
    end.t = type{base::year};
    end.a = from;
    end.b = nid;
    end.span = c.span(y);
    end.name = "+";
    node_id eid = c.add_node(std::move(end));
    node test;
    test.kind = op::lt;
    test.t = type{base::boolean};
    test.a = pid;
    test.b = eid;
    test.span = c.span(y);
    test.name = "<";
    conditions.push_back(
        {condition_kind::years, c.add_node(std::move(test)), years, from, c.span(y)});
  }
  void operator()(const ast::benefit& b) {
    if (pays) {
      c.error(diag_code::duplicate_name, "a second `pays`: a provision or part pays one way",
              c.span(b), "use `part` for a benefit made of several parts");
      return;
    }
    benefit out;
    out.span = c.span(b);
    out.once = b.once;
    if (b.once && !c.p_.history_fact)
      c.error(diag_code::no_schema, "`pays once` needs a `history` in the schema", c.span(b),
              "declare `history awards` in the schema");
    const std::string& k = b.amount.kind;
    out.kind = k == "up_to"   ? amount_kind::up_to
               : k == "range" ? amount_kind::range
                              : amount_kind::fixed;
    if ((out.kind == amount_kind::range) != b.amount.second.has_value()) {
      c.error(diag_code::syntax_expected,
              out.kind == amount_kind::range ? "a range needs both ends: `pays from A to B`"
                                             : "`to` belongs to a range: `pays from A to B`",
              c.span(b.amount));
      return;
    }
    std::size_t locals = c.locals_.size();
    if (b.each) {
      out.per_item = true;
      node_id list = c.lower(b.each->list);
      if (list == no_node) return;
      type elem = c.type_of(list);
      if (!elem.list) {
        c.error(diag_code::type_mismatch,
                fmt::format("`for each` needs a list, found {}", type_name(c.p_, elem)),
                c.p_.nodes[static_cast<std::size_t>(list)].span);
        return;
      }
      elem.list = false;
      out.items = list;
      out.item_name = b.each->var.text;
      out.item_slot = c.new_var(b.each->var.text);
      c.locals_.push_back({b.each->var.text, out.item_slot, elem});
      if (b.each->where)
        out.where = c.lower_expected(*b.each->where, type{base::boolean}, "the `where` condition");
    }
    out.first = c.lower_expected(b.amount.first, type{base::money}, "an amount");
    if (b.amount.second)
      out.second = c.lower_expected(*b.amount.second, type{base::money}, "an amount");
    c.locals_.resize(locals);
    if (out.first == no_node || (b.amount.second && out.second == no_node)) return;
    // A written amount below zero, or a range upside down, is a mistake in the rules: say so
    // rather than pay 0.00 or let the total use it.
    auto written = [&](node_id id) -> std::optional<decimal> {
      const node& n = c.p_.nodes[static_cast<std::size_t>(id)];
      if (n.kind == op::literal && n.t.kind == base::money) return n.lit.as_decimal();
      if (n.kind == op::neg) {
        const node& inner = c.p_.nodes[static_cast<std::size_t>(n.a)];
        if (inner.kind == op::literal && inner.t.kind == base::money)
          return -inner.lit.as_decimal();
      }
      return std::nullopt;
    };
    auto lo = written(out.first);
    auto hi = out.second != no_node ? written(out.second) : std::nullopt;
    for (auto [v, id] : {std::pair{lo, out.first}, std::pair{hi, out.second}})
      if (v && *v < decimal{}) {
        c.error(diag_code::bad_amount,
                fmt::format("a provision cannot pay a negative amount ({})", v->to_grouped(2)),
                c.p_.nodes[static_cast<std::size_t>(id)].span,
                "write the amount without a sign; a condition says when nothing is paid");
        return;
      }
    if (lo && hi && *lo > *hi) {
      c.error(diag_code::bad_amount,
              fmt::format("the range runs backwards: from {} to {}", lo->to_grouped(2),
                          hi->to_grouped(2)),
              c.span(b.amount), "write the smaller amount first: `pays from A to B` with A ≤ B");
      return;
    }
    pays = out;
  }
  void operator()(const boost::spirit::x3::forward_ast<ast::part_decl>& fp) {
    const ast::part_decl& pd = fp.get();
    if (!parts) {
      c.error(diag_code::bad_item, "parts do not nest", c.span(pd));
      return;
    }
    part out;
    out.name = pd.name.text;
    out.title = c.to_bitext(pd.label);
    for (const auto& existing : *parts)
      if (existing.name == out.name)
        c.error(diag_code::duplicate_name, fmt::format("part `{}` is declared twice", out.name),
                c.span(pd.name));
    item_lowerer inner{c, out.conditions, out.pays, out.not_encodable, interpretations};
    inner.funds = &out.funds;
    for (const auto& item : pd.items) boost::apply_visitor(inner, item);
    if (!out.pays && !out.not_encodable)
      c.error(diag_code::missing_item,
              fmt::format("part `{}` neither pays nor is marked `not encodable`", out.name),
              c.span(pd.name));
    parts->push_back(std::move(out));
  }
};

struct document_lowerer {
  checker& c;
  document& doc;
  std::uint32_t doc_index;
  std::set<std::string>& ids;
  std::vector<std::uint32_t>& doc_uses;

  void operator()(const ast::meta_item& m) {
    bitext t = c.to_bitext(m.text);
    if (m.key == "title")
      doc.title = t;
    else if (m.key == "issuer")
      doc.issuer = t;
    else if (m.key == "source")
      doc.source = t.zh;
    else if (m.key == "interpretation")
      doc.interpretations.push_back(t);
    else
      c.error(diag_code::bad_item,
              fmt::format("`{}` belongs in a provision, not a document", m.key), c.span(m));
  }
  void operator()(const ast::word_item& w) {
    if (w.word.text != "in_force" && w.word.text != "draft" && w.word.text != "superseded") {
      auto near = nearest_name(w.word.text, {"in_force", "draft", "superseded"});
      c.error(diag_code::bad_item, fmt::format("unknown status `{}`", w.word.text), c.span(w.word),
              near ? fmt::format("did you mean `{}`?", *near)
                   : std::string("a status is `in_force`, `draft` or `superseded`"));
      return;
    }
    doc.status = w.word.text == "draft"        ? doc_status::draft
                 : w.word.text == "superseded" ? doc_status::superseded
                                               : doc_status::in_force;
  }
  void operator()(const ast::date_item& d) { doc.announced = c.parse_date(d.when); }
  void operator()(const ast::validity& v) {
    doc.valid_from = c.parse_date(v.from);
    if (v.until) doc.valid_until = c.parse_date(*v.until);
  }
  void operator()(const ast::condition& cond) {
    std::vector<std::uint32_t> uses;
    c.uses_ = &uses;
    node_id id = c.lower_expected(cond.test, type{base::boolean},
                                  fmt::format("a `{}` condition", cond.kind));
    c.uses_ = nullptr;
    doc_uses.insert(doc_uses.end(), uses.begin(), uses.end());
    if (id != no_node)
      doc.conditions.push_back(
          {cond.kind == "unless" ? condition_kind::unless : condition_kind::when, id, 0, no_node,
           c.span(cond)});
  }
  void operator()(const ast::provision_decl& pd) {
    provision out;
    out.id = doc.id + "." + pd.id.text;
    out.doc = doc_index;
    out.span = c.span(pd.id);
    out.block = c.span(pd);
    if (!ids.insert(out.id).second) {
      auto& d = c.error(diag_code::duplicate_name,
                        fmt::format("provision `{}` is declared twice", out.id), c.span(pd.id));
      for (const auto& first : c.p_.provisions)
        if (first.id == out.id) d.notes.emplace_back(first.span, "first declared here");
      return;
    }
    std::vector<std::uint32_t> uses;
    c.uses_ = &uses;
    std::optional<benefit> pays;
    std::vector<bitext> interps;
    item_lowerer items{c,
                       out.conditions,
                       pays,
                       out.not_encodable,
                       interps,
                       &out.title,
                       &out.citation,
                       &out.valid_from,
                       &out.valid_until,
                       &out.parts};
    items.funds = &out.funds;
    items.allowed = &out.allowed;
    for (const auto& item : pd.items) boost::apply_visitor(items, item);
    c.uses_ = nullptr;
    if (pays) {
      part own;
      own.pays = pays;
      out.parts.insert(out.parts.begin(), std::move(own));
    }
    if (out.title.zh.empty())
      c.error(diag_code::missing_item, fmt::format("provision `{}` has no `title`", out.id),
              c.span(pd.id), "add `title \"中文\" / \"English\"`");
    // What an applicant is paid must rest on a cited article; a provision that cannot be
    // encoded says why instead.
    if (out.citation.zh.empty() && out.citation.en.empty() && !out.not_encodable)
      c.error(diag_code::missing_item, fmt::format("provision `{}` has no `article`", out.id),
              c.span(pd.id), "cite the article it rests on: `article \"第三条\" / \"Article 3\"`");
    if (out.not_encodable && !out.parts.empty())
      c.error(diag_code::bad_item,
              fmt::format("provision `{}` is marked `not encodable` but also pays", out.id),
              c.span(pd.id));
    // A `pays` that failed to check was already reported; do not also say it is missing.
    bool wrote_pays = std::any_of(pd.items.begin(), pd.items.end(), [](const auto& item) {
      return boost::get<ast::benefit>(&item) != nullptr;
    });
    if (!out.not_encodable && out.parts.empty() && !wrote_pays)
      c.error(diag_code::missing_item,
              fmt::format("provision `{}` neither pays nor is marked `not encodable`", out.id),
              c.span(pd.id), "add `pays ...`, `part ...`, or `not encodable \"why\" / \"why\"`");
    // What a reader must know to trust the answer: own readings, the document's, and those of
    // every definition the provision relies on.
    for (const auto& i : interps) add_unique(out.interpretations, i);
    std::set<std::uint32_t> all;
    for (auto u : uses) {
      all.insert(u);
      for (auto v : c.p_.defines[u].uses) all.insert(v);
    }
    for (auto u : doc_uses) {
      all.insert(u);
      for (auto v : c.p_.defines[u].uses) all.insert(v);
    }
    for (auto u : all)
      for (const auto& i : c.p_.defines[u].interpretations) add_unique(out.interpretations, i);
    c.p_.provisions.push_back(std::move(out));
  }
};

}  // namespace

void checker::lower_document(const ast::document_decl& d) {
  document doc;
  doc.id = d.id.text;
  for (const auto& other : p_.documents)
    if (other.id == doc.id) {
      error(diag_code::duplicate_name, fmt::format("document `{}` is declared twice", doc.id),
            span(d.id));
      return;
    }
  auto index = static_cast<std::uint32_t>(p_.documents.size());
  p_.documents.push_back(doc);
  std::set<std::string> ids;
  for (const auto& pr : p_.provisions) ids.insert(pr.id);
  std::vector<std::uint32_t> doc_uses;
  document_lowerer lowerer{*this, p_.documents.back(), index, ids, doc_uses};
  // Document-level items (conditions, interpretations) come first so provisions inherit them.
  for (const auto& item : d.items)
    if (!boost::get<ast::provision_decl>(&item)) boost::apply_visitor(lowerer, item);
  for (const auto& item : d.items)
    if (const auto* pd = boost::get<ast::provision_decl>(&item)) lowerer(*pd);
  // After a syntax error in the document, the title may be in the item that did not parse.
  if (p_.documents[index].title.zh.empty() && !d.recovered)
    error(diag_code::missing_item, fmt::format("document `{}` has no `title`", doc.id), span(d.id));
  for (auto& pr : p_.provisions)
    if (pr.doc == index)
      for (const auto& i : p_.documents[index].interpretations) add_unique(pr.interpretations, i);
}

void checker::lower_combinations() {
  for (const auto& pc : pending_combinations_) {
    file_ = pc.file;
    const ast::combine_decl& cd = *pc.ast;
    combination out;
    out.kind = cd.kind == "cap" ? combine_kind::cap : combine_kind::highest;
    out.name = cd.name.text;
    out.label = to_bitext(cd.label);
    out.span = span(cd.name);
    std::vector<std::string> all_ids;
    for (const auto& pr : p_.provisions) {
      all_ids.push_back(pr.id);
      for (const auto& pt : pr.parts)
        if (!pt.name.empty()) all_ids.push_back(pr.id + "." + pt.name);
    }
    for (const auto& m : cd.members) {
      bool found = false;
      for (std::uint32_t i = 0; i < p_.provisions.size() && !found; ++i) {
        const auto& pr = p_.provisions[i];
        if (pr.id == m.text) {
          out.members.emplace_back(i, -1);
          found = true;
        }
        for (std::int32_t k = 0; k < static_cast<std::int32_t>(pr.parts.size()) && !found; ++k)
          if (!pr.parts[static_cast<std::size_t>(k)].name.empty() &&
              pr.id + "." + pr.parts[static_cast<std::size_t>(k)].name == m.text) {
            out.members.emplace_back(i, k);
            found = true;
          }
      }
      if (!found) {
        auto near = nearest_name(m.text, all_ids);
        error(diag_code::unknown_provision, fmt::format("unknown provision `{}`", m.text), span(m),
              near ? std::optional<std::string>(fmt::format("did you mean `{}`?", *near))
                   : std::nullopt);
      }
    }
    // A provision named twice (whole and through a part, or twice alike) would be compared with,
    // or capped against, itself.
    for (std::size_t a = 0; a < out.members.size(); ++a)
      for (std::size_t b = a + 1; b < out.members.size(); ++b) {
        const auto [pa, ka] = out.members[a];
        const auto [pb, kb] = out.members[b];
        if (pa != pb || (ka >= 0 && kb >= 0 && ka != kb)) continue;
        const std::string& id = p_.provisions[pa].id;
        error(diag_code::duplicate_member,
              ka == kb
                  ? fmt::format("`{}` is named twice in `{}`", id, out.name)
                  : fmt::format("`{}` is named in `{}` both whole and through its part `{}`", id,
                                out.name, ka >= 0 ? cd.members[a].text : cd.members[b].text),
              span(cd.members[b]),
              std::string(ka == kb ? "name each member once"
                                   : "name the provision or its parts, not both"));
      }
    if (cd.members.size() < 2 && out.kind == combine_kind::highest)
      error(diag_code::missing_item, "a take-highest group needs at least two members",
            span(cd.name));
    if (cd.kind == "cap") {
      if (!cd.limit) {
        error(diag_code::missing_item, "a cap needs `at most AMOUNT`", span(cd.name));
      } else {
        node_id id = lower_expected(*cd.limit, type{base::money}, "a cap");
        if (id != no_node) {
          const node& n = p_.nodes[static_cast<std::size_t>(id)];
          if (n.kind == op::literal)
            out.limit = n.lit.as_decimal();
          else
            error(diag_code::bad_table, "a cap must be a constant amount", n.span);
        }
      }
    }
    p_.combinations.push_back(std::move(out));
  }
}

void checker::lower_exclusions() {
  for (const auto& pe : pending_exclusions_) {
    file_ = pe.file;
    const ast::exclusion_decl& ed = *pe.ast;
    exclusion out;
    out.id = ed.id.text;
    out.span = span(ed.id);
    for (const auto& other : p_.exclusions)
      if (other.id == out.id)
        error(diag_code::duplicate_name, fmt::format("exclusion `{}` is declared twice", out.id),
              span(ed.id));
    node_id test = no_node;
    bool ok = true;
    for (const auto& item : ed.items) {
      if (const auto* m = boost::get<ast::meta_item>(&item);
          m && (m->key == "title" || m->key == "article" || m->key == "interpretation")) {
        bitext t = to_bitext(m->text);
        if (m->key == "title") out.title = t;
        if (m->key == "article") out.citation = t;
        if (m->key == "interpretation") out.interpretations.push_back(t);
        continue;
      }
      const auto* cond = boost::get<ast::condition>(&item);
      if (!cond) {
        error(diag_code::bad_item, "an exclusion neither pays nor has parts or validity",
              span(ed.id),
              "an exclusion takes `title`, `article`, `interpretation`, `when` and `unless`");
        ok = false;
        continue;
      }
      node_id id = lower_expected(cond->test, type{base::boolean},
                                  fmt::format("a `{}` condition", cond->kind));
      if (id == no_node) {
        ok = false;
        continue;
      }
      if (cond->kind == "unless") {
        node n;
        n.kind = op::not_;
        n.t = type{base::boolean};
        n.a = id;
        n.span = span(*cond);
        n.name = "not";
        id = add_node(std::move(n));
      }
      if (test == no_node) {
        test = id;
      } else {
        node n;
        n.kind = op::and_;
        n.t = type{base::boolean};
        n.a = test;
        n.b = id;
        n.span = span(*cond);
        n.name = "and";
        test = add_node(std::move(n));
      }
    }
    if (out.title.zh.empty())
      error(diag_code::missing_item, fmt::format("exclusion `{}` has no `title`", out.id),
            span(ed.id), "add `title \"中文\" / \"English\"`");
    if (test == no_node && ok)
      error(diag_code::missing_item, fmt::format("exclusion `{}` has no condition", out.id),
            span(ed.id), "add `when ...`: the exclusion holds when its conditions do");
    out.test = test;
    if (ok && test != no_node) p_.exclusions.push_back(std::move(out));
  }
}

void checker::run(const std::vector<std::pair<std::uint32_t, const ast::rule_file*>>& files) {
  bool any_schema = false;
  for (const auto& [id, f] : files) {
    file_ = id;
    for (const auto& d : f->declarations)
      if (const auto* s = boost::get<ast::schema_decl>(&d)) {
        declare_schema(*s);
        any_schema = true;
      }
  }
  if (!any_schema && !files.empty())
    diags_.add(diag_code::no_schema, "the rules declare no `schema`", std::nullopt,
               "add a file with `schema { fact ... }` describing the profile");
  for (const auto& [id, f] : files) {
    file_ = id;
    for (const auto& d : f->declarations)
      if (!boost::get<ast::schema_decl>(&d)) declare(d);
  }
  finish_declarations();
  check_overrides_used();
  lower_exclusions();
  for (const auto& [id, f] : files) {
    file_ = id;
    for (const auto& doc : f->documents) lower_document(doc);
  }
  lower_combinations();
}

std::unique_ptr<program> check_program(
    const std::vector<std::pair<std::uint32_t, const ast::rule_file*>>& files,
    diagnostic_list& diags, const std::vector<override_value>& overrides) {
  auto prog = std::make_unique<program>();
  checker c(*prog, diags, overrides);
  c.run(files);
  return prog;
}

}  // namespace elig::check
