// `elig paths`: each alternative of a provision's requirements, read as what it asks of each
// fact, gives the nearest values that satisfy it; the changed profile is then decided, so a path
// is only proposed when the rules confirm it.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "check/bounds.hpp"
#include "elig/decision_json.hpp"
#include "elig/paths.hpp"
#include "elig/profile_json.hpp"
#include "facade/ruleset_impl.hpp"
#include "paths/needs.hpp"

namespace elig {
namespace {

using check::base;

// The smallest step of a fact's type: one fen, one day, one unit, one hundredth of a percent.
decimal unit_of(base b, decimal bound) {
  switch (b) {
    case base::money:
      return decimal::from_raw(decimal::scale / 100);
    case base::percent:
      return decimal::from_raw(decimal::scale / 10'000);
    case base::number:
      return bound.is_integer() ? decimal::from_int(1) : decimal::from_raw(decimal::scale / 100);
    default:
      return decimal::from_int(1);  // years, days
  }
}

std::string json_number(base b, decimal d) {
  switch (b) {
    case base::date:
      return fmt::format("\"{}\"",
                         date::from_days(static_cast<std::int32_t>(d.to_int())).to_string());
    case base::percent:
      return fmt::format("\"{}%\"", (d * decimal::from_int(100)).to_string());
    case base::money:  // a decimal string, as /v1/schema writes money: exact in any language
      return fmt::format("\"{}\"", d.to_string(2));
    case base::year:
      return d.to_string(0);
    default:
      return fmt::format("\"{}\"", d.to_string());
  }
}

std::string json_text(std::string_view s) {
  std::string out;
  append_json_string(s, out);
  return out;
}

// One change, with its target kept typed to compare paths.
struct proposal {
  fact_change change;
  std::optional<decimal> target;  // numbers and dates
};

class finder {
 public:
  finder(const ruleset& rules, const profile& prof, const paths_options& o)
      : rules_(rules),
        p_(detail::program_of(rules)),
        prof_(prof),
        opts_(o),
        reader_(p_, detail::plan_of(rules), detail::data_of(prof), o.as_of) {
    decide_options d;
    d.as_of = o.as_of;
    d.include_drafts_in_total = o.include_drafts_in_total;
    d.every_condition = true;
    d.fast_lanes = o.fast_lanes;
    now_ = rules.decide(prof, d);
    ids_ = rules.provisions();
  }

  paths_result run() {
    paths_result out;
    out.profile_name = prof_.name();
    out.company = prof_.company();
    out.as_of = opts_.as_of;
    std::optional<report> words;
    for (std::size_t i = 0; i < p_.provisions.size(); ++i) {
      const verdict& v = now_.provision(i);
      if (v.result != status::ineligible && v.result != status::undetermined) continue;
      if (!opts_.only.empty() && ids_[i].id != opts_.only) continue;
      provision_paths pp = provision(i);
      if (pp.paths.empty() && !pp.unsolved.empty()) {
        // The unmet conditions in words, from one explanation of the profile as it stands.
        if (!words) {
          explain_options eo;
          eo.as_of = opts_.as_of;
          eo.include_drafts_in_total = opts_.include_drafts_in_total;
          words = rules_.explain(prof_, eo);
        }
        for (auto& u : pp.unsolved) u = label(words->provisions[i], u);
      }
      if (pp.paths.empty() && pp.unsolved.empty() && pp.fixed_facts.empty() && pp.questions.empty())
        pp.unsolved = items_reason(i);
      out.provisions.push_back(std::move(pp));
    }
    return out;
  }

 private:
  // The origin of an unmet condition is held in `unsolved` as its index until it is labelled.
  static bitext label(const provision_result& r, const bitext& index) {
    int part = std::stoi(index.zh), at = std::stoi(index.en);
    const auto& list = part < 0 ? r.conditions : r.parts[static_cast<std::size_t>(part)].conditions;
    return static_cast<std::size_t>(at) < list.size() ? list[static_cast<std::size_t>(at)].label
                                                      : bitext{};
  }

  // Every condition can be met, yet nothing is paid: a per-item benefit whose list has no item
  // that qualifies. Adding or changing items is the applicant's to weigh, not a bound.
  std::vector<bitext> items_reason(std::size_t i) const {
    std::vector<bitext> out;
    for (const auto& pt : p_.provisions[i].parts) {
      if (!pt.pays || !pt.pays->per_item) continue;
      const check::node& list = p_.nodes[static_cast<std::size_t>(pt.pays->items)];
      bitext name{"列表", "the list"};
      if (list.kind == check::op::fact) {
        const auto& l = p_.facts[list.ref].label;
        name = {l.zh.empty() ? p_.facts[list.ref].name : l.zh,
                l.en.empty() ? p_.facts[list.ref].name : l.en};
      }
      out.push_back({fmt::format("{}中没有符合条件的项目", name.zh),
                     fmt::format("no item of {} qualifies", name.en)});
    }
    return out;
  }

  provision_paths provision(std::size_t i) {
    provision_paths out;
    out.provision = i;
    out.id = ids_[i].id;
    out.now = now_.provision(i).result;
    // `pays once` already paid: the history cannot change.
    auto conds = now_.conditions(i);
    const auto& pr = p_.provisions[i];
    if (!pr.parts.empty() && pr.parts.front().pays && pr.parts.front().pays->once &&
        !conds.empty() && conds.back() == outcome::no && p_.history_fact) {
      out.fixed_facts.push_back(p_.facts[*p_.history_fact].name);
      return out;
    }
    std::set<std::string> fixed;
    std::set<std::pair<std::int32_t, std::uint32_t>> unmet;
    std::vector<std::vector<proposal>> candidates;
    for (const auto& alt : paths::requirements_of(p_, i).alternatives) {
      auto needs = reader_.read(alt);
      bool possible = true;
      // The first condition, in the decision's order, that only a fixed fact could meet: it
      // closes this alternative (later ones are moot).
      std::uint64_t closed_at = UINT64_MAX;
      std::set<std::string> closed_by;
      const auto close = [&](std::uint64_t at, const std::set<std::string>& facts) {
        if (at < closed_at) {
          closed_at = at;
          closed_by = facts;
        }
      };
      for (const auto& a : needs.opaque) {
        const auto holds = reader_.holds(a);
        // Unknown: the profile does not say yet; the path then asks for it (confirm()).
        if (holds != false) continue;
        possible = false;
        // A condition on what cannot change (the claimed year against a first year received)
        // closes the way as a fixed fact does.
        std::set<std::uint32_t> read;
        check::facts_read(p_, a.node, read);
        bool all_fixed = !read.empty();
        for (auto slot : read) all_fixed = all_fixed && p_.facts[slot].fixed;
        std::set<std::string> names;
        for (auto slot : read) names.insert(p_.facts[slot].name);
        if (all_fixed)
          close(paths::order_of(a.from), names);
        else
          unmet.insert({a.from.part, a.from.index});
      }
      std::vector<proposal> changes;
      for (const auto& [slot, want] : needs.by_fact) {
        if (want.empty) {
          possible = false;
          break;
        }
        auto change = propose(slot, want);
        if (!change) continue;
        if (p_.facts[slot].fixed && !change->change.question()) {
          close(want.first, {p_.facts[slot].name});
          possible = false;
        }
        if (change->change.to.empty()) possible = false;  // no value satisfies
        changes.push_back(std::move(*change));
      }
      fixed.insert(closed_by.begin(), closed_by.end());
      if (possible && !changes.empty()) candidates.push_back(std::move(changes));
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.size() < b.size(); });
    std::vector<std::vector<proposal>> kept;
    for (auto& c : candidates) {
      if (out.paths.size() == opts_.max_paths) break;
      if (std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return dominates(k, c); }))
        continue;
      if (auto path = confirm(i, c)) {
        out.paths.push_back(std::move(*path));
        kept.push_back(std::move(c));
      }
    }
    if (out.paths.empty()) {
      out.fixed_facts.assign(fixed.begin(), fixed.end());
      // What cannot change closes the provision; the other unmet conditions are then moot.
      if (fixed.empty())
        for (auto [part, at] : unmet)
          out.unsolved.push_back({std::to_string(part), std::to_string(at)});
      if (out.now == status::undetermined && fixed.empty())
        for (auto f : now_.missing_facts(i)) out.questions.push_back(now_.open_fact_name(f));
    }
    return out;
  }

