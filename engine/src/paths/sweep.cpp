// `elig sweep`: the breakpoints of the total as one fact varies, from the rules: each threshold a
// condition compares the fact with (and the unit beside it), each bracket row over it, and where
// the arguments of a `min`/`max` in an amount cross (a cap starting to bind). The profile with the
// fact at each breakpoint is decided. A check between neighbours (the middle must lie on the line)
// finds what no rule shape announced (a cap on a group's sum), by halving on the fact's unit.
#include "elig/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "check/bounds.hpp"
#include "elig/profile_json.hpp"
#include "facade/ruleset_impl.hpp"
#include "paths/needs.hpp"

namespace elig {
namespace {

using check::base;
using check::op;

decimal unit_of(base b) {
  switch (b) {
    case base::money:
      return decimal::from_raw(decimal::scale / 100);
    case base::percent:
      return decimal::from_raw(decimal::scale / 10'000);
    default:
      return decimal::from_int(1);
  }
}

// The fact's value written as in a JSON profile.
std::string json_of(base b, decimal x) {
  if (b == base::percent) return fmt::format("\"{}%\"", (x * decimal::from_int(100)).to_string());
  if (b == base::year) return x.to_string(0);
  return fmt::format("\"{}\"", b == base::money ? x.to_string(2) : x.to_string());
}

class sweeper {
 public:
  sweeper(const ruleset& rules, const profile& p, const sweep_options& o, std::uint32_t slot)
      : rules_(rules),
        p_(detail::program_of(rules)),
        prof_(p),
        o_(o),
        slot_(slot),
        kind_(p_.facts[slot].t.kind),
        unit_(unit_of(kind_)) {}

  std::set<decimal> breakpoints() {
    std::set<decimal> xs;
    auto both = [&](decimal v, bool open, bool lower) {
      xs.insert(v);
      xs.insert(lower == open ? v + unit_ : v - unit_);  // the last value on the other side
    };
    paths::reader here(p_, detail::plan_of(rules_), detail::data_of(prof_), o_.as_of);
    for (std::size_t i = 0; i < p_.provisions.size(); ++i)
      for (const auto& alt : paths::requirements_of(p_, i).alternatives) {
        auto needs = here.read(alt);
        auto it = needs.by_fact.find(slot_);
        if (it == needs.by_fact.end()) continue;
        if (it->second.lo) both(*it->second.lo, it->second.lo_open, true);
        if (it->second.hi) both(*it->second.hi, it->second.hi_open, false);
      }
    for (const auto& n : p_.nodes) {
      if (n.kind == op::bracket && reads_fact(n.a))
        for (const auto& row : p_.brackets[n.ref].rows)
          for (const auto& v : {row.from, row.below})
            if (v) both(*v, false, true);
      if (check::is_comparison(n.kind)) ladder_thresholds(n, both);
      if (n.kind == op::builtin && (n.ref == static_cast<std::uint32_t>(check::builtin::min) ||
                                    n.ref == static_cast<std::uint32_t>(check::builtin::max)))
        crossings(n, xs);
    }
    return xs;
  }

  // The profile with the fact at `x`.
  profile_result with(decimal x) const {
    const std::pair<std::uint32_t, std::string> change{slot_, json_of(kind_, x)};
    return profile_with(rules_, prof_, {&change, 1});
  }

  // The decision with the fact at `x`; none when the changed profile does not load.
  std::optional<decision> at(decimal x) {
    auto loaded = with(x);
    if (!loaded) return std::nullopt;
    decide_options d;
    d.as_of = o_.as_of;
    d.include_drafts_in_total = o_.include_drafts_in_total;
    return rules_.decide(loaded.get(), d);
  }

  std::optional<decimal> value_at(check::node_id id, decimal x) {
    auto loaded = with(x);
    if (!loaded) return std::nullopt;
    paths::reader r(p_, detail::plan_of(rules_), detail::data_of(loaded.get()), o_.as_of);
    auto v = r.eval(id);
    if (!v) return std::nullopt;
    return decimal::from_raw(v->num);
  }

  [[nodiscard]] decimal unit() const { return unit_; }

 private:
  bool reads_fact(check::node_id id) const {
    std::set<std::uint32_t> read;
    check::facts_read(p_, id, read);
    return read.count(slot_) > 0;
  }

  // `main_revenue >= m.threshold` for each `m` of a ladder: every row's value is a threshold.
  template <typename Add>
  void ladder_thresholds(const check::node& cmp, Add& both) const {
    for (auto [fact_side, other] : {std::pair{cmp.a, cmp.b}, {cmp.b, cmp.a}}) {
      const auto& f = p_.nodes[static_cast<std::size_t>(fact_side)];
      const auto& field = p_.nodes[static_cast<std::size_t>(other)];
      if (f.kind != op::fact || f.ref != slot_ || field.kind != op::field) continue;
      const auto& base_t = p_.nodes[static_cast<std::size_t>(field.a)].t;
      for (const auto& ladder : p_.ladders) {
        if (base_t.kind != base::record || ladder.record != base_t.ref) continue;
        for (const auto& row : ladder.rows)
          if (field.ref < row.size() && std::holds_alternative<decimal>(row[field.ref].raw()))
            both(row[field.ref].as_decimal(), false, true);
      }
    }
  }

  // Where two arguments of a `min` or `max`, each linear in the fact, are equal.
  void crossings(const check::node& n, std::set<decimal>& xs) {
    if (!reads_fact_any(n)) return;
    const decimal x0{}, x1 = decimal::from_int(1'000'000);
    struct line {
      decimal slope, at0;
    };
    std::vector<line> lines;
    for (auto a : n.args) {
      if (p_.nodes[static_cast<std::size_t>(a)].t.list) return;
      auto y0 = value_at(a, x0), y1 = value_at(a, x1);
      if (!y0 || !y1) return;  // it reads a local name or an unknown fact
      lines.push_back({(*y1 - *y0) / (x1 - x0), *y0});
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
      for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (lines[i].slope == lines[j].slope) continue;
        try {
          decimal x = (lines[j].at0 - lines[i].at0) / (lines[i].slope - lines[j].slope);
          if (x < decimal{}) continue;
          decimal down = (x / unit_).round(0, rounding::floor) * unit_;
          xs.insert(down);
          xs.insert(down + unit_);
        } catch (const decimal_overflow&) {
          // beyond any amount a profile can state: no breakpoint there
        }
      }
  }
  bool reads_fact_any(const check::node& n) const {
    for (auto a : n.args)
      if (reads_fact(a)) return true;
    return false;
  }

  const ruleset& rules_;
  const check::program& p_;
  const profile& prof_;
  const sweep_options& o_;
  std::uint32_t slot_;
  base kind_;
  decimal unit_;
};

sweep_point point_of(decimal x, const decision& d, bool from_rules) {
  sweep_point pt;
  pt.x = x;
  pt.total = d.total();
  pt.from_rules = from_rules;
  for (const auto& v : d.provisions())
    pt.provisions.push_back(v.counted_in_total || v.result == status::eligible ? v.value
                                                                               : amount{});
  return pt;
}

// Whether `mid` lies on the line between `a` and `b`, for the total and every provision.
bool on_line(const sweep_point& a, const sweep_point& mid, const sweep_point& b) {
  auto fits = [&](decimal ya, decimal ym, decimal yb) {
    return ym * (b.x - a.x) == ya * (b.x - mid.x) + yb * (mid.x - a.x);
  };
  if (!fits(a.total.max, mid.total.max, b.total.max) ||
      !fits(a.total.min, mid.total.min, b.total.min))
    return false;
  for (std::size_t i = 0; i < mid.provisions.size(); ++i)
    if (!fits(a.provisions[i].max, mid.provisions[i].max, b.provisions[i].max) ||
        a.provisions[i].kind != b.provisions[i].kind)
      return false;
  return true;
}

}  // namespace

sweep_result sweep(const ruleset& rules, const profile& p, const sweep_options& o) {
  sweep_result out;
  out.fact = o.fact;
  const auto schema = rules.schema();
  std::vector<std::string> names;
  std::optional<std::uint32_t> slot;
  for (std::uint32_t s = 0; s < schema.size(); ++s) {
    names.push_back(schema[s].name);
    if (schema[s].name == o.fact) slot = s;
  }
  if (!slot) {
    auto near = nearest_name(o.fact, names);
    auto& d =
        out.diags.add(diag_code::unknown_name, fmt::format("no fact `{}` in the schema", o.fact),
                      std::nullopt, near ? fmt::format("did you mean `{}`?", *near) : "");
    d.message_zh = fmt::format("档案中没有事实 `{}`", o.fact);
    if (near) d.help_zh = fmt::format("是否想写 `{}`？", *near);
    return out;
  }
  const auto& f = detail::program_of(rules).facts[*slot];
  if (f.t.list || (f.t.kind != base::money && f.t.kind != base::number &&
                   f.t.kind != base::percent && f.t.kind != base::year)) {
    auto& d =
        out.diags.add(diag_code::type_mismatch,
                      fmt::format("`{}` is not an amount or a number: a curve needs one", o.fact),
                      std::nullopt, "sweep a money, number, percent or year fact");
    d.message_zh = fmt::format("`{}` 不是金额或数字，无法画出曲线", o.fact);
    d.help_zh = "请选择金额、数字、百分比或年份类的事实";
    return out;
  }
  out.fact_label = schema[*slot].label;
  for (const auto& info : rules.provisions()) {
    out.provisions.push_back(info.id);
    out.titles.push_back(info.title);
  }
  const value& now = p.facts()[*slot];
  if (now.known()) out.today = now.as_decimal();
  sweeper s(rules, p, o, *slot);
  std::set<decimal> xs = s.breakpoints();
  const decimal from = o.from.value_or(decimal{});
  decimal to = o.to.value_or(decimal{});
  if (!o.to) {
    for (decimal x : xs) to = std::max(to, x);
    if (out.today) to = std::max(to, *out.today);
    to = to + to / decimal::from_int(4) + decimal::from_int(100) * s.unit();
    to = (to / s.unit()).round(0, rounding::floor) * s.unit();
  }
  if (to < from) {
    auto& d = out.diags.add(diag_code::bad_parameter, "the curve's end is before its start",
                            std::nullopt, "give --from below --to");
    d.message_zh = "曲线的终点在起点之前";
    d.help_zh = "请让 --from 小于 --to";
    return out;
  }
  std::set<decimal> ends{from, to};
  if (out.today && from <= *out.today && *out.today <= to) ends.insert(*out.today);
  std::map<decimal, sweep_point> points;
  auto add = [&](decimal x, bool from_rules) {
    if (x < from || to < x || points.count(x)) return;
    if (auto d = s.at(x)) points.emplace(x, point_of(x, *d, from_rules));
  };
  for (decimal x : xs) add(x, true);
  for (decimal x : ends) add(x, false);
  // Between neighbours the amounts must be linear; where they are not, a breakpoint was missed:
  // halve on the unit until it is found (bounded, so a hostile rule set cannot make it spin).
  std::set<std::pair<decimal, decimal>> linear;  // neighbours already checked
  for (int budget = 400; budget > 0;) {
    bool changed = false;
    for (auto it = points.begin(); std::next(it) != points.end() && budget > 0; ++it) {
      auto next = std::next(it);
      decimal gap = next->first - it->first;
      if (gap <= s.unit() || linear.count({it->first, next->first})) continue;
      decimal mid = it->first +
                    ((gap / decimal::from_int(2)) / s.unit()).round(0, rounding::floor) * s.unit();
      auto d = s.at(mid);
      --budget;
      if (!d) continue;
      sweep_point m = point_of(mid, *d, false);
      if (on_line(it->second, m, next->second)) {
        linear.insert({it->first, next->first});
        continue;
      }
      points.emplace(mid, std::move(m));
      changed = true;
      break;
    }
    if (!changed) break;
  }
  for (auto& [x, pt] : points) out.points.push_back(std::move(pt));
  for (std::size_t i = 0; i + 1 < out.points.size(); ++i)
    out.points[i].cliff = out.points[i + 1].total.max < out.points[i].total.max;
  return out;
}

}  // namespace elig
