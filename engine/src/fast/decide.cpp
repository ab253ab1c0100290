// Decides every provision for one profile with the compiled plan: the one meaning of provisions,
// conditions, parts and combination (docs/language.md §9 and §10). Untraced it
// writes no text and allocates nothing once the thread's scratch and the decision have grown to
// the rule set; traced, an observer sees every condition and amount as it is decided.
#include "fast/decide.hpp"

#include <algorithm>

#include "elig/ruleset.hpp"
#include "fast/exclusion_report.hpp"
#include "fast/lane_run.hpp"
#include "fast/machine.hpp"
#include "fast/observer.hpp"
#include "fast/synth.hpp"
#include "support/profile_data.hpp"

namespace elig::fast {
namespace {

amount_kind merge_kind(amount_kind a, amount_kind b) {
  if (a == amount_kind::none) return b;
  if (a == b) return a;
  return amount_kind::range;
}

struct run_mode {
  bool all_conditions = true;  // evaluate every condition, past one that fails
  bool include_drafts = false;
  observer* watch = nullptr;  // traced runs only
};

template <typename Machine>
class provision_decider {
 public:
  provision_decider(const plan& p, Machine& m, scratch& s, const fval* facts, run_mode mode)
      : p_(p), m_(m), s_(s), facts_(facts), mode_(mode) {}

  std::uint32_t settles = 0;  // the facts that would settle the provision just decided

  void run(std::size_t index, verdict& v, outcome* outcomes, part_verdict* parts) {
    const pprovision& pr = p_.provisions[index];
    reset(pr, v, parts);
    // Outcomes are `not_evaluated` already (decide fills them once): only those reached change.
    if (const auto st = s_.standings[index]; st != scratch::standing::decide) {
      v.result =
          st == scratch::standing::not_in_force ? status::not_in_force : status::not_encodable;
      return;
    }
    m_.reset_steps();
    bool open = false;
    std::uint32_t missing = 0;
    if (!conditions(index, pr, v, outcomes, open, missing)) {
      // A condition that fails decides: nothing unknown or in error elsewhere can change that.
      v.result = status::ineligible;
      v.error.reset();
      return;
    }
    try {
      decide_parts(index, pr, v, parts, missing, open);
    } catch (const failure& f) {
      const std::optional<diag_code> first = v.error;
      const source_span first_at = v.error_at;
      v = verdict{};
      v.result = status::undetermined;
      v.error = first;
      v.error_at = first_at;
      keep_error(index, v, f);
      settles = 0;
      for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k) parts[k - pr.part_begin] = {};
      if constexpr (Machine::traced) mode_.watch->parts_abandoned(index);
    }
    if (v.result == status::ineligible) v.error.reset();
    v.counted_in_total = v.result == status::eligible && (!pr.draft || mode_.include_drafts);
  }

 private:
  // Ineligible, nothing paid, nothing open: where every provision starts.
  void reset(const pprovision& pr, verdict& v, part_verdict* parts) {
    // Field by field: cheaper than building a whole verdict to copy over.
    v.result = status::ineligible;
    v.value = {};
    v.counted_in_total = false;
    v.superseded_by = v.superseded_by_part = -1;
    v.error.reset();
    // Only what a previous profile left: most parts are never reached.
    for (std::uint32_t k = 0, e = pr.part_end - pr.part_begin; k < e; ++k)
      if (parts[k].result != status::ineligible || parts[k].value.kind != amount_kind::none)
        parts[k] = {};
    settles = 0;
  }

  // The verdict keeps the first evaluation error in the decision's order.
  void keep_error(std::size_t index, verdict& v, const failure& f) {
    if (v.error) return;
    v.error = f.code;
    v.error_at = at(f.node, static_cast<std::int32_t>(index));
    if constexpr (Machine::traced) mode_.watch->error(index, f);
  }

