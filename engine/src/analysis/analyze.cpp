#include "analysis/analyze.hpp"

#include <fmt/format.h>

#include <set>

#include "analysis/constraints.hpp"
#include "analysis/witness.hpp"

namespace elig::analysis {
using check::base;
using check::node;
using check::node_id;
using check::op;

namespace {

class analyzer {
 public:
  analyzer(const check::program& p, const options& o, diagnostic_list& out)
      : p_(p),
        opts_(o),
        out_(out),
        fact_used_(p.facts.size()),
        param_used_(p.params.size()),
        define_used_(p.defines.size()) {
    for (const auto& f : p.facts) globals_.insert(f.name);
    for (const auto& d : p.defines) globals_.insert(d.name);
    for (const auto& x : p.params) globals_.insert(x.name);
    for (const auto& b : p.brackets) globals_.insert(b.name);
    for (const auto& l : p.ladders) globals_.insert(l.name);
  }

  void run() {
    for (const auto& e : p_.exclusions) visit(e.test);
    for (const auto& d : p_.documents)
      for (const auto& c : d.conditions) visit(c.test);
    for (const auto& pr : p_.provisions) {
      for (const auto& c : pr.conditions) visit(c.test);
      for (const auto& pt : pr.parts) {
        for (const auto& c : pt.conditions) visit(c.test);
        if (pt.pays) {
          if (pt.pays->once && p_.history_fact) fact_used_[*p_.history_fact] = true;
          for (auto n : {pt.pays->first, pt.pays->second, pt.pays->items, pt.pays->where}) visit(n);
          if (pt.pays->per_item && globals_.count(pt.pays->item_name))
            shadow(pt.pays->item_name, pt.pays->span);
        }
      }
    }
    // Without a plan the program had errors: what is unread or paid twice cannot be told from
    // what the errors dropped, but a contradiction among the conditions that checked still holds.
    if (opts_.plan) unused();
    for (const auto& pr : p_.provisions) provision(pr);
    if (opts_.rules) funds();
  }

 private:
  void visit(node_id id) {
    if (id == check::no_node) return;
    const node& n = p_.nodes[static_cast<std::size_t>(id)];
    switch (n.kind) {
      case op::fact:
        fact_used_[n.ref] = true;
        break;
      case op::field: {
        const auto& bt = p_.nodes[static_cast<std::size_t>(n.a)].t;
        field_used_.insert({bt.ref, n.ref});
        break;
      }
      case op::param:
      case op::param_at:
        param_used_[n.ref] = true;
        break;
      case op::define_ref:
      case op::call_define:
        if (!define_used_[n.ref]) {
          define_used_[n.ref] = true;
          const auto& d = p_.defines[n.ref];
          for (const auto& name : d.param_names)
            if (globals_.count(name)) shadow(name, d.span);
          visit(d.body);
        }
        break;
      default:
        if (check::is_loop(n.kind) && globals_.count(n.name)) shadow(n.name, n.span);
        break;
    }
    for (auto k : {n.a, n.b, n.c}) visit(k);
    for (auto k : n.args) visit(k);
  }

  void shadow(const std::string& name, source_span at) {
    if (!shadow_seen_.insert({name, at.begin}).second) return;
    out_.add(diag_code::shadowed_name,
             fmt::format("`{}` here hides the fact or definition of the same name", name), at,
             "give the local name another name, e.g. the first letter");
  }

