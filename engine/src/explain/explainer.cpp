// The observer of a traced decision: it labels each condition and amount while the run's values
// are in the trace, then lays the decision and those labels out as a report.
#include "explain/explainer.hpp"

#include <fmt/format.h>

#include <optional>

#include "check/bounds.hpp"
#include "explain/labels.hpp"
#include "fast/open_facts.hpp"
#include "support/profile_data.hpp"

namespace elig::explain {
namespace {

using check::no_node;

// What the run showed of one provision.
struct seen {
  std::vector<condition_trace> conditions;
  std::vector<std::vector<condition_trace>> part_conditions;
  std::vector<std::vector<amount_step>> steps;
  std::vector<std::vector<std::string>> part_missing;
  bool parts_abandoned = false;  // an evaluation error in a part: the parts are not shown
  std::string error;             // the message of the verdict's error, if it keeps one
};

class explainer final : public report_writer {
 public:
  explainer(const check::program& prog, const profile& prof, const detail::profile_data& data,
            const explain_options& opts)
      : prog_(prog),
        prof_(prof),
        data_(data),
        labels_(prog, opts.lang),
        as_of_(opts.as_of),
        explain_(opts.explain) {
    seen_.resize(prog.provisions.size());
    for (std::size_t i = 0; i < prog.provisions.size(); ++i) {
      const auto n = prog.provisions[i].parts.size();
      seen_[i].part_conditions.resize(n);
      seen_[i].steps.resize(n);
      seen_[i].part_missing.resize(n);
      if (!opts.only.empty() && prog.provisions[i].id == opts.only) only_ = i;
    }
    exclusion_missing_.resize(prog.exclusions.size());
  }

  void start(const fast::trace_view& view) override { view_.emplace(view); }

  void condition(std::size_t provision, std::uint32_t index, outcome result,
                 std::uint32_t missing) override {
    if (!labelled(provision)) return;
    const check::provision& pr = prog_.provisions[provision];
    const check::document& doc = prog_.documents[pr.doc];
    const std::size_t n_ex = prog_.exclusions.size();
    condition_trace t;
    if (index < n_ex) {
      const auto& ex = prog_.exclusions[index];
      const check::condition c{check::condition_kind::exclusion, ex.test, 0, no_node, ex.span,
                               static_cast<std::int32_t>(index)};
      t = labels_.condition(c, *view_);
    } else if (index < n_ex + doc.conditions.size()) {
      t = labels_.condition(doc.conditions[index - n_ex], *view_);
      t.of_document = true;
    } else if (index < n_ex + doc.conditions.size() + pr.conditions.size()) {
      t = labels_.condition(pr.conditions[index - n_ex - doc.conditions.size()], *view_);
    } else {
      t = once(pr);
    }
    t.result = result;
    if (result == outcome::unknown) t.missing = names(missing);
    seen_[provision].conditions.push_back(std::move(t));
  }

  void part_condition(std::size_t provision, std::uint32_t part, std::uint32_t index,
                      outcome result, std::uint32_t missing) override {
    if (!labelled(provision)) return;
    const auto& c = prog_.provisions[provision].parts[part].conditions[index];
    condition_trace t = labels_.condition(c, *view_);
    t.result = result;
    if (result == outcome::unknown) t.missing = names(missing);
    seen_[provision].part_conditions[part].push_back(std::move(t));
  }

  void part_done(std::size_t provision, std::uint32_t part, std::uint32_t missing) override {
    seen_[provision].part_missing[part] = names(missing);
  }

  void amount(std::size_t provision, std::uint32_t part, std::int32_t item) override {
    if (!labelled(provision)) return;
    const check::benefit& b = *prog_.provisions[provision].parts[part].pays;
    seen_[provision].steps[part].push_back(labels_.amount(b, *view_, item));
  }

  void no_item(std::size_t provision, std::uint32_t part) override {
    if (!labelled(provision)) return;
    seen_[provision].steps[part].push_back({{"没有符合条件的项目。", "No item qualifies."}});
  }

