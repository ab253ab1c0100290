#include "fast/plan.hpp"

#include <atomic>

#include "check/typed.hpp"
#include "fast/synth.hpp"

namespace elig::fast {
namespace {

using check::base;
using check::op;

bool is_numeric(base b) {
  return b == base::number || b == base::money || b == base::percent || b == base::year;
}

relation relation_of(op o) {
  switch (o) {
    case op::ne:
      return relation::ne;
    case op::lt:
      return relation::lt;
    case op::le:
      return relation::le;
    case op::gt:
      return relation::gt;
    case op::ge:
      return relation::ge;
    default:
      return relation::eq;
  }
}

class compiler {
 public:
  compiler(const check::program& prog, plan& out) : p_(prog), out_(out) {}

  void run() {
    out_.facts = static_cast<std::uint32_t>(p_.facts.size());
    out_.words = std::max<std::uint32_t>(1, (out_.facts + 63) / 64);
    out_.vars = p_.var_slots;
    out_.history_fact = p_.history_fact;
    ladders();
    out_.nodes.resize(p_.nodes.size());
    for (std::size_t i = 0; i < p_.nodes.size(); ++i) {
      out_.nodes[i] = node(p_.nodes[i]);
      out_.spans.push_back(p_.nodes[i].span);
    }
    constant_.assign(p_.nodes.size(), -1);
    for (std::size_t i = 0; i < p_.nodes.size(); ++i) {
      auto& pn = out_.nodes[i];
      if (pn.b >= 0 && p_.nodes[static_cast<std::size_t>(pn.b)].kind == op::literal &&
          pn.op != code::in_mask)
        pn.b_literal = static_cast<std::int32_t>(out_.nodes[static_cast<std::size_t>(pn.b)].ref);
      // Comparisons, membership and arithmetic read a fact operand in place.
      const bool binary = pn.op >= code::add_num && pn.op <= code::in_list;
      if (binary && pn.a >= 0 && p_.nodes[static_cast<std::size_t>(pn.a)].kind == op::fact)
        pn.a_fact = static_cast<std::int32_t>(p_.nodes[static_cast<std::size_t>(pn.a)].ref);
      const bool trivial = pn.op == code::literal || pn.op == code::today ||
                           pn.op == code::const_list || pn.op == code::ladder;
      if (!trivial && constant(static_cast<std::int32_t>(i))) pn.memo = ++out_.memos;
    }
    for (const auto& d : p_.defines)
      out_.defines.push_back({d.body, d.param_slots, d.param_slots.empty()});
    costs();
    for (const auto& prm : p_.params) {
      pparam pp;
      for (const auto& [from, v] : prm.rows) {
        pp.from.push_back(from.days());
        pp.values.push_back(typed(v, prm.t));
      }
      out_.params.push_back(std::move(pp));
    }
    for (const auto& br : p_.brackets) {
      pbracket pb;
      for (const auto& row : br.rows) {
        pb.from.push_back(row.from ? std::optional<int128_t>(row.from->raw()) : std::nullopt);
        pb.below.push_back(row.below ? std::optional<int128_t>(row.below->raw()) : std::nullopt);
        pb.values.push_back(typed(row.v, br.out));
      }
      out_.brackets.push_back(std::move(pb));
    }
    for (const auto& ex : p_.exclusions) out_.exclusions.push_back({ex.test, true});
    for (const auto& d : p_.documents) {
      pdocument pd;
      pd.status = d.status;
      pd.cond_begin = static_cast<std::uint32_t>(out_.conditions.size());
      for (const auto& c : d.conditions) out_.conditions.push_back(condition(c));
      pd.cond_end = static_cast<std::uint32_t>(out_.conditions.size());
      out_.documents.push_back(pd);
    }
    for (const auto& pr : p_.provisions) provision(pr);
    for (const auto& c : p_.combinations) {
      pcombination pc;
      pc.highest = c.kind == check::combine_kind::highest;
      pc.members = c.members;
      if (c.limit) pc.limit = c.limit->raw();
      out_.combinations.push_back(std::move(pc));
    }
  }

