#include "eval/provisions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace elig::eval {
namespace {

using check::no_node;

void add_missing(std::vector<std::string>& to, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (std::find(to.begin(), to.end(), n) == to.end()) to.push_back(n);
}

class provision_evaluator {
 public:
  provision_evaluator(const check::program& prog, context& ctx, trace_sink* sink)
      : prog_(prog), ctx_(ctx), sink_(sink) {}

  void trace_into(trace_sink* sink) {
    sink_ = sink;
    ctx_.tracing = sink != nullptr;
  }

  provision_result run(const check::provision& pr) {
    const check::document& doc = prog_.documents[pr.doc];
    provision_result r;
    r.id = pr.id;
    r.document = doc.id;
    r.title = pr.title;
    r.citation = pr.citation;
    r.draft = doc.status == check::doc_status::draft;
    if (sink_) r.interpretations = pr.interpretations;  // part of the explanation only
    r.span = pr.span;
    if (auto why = not_in_force(pr, doc)) {
      r.result = status::not_in_force;
      r.reason = *why;
      return r;
    }
    if (pr.not_encodable) {
      r.result = status::not_encodable;
      r.reason = *pr.not_encodable;
      return r;
    }
    ctx_.reset_steps();
    current_ = pr.id;
    try {
      decide(pr, doc, r);
    } catch (const eval_error& e) {
      r.result = status::undetermined;
      r.value = {};
      r.missing.clear();
      r.issues.add(e.code, fmt::format("in provision `{}`: {}", pr.id, e.message), e.span);
    } catch (const decimal_overflow&) {
      // Adding up the parts or items of a benefit went past the decimal range.
      r.result = status::undetermined;
      r.value = {};
      r.missing.clear();
      r.issues.add(diag_code::eval_overflow,
                   fmt::format("in provision `{}`: the amount overflowed", pr.id), pr.span);
    }
    return r;
  }

 private:
  std::optional<bitext> not_in_force(const check::provision& pr, const check::document& doc) {
    date d = ctx_.as_of();
    if (doc.status == check::doc_status::superseded)
      return bitext{"所属文件已被废止。", "The document has been superseded."};
    auto from = pr.valid_from ? pr.valid_from : doc.valid_from;
    auto until = pr.valid_until ? pr.valid_until : doc.valid_until;
    if (from && d < *from)
      return bitext{
          fmt::format("自 {} 起施行，核查日期 {} 早于施行日期。", from->to_string(), d.to_string()),
          fmt::format("In force from {}; the as-of date {} is earlier.", from->to_string(),
                      d.to_string())};
    if (until && *until < d)
      return bitext{
          fmt::format("有效期至 {}，核查日期 {} 已过期。", until->to_string(), d.to_string()),
          fmt::format("In force until {}; the as-of date {} is later.", until->to_string(),
                      d.to_string())};
    return std::nullopt;
  }

  // One condition: true passes, false fails, unknown leaves it open.
  // One condition. With `issues`, an evaluation error leaves the condition open and is kept
  // there (a provision's own conditions: another that fails still decides); without, it
  // propagates and leaves the whole provision undetermined (a part's conditions).
  outcome test(const check::condition& c, std::vector<condition_trace>* traces,
               std::vector<std::string>& missing, diagnostic_list* issues = nullptr) {
    if (sink_) ctx_.clear_trace();
    ev v;
    try {
      v = ctx_.eval(c.test);
    } catch (const eval_error& e) {
      if (!issues) throw;
      issues->add(e.code, fmt::format("in provision `{}`: {}", current_, e.message), e.span);
      v = ev{};
    }
    outcome o = outcome::unknown;
    bool negative = check::is_negative(c.kind);
    if (v.v.known()) o = v.v.as_bool() != negative ? outcome::yes : outcome::no;
    if (o == outcome::unknown) add_missing(missing, ctx_.missing_names(v.missing));
    if (sink_ && traces) {
      condition_trace t = sink_->on_condition(c, ctx_);
      t.result = o;
      if (o == outcome::unknown) t.missing = ctx_.missing_names(v.missing);
      traces->push_back(std::move(t));
    }
    return o;
  }

