// Decides every provision for one profile with the compiled plan: the same verdicts as the
// explaining evaluator (eval/provisions.cpp), without a word of text and without allocating
// once the thread's scratch and the decision have grown to the rule set.
#include "fast/decide.hpp"

#include <algorithm>

#include "elig/ruleset.hpp"
#include "fast/lane_run.hpp"
#include "fast/machine.hpp"
#include "support/profile_data.hpp"

namespace elig::fast {
namespace {

// Missing facts collected while deciding one provision: a set id of the machine.
struct open_facts {
  std::uint32_t set = 0;
};

amount_kind merge_kind(amount_kind a, amount_kind b) {
  if (a == amount_kind::none) return b;
  if (a == b) return a;
  return amount_kind::range;
}

class provision_decider {
 public:
  provision_decider(const plan& p, machine& m, scratch& s, const fval* facts)
      : p_(p), m_(m), s_(s), facts_(facts) {}

  std::uint32_t settles = 0;  // the facts that would settle the provision just decided

  // An evaluation error met while deciding: kept for the verdict, the first one only.
  struct error_slot {
    std::optional<diag_code>& code;
    source_span& at;
  };

  // One condition; an evaluation error leaves it open and is kept for the verdict.
  outcome test(const pcondition& c, open_facts& open, error_slot err) {
    try {
      fval x = m_.test(c.test);
      if (!x.known()) {
        open.set = m_.merge(open.set, x.missing);
        return outcome::unknown;
      }
      return x.truth() != c.negative ? outcome::yes : outcome::no;
    } catch (const failure& f) {
      if (!err.code) {
        err.code = f.code;
        err.at = at(f.node, -1);
      }
      return outcome::unknown;
    }
  }

  // A condition every provision of a document (or every document) shares: decided once.
  outcome shared_test(std::size_t slot, const pcondition& c, open_facts& open, verdict& v) {
    auto& sh = s_.shared[slot];
    if (sh.state != s_.generation) {
      open_facts mine;
      sh.error.reset();
      sh.result = test(c, mine, {sh.error, sh.error_at});
      sh.missing = mine.set;
      sh.state = s_.generation;
    }
    if (sh.missing) open.set = m_.merge(open.set, sh.missing);
    if (sh.error && !v.error) {
      v.error = sh.error;
      v.error_at = sh.error_at;
    }
    return sh.result;
  }

  outcome once_check(const pprovision& pr, open_facts& open) {
    const fval& hist = facts_[*p_.history_fact];
    if (!hist.known()) {
      open.set = m_.merge(open.set, hist.missing);
      return outcome::unknown;
    }
    return awarded_before(hist, pr.id) ? outcome::no : outcome::yes;
  }

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

  void run(std::size_t index, bool include_drafts, verdict& v, outcome* outcomes,
           part_verdict* parts) {
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
    open_facts missing;
    outcome* o = outcomes;
    if (!conditions(pr, v, o, open, missing)) return;
    try {
      decide_parts(pr, v, parts, missing, open);
    } catch (const failure& f) {
      v = verdict{};
      v.result = status::undetermined;
      v.error = f.code;
      v.error_at = at(f.node, static_cast<std::int32_t>(index));
      settles = 0;
      for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k) parts[k - pr.part_begin] = {};
    }
    v.counted_in_total = v.result == status::eligible && (!pr.draft || include_drafts);
  }

 private:
  static bool note(outcome r, outcome*& o, bool& open) {
    *o++ = r;
    open = open || r == outcome::unknown;
    return r != outcome::no;
  }

  // The conditions in the decision's order, up to the first that fails: false if one does.
  bool conditions(const pprovision& pr, verdict& v, outcome*& o, bool& open, open_facts& missing) {
    const pcondition* exclusions = p_.exclusions.data();
    const std::size_t n_exclusions = p_.exclusions.size();
    for (std::size_t i = 0; i < n_exclusions; ++i)
      if (!note(shared_test(i, exclusions[i], missing, v), o, open)) return false;
    const pdocument& doc = p_.documents[pr.doc];
    const pcondition* conds = p_.conditions.data();
    for (auto i = doc.cond_begin; i < doc.cond_end; ++i)
      if (!note(shared_test(n_exclusions + i, conds[i], missing, v), o, open)) return false;
    for (auto i = pr.cond_begin; i < pr.cond_end; ++i)
      if (!note(test(conds[i], missing, {v.error, v.error_at}), o, open)) return false;
    return !pr.once || note(once_check(pr, missing), o, open);
  }