  // `a` is as good as `b` or better: each of its changes is in `b`, no farther from today.
  static bool dominates(const std::vector<proposal>& a, const std::vector<proposal>& b) {
    for (const auto& x : a) {
      auto y = std::find_if(b.begin(), b.end(),
                            [&](const proposal& p) { return p.change.slot == x.change.slot; });
      if (y == b.end()) return false;
      if (x.target && y->target) {
        bool up = x.change.kind == fact_change::bound::at_least;
        if (up ? *x.target > *y->target : *x.target < *y->target) return false;
      } else if (x.change.to != y->change.to) {
        return false;
      }
    }
    return true;
  }

  std::optional<proposal> propose(std::uint32_t slot, const paths::need& want);
  std::optional<eligibility_path> confirm(std::size_t i, const std::vector<proposal>& changes);

  const ruleset& rules_;
  const check::program& p_;
  const profile& prof_;
  const paths_options& opts_;
  paths::reader reader_;
  decision now_;
  std::vector<provision_info> ids_;
};

// The change one fact needs to satisfy `want`, or none when it already does. An empty `to`
// says that no value does.
std::optional<proposal> finder::propose(std::uint32_t slot, const paths::need& want) {
  const check::fact_decl& f = p_.facts[slot];
  const value& now = prof_.facts()[slot];
  proposal out;
  out.change.slot = slot;
  out.change.fact = f.name;
  auto current_json = [&]() -> std::optional<std::string> {
    if (!now.known()) return std::nullopt;
    const auto& raw = now.raw();
    if (std::holds_alternative<bool>(raw)) return now.as_bool() ? "true" : "false";
    if (std::holds_alternative<decimal>(raw)) return json_number(f.t.kind, now.as_decimal());
    if (std::holds_alternative<date>(raw))
      return json_number(base::date, decimal::from_int(now.as_date().days()));
    if (std::holds_alternative<std::string_view>(raw)) return json_text(now.as_text());
    if (std::holds_alternative<list_view>(raw)) {
      std::string s = "[";
      for (std::uint32_t k = 0; k < now.as_list().size; ++k)
        s += (k ? "," : "") + json_text(now.as_list().data[k].as_text());
      return s + "]";
    }
    return std::nullopt;
  };
  out.change.from = current_json();
  if (want.flag) {
    if (now.known() && now.as_bool() == *want.flag) return std::nullopt;
    out.change.to = *want.flag ? "true" : "false";
    return out;
  }
  if (want.lo || want.hi) {
    std::optional<decimal> cur;
    if (now.known())
      cur = std::holds_alternative<date>(now.raw()) ? decimal::from_int(now.as_date().days())
                                                    : now.as_decimal();
    auto below = [&](decimal x) {
      return want.lo && (x < *want.lo || (x == *want.lo && want.lo_open));
    };
    auto above = [&](decimal x) {
      return want.hi && (x > *want.hi || (x == *want.hi && want.hi_open));
    };
    if (cur && !below(*cur) && !above(*cur)) return std::nullopt;
    decimal target;
    if (want.lo && (!cur || below(*cur))) {
      target = want.lo_open ? *want.lo + unit_of(f.t.kind, *want.lo) : *want.lo;
      out.change.kind = fact_change::bound::at_least;
    } else {
      target = want.hi_open ? *want.hi - unit_of(f.t.kind, *want.hi) : *want.hi;
      out.change.kind = fact_change::bound::at_most;
    }
    if (want.lo && want.hi && !want.lo_open && !want.hi_open && *want.lo == *want.hi)
      out.change.kind = fact_change::bound::exactly;
    if (below(target) || above(target)) return out;  // `to` left empty: nothing fits
    out.target = target;
    out.change.to = json_number(f.t.kind, target);
    return out;
  }
  if (want.allowed || !want.denied.empty()) {
    std::vector<std::string> fits;
    for (const auto& m : p_.enums[f.t.ref].members)
      if ((!want.allowed || want.allowed->count(m)) && !want.denied.count(m)) fits.push_back(m);
    if (now.known() && std::find(fits.begin(), fits.end(), now.as_text()) != fits.end())
      return std::nullopt;
    if (fits.empty()) return out;
    out.change.to = json_text(fits.front());
    if (fits.size() > 1) out.change.one_of = fits;
    return out;
  }
  if (!want.includes.empty() || !want.excludes.empty()) {
    std::vector<std::string> members;
    if (now.known())
      for (std::uint32_t k = 0; k < now.as_list().size; ++k)
        members.emplace_back(now.as_list().data[k].as_text());
    std::vector<std::string> after;
    for (const auto& m : members)
      if (!want.excludes.count(m)) after.push_back(m);
    for (const auto& m : want.includes)
      if (std::find(after.begin(), after.end(), m) == after.end()) after.push_back(m);
    if (now.known() && after == members) return std::nullopt;
    for (const auto& m : want.includes)
      if (want.excludes.count(m)) return out;
    std::string s = "[";
    for (std::size_t k = 0; k < after.size(); ++k) s += (k ? "," : "") + json_text(after[k]);
    out.change.to = s + "]";
    out.change.kind = fact_change::bound::exactly;
    return out;
  }
  return std::nullopt;
}