  // `pays once`: the history must show no award under this provision id.
  outcome once_check(const check::provision& pr, provision_result& r,
                     std::vector<std::string>& missing) {
    const auto slot = *prog_.history_fact;
    const value& hist = ctx_.facts().facts()[slot];
    condition_trace t;
    t.kind = "once";
    outcome o;
    if (!hist.known()) {
      o = outcome::unknown;
      missing.push_back(prog_.facts[slot].name);
      t.missing = {prog_.facts[slot].name};
      t.label = {fmt::format("一次性奖励：未提供已获奖励记录（{}）", prog_.facts[slot].name),
                 fmt::format("One-time award: the awards already received (`{}`) are not stated",
                             prog_.facts[slot].name)};
    } else {
      std::optional<std::string> year;
      for (const value& item : hist.as_list()) {
        const record_value& rec = item.as_record();
        if (rec.fields[0].known() && rec.fields[0].as_text() == pr.id)
          year = rec.fields[1].known() ? rec.fields[1].as_decimal().to_string() : "?";
      }
      o = year ? outcome::no : outcome::yes;
      t.label = year ? bitext{fmt::format("一次性奖励：已于 {} 年获得，不再发放", *year),
                              fmt::format("One-time award: already received in {}", *year)}
                     : bitext{"一次性奖励：此前未获得", "One-time award: not received before"};
    }
    t.result = o;
    t.span = pr.span;
    if (sink_) r.conditions.push_back(std::move(t));
    return o;
  }

  void decide(const check::provision& pr, const check::document& doc, provision_result& r) {
    std::vector<std::string> missing;
    bool failed = false, open = false;
    auto note = [&](outcome o) {
      failed = failed || o == outcome::no;
      open = open || o == outcome::unknown;
    };
    for (std::size_t i = 0; i < prog_.exclusions.size(); ++i) {
      const auto& ex = prog_.exclusions[i];
      check::condition c{check::condition_kind::exclusion, ex.test, 0, no_node, ex.span,
                         static_cast<std::int32_t>(i)};
      note(test(c, &r.conditions, missing, &r.issues));
    }
    for (const auto& c : doc.conditions) note(test(c, &r.conditions, missing, &r.issues));
    for (const auto& c : pr.conditions) note(test(c, &r.conditions, missing, &r.issues));
    bool once = std::any_of(pr.parts.begin(), pr.parts.end(),
                            [](const check::part& p) { return p.pays && p.pays->once; });
    if (once) note(once_check(pr, r, missing));
    std::vector<std::string> part_missing;
    bool any_eligible = false, any_open = false, all_unencodable = true, any_unencodable = false;
    // A provision whose conditions already fail pays nothing: its parts are not worked out.
    for (const auto& pt : pr.parts) {
      if (failed) break;
      part_result res = run_part(pt);
      if (res.result != status::not_encodable) all_unencodable = false;
      if (res.result == status::not_encodable) any_unencodable = true;
      if (res.result == status::eligible) {
        any_eligible = true;
        r.value.min = r.value.min + res.value.min;
        r.value.max = r.value.max + res.value.max;
        r.value.kind = merge_kind(r.value.kind, res.value.kind);
      }
      if (res.result == status::undetermined) {
        any_open = true;
        add_missing(part_missing, res.missing);
      }
      r.parts.push_back(std::move(res));
    }
    // Every part is decided and pays nothing (no project qualifies, say): no answer to the open
    // conditions could change that, so the provision is not left undetermined.
    bool nothing_payable = !pr.parts.empty() && !any_eligible && !any_open && !any_unencodable;
    if (failed || (open && nothing_payable)) {
      r.result = status::ineligible;
      r.value = {};
    } else if (open) {
      r.result = status::undetermined;
      r.value = {};
      r.missing = missing;
      if (!any_eligible) add_missing(r.missing, part_missing);
      // A part cannot be eligible while its provision's own conditions are open: it keeps the
      // amount it would pay, as an open answer.
      for (auto& pt : r.parts)
        if (pt.result == status::eligible) pt.result = status::undetermined;
    } else if (any_eligible) {
      r.result = status::eligible;
      if (any_open) add_missing(r.missing, part_missing);
    } else if (any_open) {
      r.result = status::undetermined;
      r.missing = part_missing;
    } else if (all_unencodable) {
      r.result = status::not_encodable;
      for (const auto& pt : r.parts) r.reason = pt.reason;
    } else {
      r.result = status::ineligible;
    }
    std::sort(r.missing.begin(), r.missing.end());
  }