  // One condition: its outcome, and in `set` the facts an unknown one waits for. An evaluation
  // error leaves it open and is kept in `err`.
  outcome test(const pcondition& c, std::uint32_t& set, std::optional<failure>& err) {
    set = 0;
    try {
      const fval x = m_.test(c.test);
      if (!x.known()) {
        set = x.missing;
        return outcome::unknown;
      }
      return x.truth() != c.negative ? outcome::yes : outcome::no;
    } catch (const failure& f) {
      if (!err) err = f;
      return outcome::unknown;
    }
  }

  // A condition every provision of a document (or every document) shares: decided once.
  outcome shared_test(std::size_t slot, const pcondition& c, std::uint32_t& set, std::size_t index,
                      verdict& v) {
    auto& sh = s_.shared[slot];
    if (sh.state != s_.generation) {
      sh.error.reset();
      sh.result = test(c, sh.missing, sh.error);
      sh.state = s_.generation;
    }
    set = sh.missing;
    if (sh.error) keep_error(index, v, *sh.error);
    return sh.result;
  }

  // The conditions in the decision's order: false when one fails. Without all_conditions the
  // rest are then left `not_evaluated`.
  bool conditions(std::size_t index, const pprovision& pr, verdict& v, outcome* o, bool& open,
                  std::uint32_t& missing) {
    bool failed = false;
    std::uint32_t k = 0;
    const auto note = [&](outcome r, std::uint32_t set) {
      o[k] = r;
      if constexpr (Machine::traced) mode_.watch->condition(index, k, r, set);
      ++k;
      if (r == outcome::unknown) {
        open = true;
        missing = m_.merge(missing, set);
      }
      failed = failed || r == outcome::no;
      return !failed || mode_.all_conditions;
    };
    std::uint32_t set = 0;
    const std::size_t n_exclusions = p_.exclusions.size();
    for (std::size_t i = 0; i < n_exclusions; ++i) {
      const outcome r = shared_test(i, p_.exclusions[i], set, index, v);
      if (!note(r, set)) return false;
    }
    const pdocument& doc = p_.documents[pr.doc];
    for (auto i = doc.cond_begin; i < doc.cond_end; ++i) {
      const outcome r = shared_test(n_exclusions + i, p_.conditions[i], set, index, v);
      if (!note(r, set)) return false;
    }
    for (auto i = pr.cond_begin; i < pr.cond_end; ++i) {
      std::optional<failure> err;
      const outcome r = test(p_.conditions[i], set, err);
      if (err) keep_error(index, v, *err);
      if (!note(r, set)) return false;
    }
    if (pr.once) {
      const fval& hist = facts_[*p_.history_fact];
      const outcome r = !hist.known()                 ? outcome::unknown
                        : awarded_before(hist, pr.id) ? outcome::no
                                                      : outcome::yes;
      note(r, hist.known() ? 0 : hist.missing);
    }
    return !failed;
  }