  void error(std::size_t provision, const fast::failure& f) override {
    seen_[provision].error = message(f);
  }

  void parts_abandoned(std::size_t provision) override { seen_[provision].parts_abandoned = true; }

  void exclusion(std::size_t index, outcome holds, std::uint32_t missing) override {
    exclusion_missing_[index] =
        holds == outcome::unknown ? names(missing) : std::vector<std::string>{};
  }

  report assemble(const decision& d, bool include_drafts) const override;

 private:
  [[nodiscard]] bool labelled(std::size_t provision) const {
    return explain_ && (!only_ || *only_ == provision);
  }

  std::vector<std::string> names(std::uint32_t set) const {
    std::vector<std::uint32_t> elements = view_->elements(set);
    const auto& places = data_.places;
    fast::sort_open_facts(elements, static_cast<std::uint32_t>(prog_.facts.size()), places);
    std::vector<std::string> out;
    out.reserve(elements.size());
    for (auto e : elements) out.push_back(fast::open_fact_name(prog_, places, e));
    return out;
  }

  // `pays once`: the history must show no award under this provision's id.
  condition_trace once(const check::provision& pr) const {
    const auto slot = *prog_.history_fact;
    const std::string& name = prog_.facts[slot].name;
    const value& hist = prof_.facts()[slot];
    condition_trace t;
    t.kind = condition_kind::once;
    t.span = pr.span;
    if (!hist.known()) {
      t.label = {
          fmt::format("一次性奖励：未提供已获奖励记录（{}）", name),
          fmt::format("One-time award: the awards already received (`{}`) are not stated", name)};
      return t;
    }
    std::optional<std::string> year;
    for (const value& item : hist.as_list()) {
      const record_value& rec = item.as_record();
      if (rec.fields[0].known() && rec.fields[0].as_text() == pr.id)
        year = rec.fields[1].known() ? rec.fields[1].as_decimal().to_string() : "?";
    }
    t.label = year ? bitext{fmt::format("一次性奖励：已于 {} 年获得，不再发放", *year),
                            fmt::format("One-time award: already received in {}", *year)}
                   : bitext{"一次性奖励：此前未获得", "One-time award: not received before"};
    return t;
  }

  std::string value_at(std::int32_t node) const {
    const fast::fval* v = view_->value(node);
    return v ? format_value(prog_, *v, prog_.nodes[static_cast<std::size_t>(node)].t, true) : "?";
  }

  // What went wrong, in the words of the rules: the parameter, the table, the numbers.
  std::string message(const fast::failure& f) const {
    if (f.node < 0) return "the amount overflowed";
    const check::node& n = prog_.nodes[static_cast<std::size_t>(f.node)];
    switch (f.code) {
      case diag_code::eval_overflow:
        if (n.t.kind == check::base::date) return "a date moved outside the years 1 to 9999";
        return n.t.kind == check::base::duration ? "a duration overflowed" : "an amount overflowed";
      case diag_code::eval_division_by_zero:
        return "division by zero";
      case diag_code::eval_no_parameter_value: {
        const auto& prm = prog_.params[n.ref];
        const std::string on = n.kind == check::op::param_at ? value_at(n.b) : as_of_.to_string();
        return fmt::format(
            "`{}` has no value on {} (its first value is from {})", prm.name, on,
            prm.rows.empty() ? std::string("-") : prm.rows.front().first.to_string());
      }
      case diag_code::eval_no_bracket:
        return fmt::format("no row of `{}` covers {}", prog_.brackets[n.ref].name, value_at(n.a));
      case diag_code::eval_empty_list:
        return fmt::format("`{} of` an empty list has no value",
                           n.kind == check::op::max_of ? "max" : "min");
      case diag_code::eval_not_a_date:
        if (n.args.size() == 3)
          return fmt::format("date({}, {}, {}) is not a real date", value_at(n.args[0]),
                             value_at(n.args[1]), value_at(n.args[2]));
        return fmt::format("{} is not a year", n.args.empty() ? "?" : value_at(n.args[0]));
      case diag_code::eval_limit:
        return fmt::format(
            "the evaluation took more than {} steps; the profile is too large for it",
            fast::max_steps);
      default:
        return std::string(diag_summary(f.code));
    }
  }