  static amount_kind merge_kind(amount_kind a, amount_kind b) {
    if (a == amount_kind::none) return b;
    if (a == b) return a;
    return amount_kind::range;
  }

  part_result run_part(const check::part& pt) {
    part_result res;
    res.name = pt.name;
    res.title = pt.title;
    if (pt.not_encodable) {
      res.result = status::not_encodable;
      res.reason = *pt.not_encodable;
      return res;
    }
    bool failed = false, open = false;
    for (const auto& c : pt.conditions) {
      outcome o = test(c, &res.conditions, res.missing);
      failed = failed || o == outcome::no;
      open = open || o == outcome::unknown;
    }
    if (failed) {
      res.result = status::ineligible;
      return res;
    }
    const check::benefit& b = *pt.pays;
    std::vector<std::string> missing;
    decimal lo, hi;
    bool any_item = !b.per_item;
    if (!b.per_item) {
      if (!amount_of(b, lo, hi, missing, res, "")) open = true;
    } else {
      if (sink_) ctx_.clear_trace();
      ev list = ctx_.eval(b.items);
      if (!list.v.known()) {
        add_missing(missing, ctx_.missing_names(list.missing));
        open = true;
      } else {
        std::uint32_t i = 0;
        for (const value& item : list.v.as_list()) {
          ++i;
          ctx_.bind(b.item_slot, ev{item});
          if (b.where != no_node) {
            ev w = ctx_.eval(b.where);
            if (!w.v.known()) {
              add_missing(missing, ctx_.missing_names(w.missing));
              open = true;
              continue;
            }
            if (!w.v.as_bool()) continue;
          }
          decimal ilo, ihi;
          std::string label = fmt::format("{}[{}]", b.item_name, i);
          if (amount_of(b, ilo, ihi, missing, res, label)) {
            any_item = true;
            lo = lo + ilo;
            hi = hi + ihi;
          } else {
            open = true;
          }
        }
      }
    }
    res.value.kind = b.kind == amount_kind::fixed   ? amount_kind::fixed
                     : b.kind == amount_kind::up_to ? amount_kind::up_to
                                                    : amount_kind::range;
    if (open) {
      res.result = status::undetermined;
      add_missing(res.missing, missing);
      res.value = {};
    } else if (!any_item) {
      res.result = status::ineligible;
      res.value = {};
      if (sink_) res.steps.push_back({{"没有符合条件的项目。", "No item qualifies."}});
    } else {
      res.result = status::eligible;
      res.value.min = lo;
      res.value.max = hi;
    }
    return res;
  }

  // Evaluates one amount (or one item's), rounded to the fen; false when it is unknown.
  bool amount_of(const check::benefit& b, decimal& lo, decimal& hi,
                 std::vector<std::string>& missing, part_result& res, const std::string& item) {
    if (sink_ && !b.per_item) ctx_.clear_trace();
    ev first = ctx_.eval(b.first);
    ev second = b.second != no_node ? ctx_.eval(b.second) : ev{};
    if (!first.v.known() || (b.second != no_node && !second.v.known())) {
      add_missing(missing, ctx_.missing_names(ctx_.merge(first.missing, second.missing)));
      return false;
    }
    decimal a = first.v.as_decimal();
    decimal z = b.second != no_node ? second.v.as_decimal() : a;
    // Negative results pay nothing; amounts are paid in fen.
    a = std::max(a, decimal{}).round(2, rounding::half_up);
    z = std::max(z, decimal{}).round(2, rounding::half_up);
    lo = b.kind == amount_kind::up_to ? decimal{} : a;
    hi = z;
    if (sink_) res.steps.push_back(sink_->on_amount(b, ctx_, item));
    return true;
  }