// The profile with the changes, decided: a path when the provision is then eligible.
std::optional<eligibility_path> finder::confirm(std::size_t i,
                                                const std::vector<proposal>& changes) {
  std::vector<std::pair<std::uint32_t, std::string>> replaced;
  for (const auto& c : changes) replaced.emplace_back(c.change.slot, c.change.to);
  auto changed = profile_with(rules_, prof_, replaced);
  if (!changed) return std::nullopt;
  decide_options d;
  d.as_of = opts_.as_of;
  d.include_drafts_in_total = opts_.include_drafts_in_total;
  d.fast_lanes = opts_.fast_lanes;
  d.every_condition = true;
  const decision after = rules_.decide(changed.get(), d);
  const verdict& v = after.provision(i);
  if (v.result == status::undetermined) {
    // Nothing fails any more: what is left is to answer what the profile does not say.
    for (outcome c : after.conditions(i))
      if (c == outcome::no) return std::nullopt;
  } else if (v.result != status::eligible) {
    return std::nullopt;
  }
  eligibility_path path;
  for (auto f : after.missing_facts(i)) path.then_missing.push_back(after.open_fact_name(f));
  for (const auto& c : changes) path.changes.push_back(c.change);
  path.then = v.result;
  path.pays = v.value;
  for (std::size_t j = 0; j < ids_.size(); ++j)
    if (now_.provision(j).counted_in_total && !after.provision(j).counted_in_total)
      path.loses.push_back(ids_[j].id);
  path.total_before = now_.total().max;
  path.total_after = after.total().max;
  return path;
}

}  // namespace

paths_result find_paths(const ruleset& rules, const profile& p, const paths_options& opts) {
  return finder(rules, p, opts).run();
}

}  // namespace elig