  void decide_parts(const pprovision& pr, verdict& v, part_verdict* parts, open_facts& missing,
                    bool open) {
    open_facts part_missing;
    bool any_eligible = false, any_open = false, all_unencodable = true, any_unencodable = false;
    decimal lo, hi;
    for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k) {
      part_verdict& res = parts[k - pr.part_begin];
      open_facts res_missing;
      run_part(p_.parts[k], res, res_missing);
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
        part_missing.set = m_.merge(part_missing.set, res_missing.set);
      }
    }
    v.value.min = lo;
    v.value.max = hi;
    // As in the explaining evaluator: when every part is decided and pays nothing, open
    // conditions cannot change the answer.
    bool nothing_payable =
        pr.part_end > pr.part_begin && !any_eligible && !any_open && !any_unencodable;
    if (open && nothing_payable) {
      v.result = status::ineligible;
      v.value = {};
    } else if (open) {
      v.result = status::undetermined;
      v.value = {};
      settles = any_eligible ? missing.set : m_.merge(missing.set, part_missing.set);
      for (std::uint32_t k = pr.part_begin; k < pr.part_end; ++k)  // open, with what they'd pay
        if (parts[k - pr.part_begin].result == status::eligible)
          parts[k - pr.part_begin].result = status::undetermined;
    } else if (any_eligible) {
      v.result = status::eligible;
      if (any_open) settles = part_missing.set;
    } else if (any_open) {
      v.result = status::undetermined;
      v.value = {};
      settles = part_missing.set;
    } else if (all_unencodable) {
      v.result = status::not_encodable;
      v.value = {};
    } else {
      v.result = status::ineligible;
      v.value = {};
    }
  }

  decimal add(decimal a, decimal b) {
    try {
      return a + b;
    } catch (const decimal_overflow&) {
      throw failure{diag_code::eval_overflow, -1};
    }
  }

  void run_part(const ppart& pt, part_verdict& res, open_facts& res_missing) {
    if (!pt.encodable) {
      res.result = status::not_encodable;
      return;
    }
    bool failed = false, open = false;
    for (auto i = pt.cond_begin; i < pt.cond_end; ++i) {
      // An error in a part's condition leaves the whole provision undetermined.
      fval x = m_.test(p_.part_conditions[i].test);
      outcome o = !x.known()                                    ? outcome::unknown
                  : x.truth() != p_.part_conditions[i].negative ? outcome::yes
                                                                : outcome::no;
      if (!x.known()) res_missing.set = m_.merge(res_missing.set, x.missing);
      failed = failed || o == outcome::no;
      open = open || o == outcome::unknown;
    }
    if (failed) {
      res.result = status::ineligible;
      return;
    }
    const pbenefit& b = pt.pays;
    open_facts missing;
    decimal lo, hi;
    bool any_item = !b.per_item;
    if (!b.per_item) {
      if (!amount_of(b, lo, hi, missing)) open = true;
    } else {
      fval list = m_.eval(b.items);
      if (!list.known()) {
        missing.set = m_.merge(missing.set, list.missing);
        open = true;
      } else {
        for (std::uint32_t i = 0; i < list.list.size; ++i) {
          fval item = list.list.data[i];
          item.missing = 0;
          m_.bind(b.item_slot, item);
          if (b.where >= 0) {
            fval w = m_.eval(b.where);
            if (!w.known()) {
              missing.set = m_.merge(missing.set, w.missing);
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
          } else {
            open = true;
          }
        }
      }
    }
    res.value.kind = part_kind(b.kind);
    if (open) {
      res.result = status::undetermined;
      res_missing.set = m_.merge(res_missing.set, missing.set);
      res.value = {};
    } else if (!any_item) {
      res.result = status::ineligible;
      res.value = {};
    } else {
      res.result = status::eligible;
      res.value.min = lo;
      res.value.max = hi;
    }
  }

  bool amount_of(const pbenefit& b, decimal& lo, decimal& hi, open_facts& missing) {
    fval first = m_.eval(b.first);
    fval second = b.second >= 0 ? m_.eval(b.second) : fval{};
    if (!first.known() || (b.second >= 0 && !second.known())) {
      missing.set = m_.merge(missing.set, m_.merge(first.missing, second.missing));
      return false;
    }
    decimal a = to_fen(first.num);
    decimal z = b.second >= 0 ? to_fen(second.num) : a;
    lo = b.kind == amount_kind::up_to ? decimal{} : a;
    hi = z;
    return true;
  }

  source_span at(std::int32_t node, std::int32_t provision) const {
    if (node >= 0) return p_.spans[static_cast<std::size_t>(node)];
    return provision >= 0 ? p_.provision_spans[static_cast<std::size_t>(provision)] : source_span{};
  }

  const plan& p_;
  machine& m_;
  scratch& s_;
  const fval* facts_;
};

}  // namespace