  const check::program& prog_;
  context& ctx_;
  trace_sink* sink_;
  std::string current_;  // the provision being decided, for messages
};

// The open facts of the undetermined provisions, the one settling most provisions first, then
// in schema order, then by name ("loans[2].repaid_date" after "loans[1]...").
std::vector<std::string> questions(const check::program& prog, const report& d) {
  struct question {
    std::string name;
    std::size_t provisions = 0;
    std::size_t slot = 0;
  };
  std::vector<question> qs;
  for (const auto& p : d.provisions) {
    if (p.result != status::undetermined || p.draft) continue;
    for (const auto& m : p.missing) {
      auto it = std::find_if(qs.begin(), qs.end(), [&](const auto& q) { return q.name == m; });
      if (it != qs.end()) {
        ++it->provisions;
        continue;
      }
      std::string_view root = std::string_view(m).substr(0, m.find_first_of(".["));
      auto f = std::find_if(prog.facts.begin(), prog.facts.end(),
                            [&](const auto& fact) { return fact.name == root; });
      qs.push_back({m, 1, static_cast<std::size_t>(f - prog.facts.begin())});
    }
  }
  std::sort(qs.begin(), qs.end(), [](const question& a, const question& b) {
    return std::tie(b.provisions, a.slot, a.name) < std::tie(a.provisions, b.slot, b.name);
  });
  std::vector<std::string> out;
  for (auto& q : qs) out.push_back(std::move(q.name));
  return out;
}

// A fact as the schema names it: its label, or for an item's field ("loans[2].repaid_date")
// the list's label, the item's place and the field's label. Empty when the schema gives none.
bitext fact_words(const check::program& prog, const std::string& name) {
  std::string_view root = std::string_view(name).substr(0, name.find_first_of(".["));
  auto f = std::find_if(prog.facts.begin(), prog.facts.end(),
                        [&](const auto& fact) { return fact.name == root; });
  if (f == prog.facts.end()) return {};
  if (root.size() == name.size()) return f->label;
  // `root[n].field`: the list's items are records.
  auto open = name.find('['), close = name.find("]."), field_at = close + 2;
  if (open != root.size() || close == std::string::npos || f->t.kind != check::base::record ||
      f->t.ref >= prog.records.size())
    return {};
  std::string n = name.substr(open + 1, close - open - 1);
  std::string_view field = std::string_view(name).substr(field_at);
  const auto& rec = prog.records[f->t.ref];
  auto fd = std::find_if(rec.fields.begin(), rec.fields.end(),
                         [&](const auto& x) { return x.name == field; });
  if (fd == rec.fields.end() || f->label.zh.empty() || fd->label.zh.empty()) return {};
  bitext out;
  out.zh = fmt::format("{}第 {} 项的{}", f->label.zh, n, fd->label.zh);  // "第 1 项" as labels.cpp
  if (!f->label.en.empty() && !fd->label.en.empty())
    out.en = fmt::format("{}, item {}: {}", f->label.en, n, fd->label.en);
  return out;
}

}  // namespace

report evaluate_all(const check::program& prog, const profile& p, const evaluation_options& opts,
                    trace_sink* sink) {
  report d;
  d.profile = p.name();
  d.as_of = opts.as_of;
  for (const auto& doc : prog.documents) d.documents.push_back({doc.id, doc.title});
  context ctx(prog, p, opts.as_of, sink != nullptr);
  provision_evaluator pe(prog, ctx, sink);
  d.provisions.reserve(prog.provisions.size());
  for (std::size_t i = 0; i < prog.provisions.size(); ++i) {
    bool traced = sink && (!opts.only || *opts.only == i);
    pe.trace_into(traced ? sink : nullptr);
    d.provisions.push_back(pe.run(prog.provisions[i]));
  }
  for (const auto& ex : prog.exclusions) {
    ctx.reset_steps();
    exclusion_result e;
    e.id = ex.id;
    e.title = ex.title;
    e.citation = ex.citation;
    try {
      ev v = ctx.eval(ex.test);
      e.holds = !v.v.known() ? outcome::unknown : v.v.as_bool() ? outcome::yes : outcome::no;
      if (!v.v.known()) e.missing = ctx.missing_names(v.missing);
    } catch (const eval_error&) {
      e.holds = outcome::unknown;
    }
    d.excluded = d.excluded || e.holds == outcome::yes;
    d.exclusions.push_back(std::move(e));
  }
  combine(prog, d, opts.include_drafts_in_total);
  d.ask_next = questions(prog, d);
  // Readers get the schema's words for the questions still open.
  d.ask_next_labels.reserve(d.ask_next.size());
  for (const auto& n : d.ask_next) d.ask_next_labels.push_back(fact_words(prog, n));
  return d;
}

}  // namespace elig::eval