  void decide_parts(std::size_t index, const pprovision& pr, verdict& v, part_verdict* parts,
                    std::uint32_t missing, bool open) {
    std::uint32_t part_missing = 0;
    bool any_eligible = false, any_open = false, all_unencodable = true, any_unencodable = false;
    decimal lo, hi;
    for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k) {
      part_verdict& res = parts[k - pr.part_begin];
      std::uint32_t res_missing = 0;
      run_part(index, k - pr.part_begin, p_.parts[k], res, res_missing);
      if constexpr (Machine::traced) mode_.watch->part_done(index, k - pr.part_begin, res_missing);
      if (res.result != status::not_encodable) all_unencodable = false;
      if (res.result == status::not_encodable) any_unencodable = true;
      if (res.result == status::eligible) {
        any_eligible = true;
        lo = add(lo, res.value.min);
        hi = add(hi, res.value.max);
        v.value.kind = merge_kind(v.value.kind, res.value.kind);
      }
      if (res.result == status::undetermined) {
        any_open = true;
        part_missing = m_.merge(part_missing, res_missing);
      }
    }
    v.value.min = lo;
    v.value.max = hi;
    // Every part decided and paying nothing: no answer to an open condition changes that.
    const bool nothing_payable =
        pr.part_end > pr.part_begin && !any_eligible && !any_open && !any_unencodable;
    if (open && nothing_payable) {
      v.result = status::ineligible;
      v.value = {};
    } else if (open) {
      v.result = status::undetermined;
      v.value = {};
      settles = any_eligible ? missing : m_.merge(missing, part_missing);
      for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k)  // open, with what they'd pay
        if (parts[k - pr.part_begin].result == status::eligible)
          parts[k - pr.part_begin].result = status::undetermined;
    } else if (any_eligible) {
      v.result = status::eligible;
      if (any_open) settles = part_missing;
    } else if (any_open) {
      v.result = status::undetermined;
      v.value = {};
      settles = part_missing;
    } else if (all_unencodable) {
      v.result = status::not_encodable;
      v.value = {};
    } else {
      v.result = status::ineligible;
      v.value = {};
    }
  }

  static decimal add(decimal a, decimal b) {
    try {
      return a + b;
    } catch (const decimal_overflow&) {
      throw failure{diag_code::eval_overflow, -1};
    }
  }

  // A part: its own conditions (an error there leaves the whole provision undetermined), then
  // its amount, per item for a per-item benefit.
  void run_part(std::size_t index, std::uint32_t part, const ppart& pt, part_verdict& res,
                std::uint32_t& res_missing) {
    if (!pt.encodable) {
      res.result = status::not_encodable;
      return;
    }
    bool failed = false, open = false;
    for (auto i = pt.cond_begin; i < pt.cond_end; ++i) {
      const pcondition& c = p_.part_conditions[i];
      const fval x = m_.test(c.test);
      const outcome o = !x.known()                ? outcome::unknown
                        : x.truth() != c.negative ? outcome::yes
                                                  : outcome::no;
      if (!x.known()) res_missing = m_.merge(res_missing, x.missing);
      if constexpr (Machine::traced)
        mode_.watch->part_condition(index, part, i - pt.cond_begin, o, x.missing);
      failed = failed || o == outcome::no;
      open = open || o == outcome::unknown;
    }
    if (failed) {
      res.result = status::ineligible;
      return;
    }
    const pbenefit& b = pt.pays;
    std::uint32_t missing = 0;
    decimal lo, hi;
    bool any_item = !b.per_item;
    if (!b.per_item) {
      if (!amount_of(b, lo, hi, missing)) {
        open = true;
      } else if constexpr (Machine::traced) {
        mode_.watch->amount(index, part, -1);
      }
    } else {
      const fval list = m_.eval(b.items);
      if (!list.known()) {
        missing = m_.merge(missing, list.missing);
        open = true;
      } else {
        for (std::uint32_t i = 0; i < list.list.size; ++i) {
          fval item = list.list.data[i];
          item.missing = 0;
          m_.bind(b.item_slot, item);
          if (b.where >= 0) {
            const fval w = m_.eval(b.where);
            if (!w.known()) {
              missing = m_.merge(missing, w.missing);
              open = true;
              continue;
            }
            if (!w.truth()) continue;
          }
          decimal ilo, ihi;
          if (amount_of(b, ilo, ihi, missing)) {
            any_item = true;
            lo = add(lo, ilo);
            hi = add(hi, ihi);
            if constexpr (Machine::traced)
              mode_.watch->amount(index, part, static_cast<std::int32_t>(i));
          } else {
            open = true;
          }
        }
      }
    }
    res.value.kind = part_kind(b.kind);
    if (open) {
      res.result = status::undetermined;
      res_missing = m_.merge(res_missing, missing);
      res.value = {};
    } else if (!any_item) {
      res.result = status::ineligible;
      res.value = {};
      if constexpr (Machine::traced) mode_.watch->no_item(index, part);
    } else {
      res.result = status::eligible;
      res.value.min = lo;
      res.value.max = hi;
    }
  }

  // One amount (or one item's), in fen, never below zero; false when it is unknown.
  bool amount_of(const pbenefit& b, decimal& lo, decimal& hi, std::uint32_t& missing) {
    const fval first = m_.eval(b.first);
    const fval second = b.second >= 0 ? m_.eval(b.second) : fval{};
    if (!first.known() || (b.second >= 0 && !second.known())) {
      missing = m_.merge(missing, m_.merge(first.missing, second.missing));
      return false;
    }
    const decimal a = to_fen(first.num);
    const decimal z = b.second >= 0 ? to_fen(second.num) : a;
    lo = b.kind == amount_kind::up_to ? decimal{} : a;
    hi = z;
    return true;
  }

  source_span at(std::int32_t node, std::int32_t provision) const {
    if (node >= 0) return p_.spans[static_cast<std::size_t>(node)];
    return provision >= 0 ? p_.provision_spans[static_cast<std::size_t>(provision)] : source_span{};
  }

  const plan& p_;
  Machine& m_;
  scratch& s_;
  const fval* facts_;
  run_mode mode_;
};