 private:
  static pcondition condition(const check::condition& c) {
    return {c.test, check::is_negative(c.kind)};
  }

  void provision(const check::provision& pr) {
    const auto& doc = p_.documents[pr.doc];
    pprovision pp;
    pp.doc = pr.doc;
    pp.id = pr.id;
    pp.encodable = !pr.not_encodable.has_value();
    pp.valid_from = pr.valid_from ? pr.valid_from : doc.valid_from;
    pp.valid_until = pr.valid_until ? pr.valid_until : doc.valid_until;
    pp.cond_begin = static_cast<std::uint32_t>(out_.conditions.size());
    for (const auto& c : pr.conditions) out_.conditions.push_back(condition(c));
    pp.cond_end = static_cast<std::uint32_t>(out_.conditions.size());
    pp.part_begin = static_cast<std::uint32_t>(out_.parts.size());
    for (const auto& pt : pr.parts) {
      ppart part;
      part.cond_begin = static_cast<std::uint32_t>(out_.part_conditions.size());
      for (const auto& c : pt.conditions) out_.part_conditions.push_back(condition(c));
      part.cond_end = static_cast<std::uint32_t>(out_.part_conditions.size());
      part.encodable = !pt.not_encodable.has_value();
      if (pt.pays) {
        const auto& b = *pt.pays;
        part.pays = {b.kind, b.first, b.second, b.per_item, b.item_slot, b.items, b.where};
        pp.once = pp.once || b.once;
      }
      out_.parts.push_back(part);
    }
    pp.part_end = static_cast<std::uint32_t>(out_.parts.size());
    pp.outcome_begin = out_.outcomes;
    pp.outcome_count = static_cast<std::uint32_t>(p_.exclusions.size() + doc.conditions.size() +
                                                  pr.conditions.size() + (pp.once ? 1 : 0));
    pp.draft = doc.status == doc_status::draft;
    out_.outcomes += pp.outcome_count;
    out_.provisions.push_back(std::move(pp));
    out_.provision_spans.push_back(pr.span);
  }

  void ladders() {
    // Rows first, then records that point at them: the vectors no longer move.
    for (const auto& l : p_.ladders) {
      const auto& rec = p_.records[l.record];
      for (const auto& row : l.rows) {
        std::vector<fval> fields;
        for (std::size_t f = 0; f < row.size(); ++f)
          fields.push_back(typed(row[f], rec.fields[f].t));
        out_.stored_lists.push_back(std::move(fields));
      }
    }
    std::size_t next = 0;
    for (const auto& l : p_.ladders) {
      std::vector<frecord> rows;
      for (std::uint32_t i = 0; i < l.rows.size(); ++i)
        rows.push_back({out_.stored_lists[next++].data(), i, 0xFFFFFFFF});
      out_.ladders.push_back(std::move(rows));
    }
    for (const auto& rows : out_.ladders) {
      std::vector<fval> items;
      for (const auto& r : rows) {
        fval v;
        v.rec = &r;
        items.push_back(v);
      }
      out_.ladder_items.push_back(std::move(items));
    }
  }

  // A constant value of the given type.
  fval typed(const value& v, const check::type& t) const {
    if (!v.known()) return fval::unknown(0xFFFFFFFF);
    if (std::holds_alternative<list_view>(v.raw())) return {};
    return check::typed_scalar(p_, v, t);
  }

  std::uint32_t member(std::uint32_t enum_id, std::string_view text) const {
    return check::member_index(p_, enum_id, text);
  }

  const check::node& at(std::int32_t id) const { return p_.nodes[static_cast<std::size_t>(id)]; }