  void unused() {
    for (std::size_t i = 0; i < p_.facts.size(); ++i) {
      const auto& f = p_.facts[i];
      // Texts (names, banks) describe the company; the rules need not read them.
      if (fact_used_[i] || f.period || (f.t.kind == base::text && !f.t.list)) continue;
      out_.add(diag_code::unused_fact, fmt::format("fact `{}` is read by no rule", f.name), f.span,
               "remove it from the schema, or use it in a rule");
    }
    for (std::uint32_t r = 0; r < p_.records.size(); ++r) {
      const auto& rec = p_.records[r];
      if (rec.is_history || rec.name.ends_with(" row")) continue;
      for (std::uint32_t k = 0; k < rec.fields.size(); ++k) {
        const auto& f = rec.fields[k];
        if (field_used_.count({r, k}) || f.t.kind == base::text) continue;
        out_.add(diag_code::unused_fact,
                 fmt::format("field `{}` of record `{}` is read by no rule", f.name, rec.name),
                 f.span, "remove it from the record, or use it in a rule");
      }
    }
    for (std::size_t i = 0; i < p_.params.size(); ++i)
      if (!param_used_[i])
        out_.add(diag_code::unused_parameter,
                 fmt::format("parameter `{}` is never used", p_.params[i].name), p_.params[i].span);
    for (std::size_t i = 0; i < p_.defines.size(); ++i)
      if (!define_used_[i])
        out_.add(diag_code::unused_definition,
                 fmt::format("definition `{}` is never used", p_.defines[i].name),
                 p_.defines[i].span);
  }

  bool constant(node_id id) const {
    std::set<std::uint32_t> facts;
    facts_read(p_, id, facts);
    if (!facts.empty()) return false;
    return !reads(id, {op::var, op::param, op::param_at, op::call_define});
  }

  bool reads(node_id id, std::initializer_list<op> kinds) const {
    if (id == check::no_node) return false;
    const node& n = p_.nodes[static_cast<std::size_t>(id)];
    for (op k : kinds)
      if (n.kind == k) return true;
    if (n.kind == op::define_ref && reads(p_.defines[n.ref].body, kinds)) return true;
    for (auto k : {n.a, n.b, n.c})
      if (reads(k, kinds)) return true;
    for (auto k : n.args)
      if (reads(k, kinds)) return true;
    return false;
  }

  void condition(const check::condition& c, requirements& all) {
    requirements own;
    own.require(p_, c.test, c.kind != check::condition_kind::unless);
    if (own.contradiction) {
      out_.add(diag_code::never_true, fmt::format("this condition can never hold: {}", own.why),
               c.span, "check the thresholds and the operators");
      all.contradiction = true;  // already reported; do not report the provision too
      return;
    }
    if (opts_.plan && constant(c.test)) {
      std::optional<bool> v = constant_value(p_, *opts_.plan, c.test);
      if (v && *v == (c.kind != check::condition_kind::unless))
        out_.add(diag_code::always_true, "this condition is always true: it reads no fact", c.span,
                 "remove it, or compare a fact");
      else if (v)
        out_.add(diag_code::never_true, "this condition is always false: it reads no fact", c.span);
    }
    all.require(p_, c.test, c.kind != check::condition_kind::unless);
  }

  void provision(const check::provision& pr) {
    const auto& doc = p_.documents[pr.doc];
    auto from = pr.valid_from ? pr.valid_from : doc.valid_from;
    auto until = pr.valid_until ? pr.valid_until : doc.valid_until;
    if (from && until && *until < *from)
      out_.add(diag_code::never_pays,
               fmt::format("provision `{}` is never in force: valid until {} before {}", pr.id,
                           until->to_string(), from->to_string()),
               pr.span);
    else if (until && *until < opts_.as_of &&
             (pr.valid_until || closed_docs_.insert(pr.doc).second))
      // A document's closed window is reported once, at its first provision.
      out_.add(diag_code::never_pays,
               pr.valid_until
                   ? fmt::format("provision `{}` closed on {}", pr.id, until->to_string())
                   : fmt::format("document `{}` closed on {}", doc.id, until->to_string()),
               pr.span, "mark the document `superseded`, or extend `valid ... until`");
    if (doc.status == check::doc_status::superseded && closed_docs_.insert(pr.doc).second)
      out_.add(diag_code::never_pays,
               fmt::format("document `{}` is superseded: none of its provisions pays", doc.id),
               pr.span);
    requirements all;
    bool reported = false;
    for (const auto& c : doc.conditions) {
      requirements one;
      one.require(p_, c.test, c.kind != check::condition_kind::unless);
      all.require(p_, c.test, c.kind != check::condition_kind::unless);
    }
    for (const auto& c : pr.conditions) {
      bool before = all.contradiction;
      condition(c, all);
      reported = reported || (!before && all.contradiction && all.why.empty());
    }
    for (const auto& pt : pr.parts) {
      requirements part_all = all;
      for (const auto& c : pt.conditions) condition(c, part_all);
      if (pt.pays) pays(pr, pt);
    }
    if (all.contradiction && !all.why.empty() && !reported) {
      auto& d = out_.add(diag_code::never_true,
                         fmt::format("provision `{}` can never be eligible: {}", pr.id, all.why),
                         pr.span, "two of its conditions (or its document's) contradict");
      note_conflicting(doc.conditions, all, "its document's condition", d);
      note_conflicting(pr.conditions, all, "a condition", d);
    }
  }