  provision_result provision(const decision& d, std::size_t i) const;
  std::optional<elig::amount> could_pay(const check::provision& pr,
                                        const provision_result& r) const;
  void combination_notes(const decision& d, report& r, bool include_drafts) const;

  const check::program& prog_;
  const profile& prof_;
  const detail::profile_data& data_;
  labeller labels_;
  date as_of_;
  bool explain_;
  std::optional<std::size_t> only_;
  std::optional<fast::trace_view> view_;
  std::vector<seen> seen_;
  std::vector<std::vector<std::string>> exclusion_missing_;
};

std::optional<bitext> not_in_force_reason(const check::provision& pr, const check::document& doc,
                                          date d) {
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

provision_result explainer::provision(const decision& d, std::size_t i) const {
  const check::provision& pr = prog_.provisions[i];
  const check::document& doc = prog_.documents[pr.doc];
  const verdict& v = d.provision(i);
  const seen& s = seen_[i];
  provision_result r;
  r.id = pr.id;
  r.document = doc.id;
  r.title = pr.title;
  r.citation = pr.citation;
  r.draft = doc.status == check::doc_status::draft;
  r.span = pr.span;
  r.result = v.result;
  if (labelled(i)) r.interpretations = pr.interpretations;
  if (v.result == status::not_in_force) {
    r.reason = not_in_force_reason(pr, doc, as_of_).value_or(bitext{});
    return r;
  }
  if (pr.not_encodable) {
    r.reason = *pr.not_encodable;
    return r;
  }
  if (v.result == status::eligible) r.value = v.value;
  r.conditions = s.conditions;
  for (std::uint32_t e : d.missing_facts(i)) r.missing.push_back(d.open_fact_name(e));
  if (v.error) {
    r.issues.add(*v.error, fmt::format("in provision `{}`: {}", pr.id, s.error), v.error_at);
    if (s.parts_abandoned) return r;
  }
  // A provision whose conditions fail pays nothing: its parts are not worked out.
  for (outcome o : d.conditions(i))
    if (o == outcome::no) return r;
  const auto parts = d.parts(i);
  for (std::size_t k = 0; k < pr.parts.size(); ++k) {
    const check::part& pt = pr.parts[k];
    part_result res;
    res.name = pt.name;
    res.title = pt.title;
    res.result = parts[k].result;
    res.value = parts[k].value;
    if (pt.not_encodable) {
      res.reason = *pt.not_encodable;
      if (v.result == status::not_encodable) r.reason = *pt.not_encodable;
    } else {
      res.conditions = s.part_conditions[k];
      res.steps = s.steps[k];
      res.missing = s.part_missing[k];
      if (res.result != status::eligible && res.result != status::undetermined) res.value = {};
    }
    r.parts.push_back(std::move(res));
  }
  if (v.result == status::undetermined) r.could_pay = could_pay(pr, r);
  return r;
}

// The sum over the parts of what each could pay: its amount when known, else the most its
// amount's expression allows (parameters at the as-of date); none when a part is unbounded.
std::optional<elig::amount> explainer::could_pay(const check::provision& pr,
                                                 const provision_result& r) const {
  elig::amount sum;
  sum.kind = amount_kind::fixed;
  for (std::size_t k = 0; k < pr.parts.size() && k < r.parts.size(); ++k) {
    const auto& pt = pr.parts[k];
    if (!pt.pays || pt.not_encodable) continue;
    elig::amount a = r.parts[k].value;
    if (a.kind == amount_kind::none) {
      if (pt.pays->per_item) return std::nullopt;
      auto most = check::upper_bound(
          prog_, pt.pays->kind == amount_kind::range ? pt.pays->second : pt.pays->first, as_of_);
      if (!most) return std::nullopt;
      a = {amount_kind::up_to, decimal{}, *most};
    }
    sum.min = sum.min + a.min;
    sum.max = sum.max + a.max;
    if (a.kind == amount_kind::up_to) sum.kind = amount_kind::up_to;
    if (a.kind == amount_kind::range && sum.kind == amount_kind::fixed)
      sum.kind = amount_kind::range;
  }
  if (sum.kind == amount_kind::up_to) sum.min = decimal{};
  if (!(sum.max > decimal{})) return std::nullopt;
  return sum;
}

// What take-highest groups, caps and drafts did, in words, from the decision's record of it.
void explainer::combination_notes(const decision& d, report& r, bool include_drafts) const {
  const ruleset& rules = d.rules();
  for (std::size_t i = 0; i < r.provisions.size(); ++i) {
    const verdict& v = d.provision(i);
    provision_result& p = r.provisions[i];
    p.counted_in_total = v.counted_in_total;
    if (v.result == status::eligible && p.draft && !include_drafts)
      p.notes.push_back({"征求意见稿：不计入合计。", "Draft: left out of the total."});
    if (v.superseded_by >= 0)
      p.superseded_by =
          rules.member_id(static_cast<std::size_t>(v.superseded_by), v.superseded_by_part);
  }
  for (std::size_t ci = 0; ci < prog_.combinations.size(); ++ci) {
    const check::combination& c = prog_.combinations[ci];
    const std::string label_en = c.label.en.empty() ? c.name : c.label.en;
    if (c.kind == check::combine_kind::cap) {
      if (c.limit && d.cap_applied(ci))
        r.total_notes.push_back(
            {fmt::format("“{}”：合计不超过 {}。", c.label.zh, c.limit->to_grouped(2)),
             fmt::format("{}: at most {} in total.", label_en, c.limit->to_grouped(2))});
      continue;
    }
    for (auto [prov, part] : c.members) {
      const verdict& v = d.provision(prov);
      if (v.superseded_by < 0) continue;
      const std::pair<std::uint32_t, std::int32_t> best{static_cast<std::uint32_t>(v.superseded_by),
                                                        v.superseded_by_part};
      if (best == std::pair{prov, part} ||
          std::find(c.members.begin(), c.members.end(), best) == c.members.end())
        continue;
      const std::string winner = rules.member_id(best.first, best.second);
      r.provisions[prov].notes.push_back(
          {fmt::format("“{}”：同组仅发最高一项（{}），本项不计入合计。", c.label.zh, winner),
           fmt::format("{}: only the highest award of the group is paid ({}); this one is not "
                       "counted in the total.",
                       label_en, winner)});
    }
  }
}

report explainer::assemble(const decision& d, bool include_drafts) const {
  report r;
  r.profile = prof_.name();
  r.id = prof_.id();
  r.company = prof_.company();
  if (only_) r.only = prog_.provisions[*only_].id;
  r.as_of = as_of_;
  for (const auto& doc : prog_.documents) r.documents.push_back({doc.id, doc.title});
  r.provisions.reserve(prog_.provisions.size());
  for (std::size_t i = 0; i < prog_.provisions.size(); ++i) r.provisions.push_back(provision(d, i));
  for (std::size_t i = 0; i < prog_.exclusions.size(); ++i) {
    const auto& ex = prog_.exclusions[i];
    exclusion_result e;
    e.id = ex.id;
    e.title = ex.title;
    e.citation = ex.citation;
    e.holds = d.exclusions()[i];
    e.missing = exclusion_missing_[i];
    r.exclusions.push_back(std::move(e));
  }
  r.excluded = d.excluded();
  combination_notes(d, r, include_drafts);
  r.total = d.total();
  add_questions(prog_, r);
  return r;
}

}  // namespace

std::unique_ptr<report_writer> make_report_writer(const check::program& prog, const profile& p,
                                                  const detail::profile_data& data,
                                                  const explain_options& opts) {
  return std::make_unique<explainer>(prog, p, data, opts);
}

}  // namespace elig::explain