  // What a loop charges per item and a call per call: the nodes of the body, at least one.
  void costs() {
    std::vector<std::uint32_t> size(out_.nodes.size(), 0);
    // Children come before their parents in the checked program: one pass in order.
    const auto of = [&](std::int32_t id) -> std::uint64_t {
      return id < 0 ? 0 : size[static_cast<std::size_t>(id)];
    };
    const auto capped = [](std::uint64_t v) {
      return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 1u << 30));
    };
    for (std::size_t i = 0; i < out_.nodes.size(); ++i) {
      const pnode& n = out_.nodes[i];
      std::uint64_t total = 1 + of(n.a) + of(n.b) + of(n.c);
      for (std::uint32_t k = 0; k < n.nargs; ++k)
        total += of(static_cast<std::int32_t>(out_.args[n.args + k]));
      size[i] = capped(total);
    }
    for (auto& n : out_.nodes) {
      if (is_loop(n.op)) n.cost = capped(1 + of(n.b) + of(n.c));
      if (n.op == code::call_define) n.cost = capped(1 + of(out_.defines[n.ref].body) + n.nargs);
    }
  }

  // Whether a node's value depends only on the rules and the as-of date (memoised).
  bool constant(std::int32_t id) {
    if (id < 0) return true;
    auto& c = constant_[static_cast<std::size_t>(id)];
    if (c >= 0) return c == 1;
    c = 0;  // a cycle cannot occur; this only guards against one
    const check::node& n = at(id);
    bool k = false;
    switch (n.kind) {
      case op::fact:
      case op::field:
      case op::var:
      case op::call_define:
      case op::any:
      case op::all:
      case op::none:
      case op::count:
      case op::sum:
      case op::max_of:
      case op::min_of:
        k = false;
        break;
      case op::define_ref:
        k = constant(p_.defines[n.ref].body);
        break;
      default: {
        k = constant(n.a) && constant(n.b) && constant(n.c);
        for (auto a : n.args) k = k && constant(a);
      }
    }
    c = k ? 1 : 0;
    return k;
  }

  bool constant_list(const check::node& n) const {
    if (n.kind != op::list) return false;
    for (auto a : n.args)
      if (at(a).kind != op::literal) return false;
    return true;
  }