// The provisions the lanes left (all of them when there are none), in the rule set's order;
// with `missing`, each open one's facts that would settle it.
template <typename Machine>
[[gnu::noinline]] void decide_general(const plan& p, Machine& m, scratch& s, const fval* facts,
                                      run_mode mode, const std::uint32_t* general,
                                      std::size_t n_general, verdict* verdicts, outcome* conditions,
                                      part_verdict* parts, std::uint64_t* missing) {
  provision_decider<Machine> pd(p, m, s, facts, mode);
  const std::size_t w = s.words;
  for (std::size_t k = 0; k < n_general; ++k) {
    const std::size_t i = general[k];
    const pprovision& pr = p.provisions[i];
    pd.run(i, verdicts[i], conditions + pr.outcome_begin, parts + pr.part_begin);
    if (missing && pd.settles) {
      const std::uint64_t* bits = m.set(pd.settles);
      std::copy(bits, bits + w, missing + i * w);
    }
  }
}

}  // namespace

template <bool Traced>
decider::settled decider::run_all(const plan& p, const ruleset* rules,
                                  const detail::profile_data& prof, const decide_options& opts,
                                  detail::decision_state& out, observer* watch) {
  // One scratch per thread: after the first profiles nothing here allocates.
  thread_local scratch s;
  s.prepare(p, opts.as_of.days(), static_cast<std::uint32_t>(prof.places.size()));
  const fval* facts = prof.typed.data();
  trace_store* trace = nullptr;  // an untraced run does not touch the thread's store
  if constexpr (Traced) {
    thread_local trace_store store;
    trace = &store;
  }
  basic_machine<Traced> m(p, s, facts, opts.as_of, trace);
  if constexpr (Traced) {
    trace->start(p.nodes.size());
    watch->start(trace_view(*trace, s));
  }
  const std::size_t n = p.provisions.size();
  // The decision's buffers, sized for the rule set and this profile's open facts, cleared.
  // Condition outcomes and open facts only when asked for: otherwise the general path writes
  // its outcomes to the scratch, and the decision's views of them are empty.
  const bool want_outcomes = Traced || opts.condition_outcomes || opts.every_condition;
  const bool want_missing = Traced || opts.open_facts;
  out.as_of = opts.as_of;
  const std::size_t w = s.words;
  const std::size_t n_outcomes = want_outcomes ? p.outcomes : 0;
  const std::size_t n_missing = want_missing ? n * w : 0;
  // Sized already when the last decision into `out` was of this plan, with the same words per
  // fact set and the same parts asked for (a decision moved from has no rules, and is sized
  // again).
  const std::uint64_t sizes =
      (std::uint64_t{w} << 2) | (want_outcomes ? 1u : 0u) | (want_missing ? 2u : 0u);
  if (out.rules.get() != rules || out.sized_plan != p.id || out.sized_as != sizes) {
    if (out.rules.get() != rules) {
      out.rules = rules->self();
      out.verdicts.resize(n);
      out.parts.resize(p.parts.size());
      out.exclusions.resize(p.exclusions.size());
      out.caps.resize(p.combinations.size());
    }
    out.conditions.resize(n_outcomes);
    out.words = s.words;
    out.missing.resize(n_missing);
    out.sized_plan = p.id;
    out.sized_as = sizes;
  }
  if (const auto& places = prof.places; !places.empty() || !out.places.empty()) {
    out.places.resize(places.size());
    for (std::size_t i = 0; i < places.size(); ++i)
      out.places[i] = {places[i].fact, places[i].index, places[i].field};
  }
  // Plain fills of buffers sized for the rule set: vector::assign's checks were 5% of a
  // reference decision. One fill for all provisions: each writes only the outcomes it reaches.
  if (n_outcomes != 0) std::fill_n(out.conditions.data(), n_outcomes, outcome::not_evaluated);
  if (n_missing != 0) std::fill_n(out.missing.data(), n_missing, std::uint64_t{0});
  const bool drafts = opts.include_drafts_in_total;
  verdict* verdicts = out.verdicts.data();
  outcome* conditions = want_outcomes ? out.conditions.data() : s.outcomes.data();
  part_verdict* parts = out.parts.data();
  std::uint64_t* missing = out.missing.data();
  // The lanes first, then what they leave, in two loops: one loop holding both paths inlined
  // kept little in registers. The order does not change a verdict: shared conditions,
  // definitions and calls give the same values whoever asks first.
  std::uint32_t* general = s.general.data();
  std::size_t n_general = 0;
  const bool lanes = !Traced && opts.fast_lanes && !opts.every_condition;
  // A synthesised pass for these rules, when it is asked for (the lanes' and the exclusions'
  // report, with the plan's shape as constants).
  const synthesised* compiled = lanes && opts.synthesised_lanes ? p.synthesised_lanes : nullptr;
  if constexpr (!Traced) {
    if (lanes) {
      lane_runner lr(p, m, s, facts);
      if (compiled)
        n_general = (want_outcomes ? compiled->outcomes : compiled->verdicts)(
            lr, drafts, verdicts, conditions, parts, general);
      else
        n_general = want_outcomes
                        ? lr.decide_all<true>(drafts, verdicts, conditions, parts, general)
                        : lr.decide_all<false>(drafts, verdicts, nullptr, parts, general);
    }
  }
  if (!lanes) {
    for (std::size_t i = 0; i < n; ++i) general[n_general++] = static_cast<std::uint32_t>(i);
  }
  if (n_general != 0) {
    run_mode mode;
    mode.all_conditions = Traced || opts.every_condition;
    mode.include_drafts = drafts;
    mode.watch = watch;
    decide_general(p, m, s, facts, mode, general, n_general, verdicts, conditions, parts,
                   want_missing ? missing : nullptr);
  }
  if constexpr (!Traced) {
    if (compiled) return compiled->finish(m, s, p, out) ? settled::total : settled::groups;
  }
  report_exclusions(plan_shape{p}, p, m, s, out.exclusions.data(), out.excluded, watch);
  return settled::not_yet;
}

void decider::decide(const plan& p, const ruleset* rules, const detail::profile_data& prof,
                     const decide_options& opts, detail::decision_state& out) {
  switch (run_all<false>(p, rules, prof, opts, out, nullptr)) {
    case settled::total:
      return;
    case settled::groups:
      return combine_groups(p, out);
    case settled::not_yet:
      return combine(p, out);
  }
}

void decider::trace(const plan& p, const ruleset* rules, const detail::profile_data& prof,
                    const decide_options& opts, detail::decision_state& out, observer& watch) {
  run_all<true>(p, rules, prof, opts, out, &watch);
  combine(p, out);
}

}  // namespace elig::fast