  // Notes only the conditions that read the fact the contradiction is about.
  void note_conflicting(const std::vector<check::condition>& conditions, const requirements& all,
                        const char* what, diagnostic& d) const {
    for (const auto& c : conditions) {
      std::set<std::uint32_t> facts;
      facts_read(p_, c.test, facts);
      if (!all.conflict || facts.count(*all.conflict)) d.notes.emplace_back(c.span, what);
    }
  }

  void pays(const check::provision& pr, const check::part& pt) {
    const auto& b = *pt.pays;
    auto upper = upper_bound(p_, b.kind == amount_kind::range ? b.second : b.first);
    std::string what = pt.name.empty() ? pr.id : pr.id + "." + pt.name;
    if (upper && !(*upper > decimal{}))
      out_.add(diag_code::never_pays,
               fmt::format("`{}` can never pay anything: its amount is at most {}", what,
                           upper->to_string()),
               b.span, "check the cap");
    if (b.kind == amount_kind::range && constant(b.first) && constant(b.second)) {
      auto lo = upper_bound(p_, b.first), hi = upper_bound(p_, b.second);
      if (lo && hi && *lo > *hi)
        out_.add(diag_code::never_pays,
                 fmt::format("`{}` has a range whose lower end {} is above its upper end {}", what,
                             lo->to_string(), hi->to_string()),
                 b.span);
    }
  }

  // Two provisions (or parts) of one document that pay the same funds, with no take-highest
  // group between them: a company may be paid twice for one thing.
  void funds() {
    struct payer {
      std::uint32_t prov;
      std::int32_t part;
      std::string funds;
    };
    std::vector<payer> payers;
    for (std::uint32_t i = 0; i < p_.provisions.size(); ++i) {
      const auto& pr = p_.provisions[i];
      if (!pr.funds.empty()) payers.push_back({i, -1, pr.funds});
      for (std::int32_t k = 0; k < static_cast<std::int32_t>(pr.parts.size()); ++k)
        if (!pr.parts[static_cast<std::size_t>(k)].funds.empty())
          payers.push_back({i, k, pr.parts[static_cast<std::size_t>(k)].funds});
    }
    auto grouped = [&](const payer& a, const payer& b) {
      for (const auto& c : p_.combinations) {
        if (c.kind != check::combine_kind::highest) continue;
        auto has = [&](const payer& x) {
          for (auto [prov, part] : c.members)
            if (prov == x.prov && (part == -1 || part == x.part)) return true;
          return false;
        };
        if (has(a) && has(b)) return true;
      }
      return false;
    };
    auto name = [&](const payer& x) {
      const auto& pr = p_.provisions[x.prov];
      return x.part < 0 ? pr.id : pr.id + "." + pr.parts[static_cast<std::size_t>(x.part)].name;
    };
    for (std::size_t i = 0; i < payers.size(); ++i)
      for (std::size_t j = i + 1; j < payers.size(); ++j) {
        const payer& a = payers[i];
        const payer& b = payers[j];
        if (a.funds != b.funds || a.prov == b.prov ||
            p_.provisions[a.prov].doc != p_.provisions[b.prov].doc || grouped(a, b))
          continue;
        auto w = find_witness(p_, *opts_.rules, {{a.prov, a.part}, {b.prov, b.part}}, opts_.as_of);
        if (!w) continue;  // they cannot both be paid to one company
        auto& d = out_.add(
            diag_code::uncombined_funds,
            fmt::format("`{}` and `{}` both pay `{}` funds and no combination rule is between them",
                        name(a), name(b), a.funds),
            p_.provisions[b.prov].span,
            fmt::format("add `take highest ... {{ {}, {} }}` if only one may be paid", name(a),
                        name(b)));
        d.notes.emplace_back(p_.provisions[a.prov].span, fmt::format("`{}` is here", name(a)));
        d.witness = *w;
      }
  }