  pnode node(const check::node& n) {
    pnode out;
    out.a = n.a;
    out.b = n.b;
    out.c = n.c;
    out.ref = n.ref;
    out.kind = n.t.kind;
    out.args = static_cast<std::uint32_t>(out_.args.size());
    out.nargs = static_cast<std::uint32_t>(n.args.size());
    out_.args.insert(out_.args.end(), n.args.begin(), n.args.end());
    const base left = n.a >= 0 ? at(n.a).t.kind : base::nothing;
    switch (n.kind) {
      case op::literal:
        out.op = code::literal;
        out.ref = static_cast<std::uint32_t>(out_.literals.size());
        out_.literals.push_back(typed(n.lit, n.t));
        break;
      case op::fact:
        out.op = code::fact;
        break;
      case op::field:
        out.op = code::field;
        break;
      case op::var:
        out.op = code::var;
        break;
      case op::define_ref:
        out.op = code::define_ref;
        break;
      case op::call_define:
        out.op = code::call_define;
        // A definition of one record (`loan_interest(l)`) gives the same value for the same
        // record all through a profile: it is worked out once per record.
        out.memo_call =
            n.args.size() == 1 && at(n.args[0]).t.kind == base::record && !at(n.args[0]).t.list;
        break;
      case op::param:
        out.op = code::param;
        break;
      case op::param_at:
        out.op = code::param_at;
        break;
      case op::today:
        out.op = code::today;
        break;
      case op::neg:
        out.op = code::neg;
        break;
      case op::not_:
        out.op = code::not_;
        break;
      case op::add:
        out.op = left == base::date       ? code::add_date
                 : left == base::duration ? code::add_dur
                                          : code::add_num;
        break;
      case op::sub:
        out.op = left == base::date       ? code::sub_date
                 : left == base::duration ? code::sub_dur
                                          : code::sub_num;
        break;
      case op::mul:
        out.op = code::mul_num;
        break;
      case op::div:
        out.op = code::div_num;
        break;
      case op::eq:
      case op::ne:
      case op::lt:
      case op::le:
      case op::gt:
      case op::ge:
        out.rel = relation_of(n.kind);
        out.kind = left;
        out.op = is_numeric(left)         ? code::cmp_num
                 : left == base::date     ? code::cmp_day
                 : left == base::text     ? code::cmp_text
                 : left == base::duration ? code::cmp_dur
                                          : code::cmp_idx;
        break;
      case op::in:
      case op::not_in: {
        out.negate = n.kind == op::not_in;
        out.kind = left;
        const check::node& list = at(n.b);
        const auto& t = at(n.a).t;
        if (t.kind == base::enumeration && !t.list && p_.enums[t.ref].members.size() <= 64 &&
            constant_list(list)) {
          out.op = code::in_mask;
          for (auto item : list.args)
            out.mask |= std::uint64_t{1} << member(t.ref, at(item).lit.as_text());
        } else if (t.kind == base::enumeration && !t.list && p_.enums[t.ref].members.size() <= 64 &&
                   at(n.a).kind == op::literal) {
          // `"national" in park_designations`: some member of the list is that one member.
          out.op = code::any_in_mask;
          out.a = n.b;
          out.b = -1;
          out.mask = std::uint64_t{1} << member(t.ref, at(n.a).lit.as_text());
        } else {
          out.op = code::in_list;
        }
        break;
      }
      case op::and_:
        out.op = code::and_;
        break;
      case op::or_:
        out.op = code::or_;
        break;
      case op::if_:
        out.op = code::if_;
        break;
      case op::otherwise:
        out.op = code::otherwise;
        break;
      case op::any: {
        out.op = code::any;
        // "the tags intersect a constant set": the loop variable tested against constant members
        const auto& t = at(n.a).t;
        if (n.b >= 0 && n.c < 0 && t.kind == base::enumeration &&
            p_.enums[t.ref].members.size() <= 64) {
          const check::node& where = at(n.b);
          if (where.kind == op::in && at(where.a).kind == op::var && at(where.a).ref == n.ref &&
              constant_list(at(where.b))) {
            out.op = code::any_in_mask;
            for (auto item : at(where.b).args)
              out.mask |= std::uint64_t{1} << member(t.ref, at(item).lit.as_text());
          }
        }
        break;
      }
      case op::all:
        out.op = code::all;
        break;
      case op::none:
        out.op = code::none;
        break;
      case op::count:
        out.op = code::count;
        break;
      case op::sum:
        out.op = code::sum;
        break;
      case op::max_of:
        out.op = code::max_of;
        break;
      case op::min_of:
        out.op = code::min_of;
        break;
      case op::list:
        if (constant_list(n)) {
          check::type elem = n.t;
          elem.list = false;
          std::vector<fval> items;
          for (auto a : n.args) items.push_back(typed(at(a).lit, elem));
          out.op = code::const_list;
          out.ref = static_cast<std::uint32_t>(out_.stored_lists.size());
          out_.stored_lists.push_back(std::move(items));
        } else {
          out.op = code::list;
        }
        break;
      case op::builtin:
        out.op = code::builtin;
        out.fn = static_cast<check::builtin>(n.ref);
        break;
      case op::bracket:
        out.op = code::bracket;
        break;
      case op::ladder:
        out.op = code::ladder;
        break;
    }
    return out;
  }

  const check::program& p_;
  plan& out_;
  std::vector<int> constant_;  // -1 unknown, 0 no, 1 yes
};

}  // namespace

plan compile_plan(const check::program& prog) {
  static std::atomic<std::uint64_t> next_id{1};
  plan out;
  out.id = next_id.fetch_add(1);
  // Stored lists are pointed into: reserve so that they never move while the plan is built.
  std::size_t lists = 0;
  for (const auto& l : prog.ladders) lists += l.rows.size();
  for (const auto& n : prog.nodes) lists += n.kind == check::op::list ? 1 : 0;
  out.stored_lists.reserve(lists);
  compiler(prog, out).run();
  compile_lanes(out);
  out.synthesised_lanes = find_synthesised(out);
  return out;
}

}  // namespace elig::fast