void decider::decide(const plan& p, const ruleset* rules, const profile& prof,
                     const decide_options& opts, decision& out) {
  // One scratch per thread: after the first profiles nothing here allocates.
  thread_local scratch s;
  s.prepare(p, opts.as_of.days());
  const fval* facts = prof.data().typed.data();
  machine m(p, s, facts, opts.as_of);
  const std::size_t n = p.provisions.size();
  const std::size_t w = p.words;
  if (out.rules_.get() != rules) {
    out.rules_ = rules->self();
    out.verdicts_.resize(n);
    out.parts_.resize(p.parts.size());
    out.conditions_.resize(p.outcomes);
    out.missing_.resize(n * w);
    out.exclusions_.resize(p.exclusions.size());
    out.caps_.resize(p.combinations.size());
  }
  out.as_of_ = opts.as_of;
  // Plain fills of buffers sized for the rule set: vector::assign's checks were 5% of a
  // reference decision. One fill for all provisions: each writes only the outcomes up to its
  // first failure, and few leave facts open.
  std::fill_n(out.conditions_.data(), p.outcomes, outcome::not_evaluated);
  std::fill_n(out.missing_.data(), n * w, std::uint64_t{0});
  std::fill_n(out.caps_.data(), p.combinations.size(), std::uint8_t{0});
  provision_decider pd(p, m, s, facts);
  lane_runner lr(p, m, s, facts);
  const pprovision* provisions = p.provisions.data();
  const lane* lanes = p.lanes.provisions.data();
  verdict* verdicts = out.verdicts_.data();
  outcome* conditions = out.conditions_.data();
  part_verdict* parts = out.parts_.data();
  std::uint64_t* missing = out.missing_.data();
  // The lanes first, then what they leave, in two loops: one loop holding both paths inlined
  // kept little in registers. The order does not change a verdict: shared conditions,
  // definitions and calls give the same values whoever asks first.
  std::uint32_t* general = s.general.data();
  std::size_t n_general = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const lane& ln = lanes[i];
    if (!ln.usable || !lr.run(ln, i, opts.include_drafts_in_total, verdicts[i],
                              conditions + ln.outcome_begin, parts[ln.part]))
      general[n_general++] = static_cast<std::uint32_t>(i);
  }
  for (std::size_t k = 0; k < n_general; ++k) {
    const std::size_t i = general[k];
    const pprovision& pr = provisions[i];
    pd.run(i, opts.include_drafts_in_total, verdicts[i], conditions + pr.outcome_begin,
           parts + pr.part_begin);
    if (pd.settles) {
      const std::uint64_t* bits = m.set(pd.settles);
      std::copy(bits, bits + w, missing + i * w);
    }
  }
  out.excluded_ = false;
  for (std::size_t i = 0; i < p.exclusions.size(); ++i) {
    // Decided already when some provision got as far as its exclusions; as a provision's
    // condition it is negative (`yes` there means the exclusion does not hold).
    if (const auto& sh = s.shared[i]; sh.state == s.generation) {
      out.exclusions_[i] = sh.error || sh.result == outcome::unknown ? outcome::unknown
                           : sh.result == outcome::no                ? outcome::yes
                                                                     : outcome::no;
      out.excluded_ = out.excluded_ || out.exclusions_[i] == outcome::yes;
      continue;
    }
    m.reset_steps();
    try {
      fval v = m.eval(p.exclusions[i].test);
      out.exclusions_[i] = !v.known() ? outcome::unknown : v.truth() ? outcome::yes : outcome::no;
    } catch (const failure&) {
      out.exclusions_[i] = outcome::unknown;
    }
    out.excluded_ = out.excluded_ || out.exclusions_[i] == outcome::yes;
  }
  combine(p, out);
}

}  // namespace elig::fast