  const check::program& p_;
  const options& opts_;
  diagnostic_list& out_;
  std::vector<bool> fact_used_, param_used_, define_used_;
  std::set<std::pair<std::uint32_t, std::uint32_t>> field_used_;
  std::set<std::string> globals_;
  std::set<std::pair<std::string, std::uint32_t>> shadow_seen_;
  std::set<std::uint32_t> closed_docs_;
};

}  // namespace

namespace {

bool within(const source_span& inner, const source_span& outer) {
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

// The provision's allowance that accepts `d`: one for its code, on the provision the warning is
// in, or on either provision of a pair it names (W1008 notes the other).
const check::provision::allowance* allowance_for(const check::program& prog, const diagnostic& d,
                                                 std::vector<std::vector<bool>>& used) {
  for (std::size_t i = 0; i < prog.provisions.size(); ++i) {
    const auto& pr = prog.provisions[i];
    bool concerns = d.span && within(*d.span, pr.block);
    for (const auto& [at, text] : d.notes) concerns = concerns || at == pr.span;
    if (!concerns) continue;
    for (std::size_t k = 0; k < pr.allowed.size(); ++k)
      if (pr.allowed[k].code == d.code) {
        used[i][k] = true;
        return &pr.allowed[k];
      }
  }
  return nullptr;
}

}  // namespace

void analyze(const check::program& prog, const options& opts, diagnostic_list& out) {
  diagnostic_list found;
  analyzer(prog, opts, found).run();
  // Warnings the rules accept become notes that carry the officers' reason: listed on request,
  // never counted as warnings. An `allow` that accepts nothing is itself a warning.
  std::vector<std::vector<bool>> used;
  for (const auto& pr : prog.provisions) used.emplace_back(pr.allowed.size(), false);
  for (const auto& d : found.items()) {
    auto& copy = out.add(d.code, d.message, d.span, d.help);
    copy = d;
    if (d.sev != severity::warning) continue;
    if (const auto* a = allowance_for(prog, d, used)) {
      copy.sev = severity::note;
      copy.help = fmt::format("accepted in the rules: {}",
                              a->reason.en.empty() ? a->reason.zh : a->reason.en);
      copy.help_zh = fmt::format("规则中已接受：{}", a->reason.zh);
      copy.notes.emplace_back(a->span, "accepted here");
    }
  }
  if (!opts.rules) return;  // a partial analysis cannot tell that an `allow` is stale
  for (std::size_t i = 0; i < prog.provisions.size(); ++i)
    for (std::size_t k = 0; k < prog.provisions[i].allowed.size(); ++k)
      if (!used[i][k])
        out.add(diag_code::unused_allow,
                fmt::format("`allow {}` accepts no warning of `{}`",
                            diag_id(prog.provisions[i].allowed[k].code), prog.provisions[i].id),
                prog.provisions[i].allowed[k].span,
                "remove it: the warning it accepted no longer arises here");
}

}  // namespace elig::analysis
