#include "analysis/witness.hpp"

#include <fmt/format.h>

#include <set>

#include "analysis/constraints.hpp"
#include "fast/machine.hpp"
#include "profile/load_profile.hpp"
#include "support/profile_data.hpp"

namespace elig::analysis {
using check::base;
using check::node;
using check::op;

std::optional<bool> constant_value(const check::program& prog, const fast::plan& p,
                                   check::node_id id) {
  // Every fact absent: a value known all the same reads none.
  std::vector<fast::fval> facts;
  for (std::uint32_t slot = 0; slot < p.facts; ++slot)
    facts.push_back(fast::fval::unknown(slot + 1));
  fast::scratch s;
  const date day = *date::from_ymd(2000, 1, 1);
  s.prepare(p, day.days(), 0);
  fast::machine m(p, s, facts.data(), day);
  try {
    const fast::fval v = m.eval(id);
    const check::type& t = prog.nodes[static_cast<std::size_t>(id)].t;
    if (v.known() && t.kind == check::base::boolean && !t.list) return v.truth();
  } catch (const fast::failure&) {
  }
  return std::nullopt;
}

namespace {

std::string toml_value(const check::program& p, const check::type& t, const interval* iv,
                       const bool* flag, const std::set<std::string>* allowed,
                       const std::set<std::string>* denied, date as_of, bool in_record,
                       decimal money_default) {
  auto pick = [&](decimal step, decimal fallback) {
    if (iv && iv->lo) return iv->lo_open ? *iv->lo + step : *iv->lo;
    if (iv && iv->hi) return iv->hi_open ? *iv->hi - step : *iv->hi;
    return fallback;
  };
  switch (t.kind) {
    case base::boolean:
      return flag ? (*flag ? "true" : "false") : (in_record ? "false" : "true");
    case base::money:
      return fmt::format("\"{}\"", pick(decimal::from_int(1), money_default).to_string());
    case base::number:
      return pick(decimal::from_int(1), decimal::from_int(10)).to_string();
    case base::percent:
      return fmt::format("\"{}%\"", (pick(*decimal::parse("0.0001"), *decimal::parse("0.1")) *
                                     decimal::from_int(100))
                                        .to_string());
    case base::year:
      return pick(decimal::from_int(1), decimal::from_int(as_of.year())).to_string();
    case base::date: {
      decimal d = pick(decimal::from_int(1), decimal::from_int(as_of.days() - 200));
      return date::from_days(static_cast<std::int32_t>(d.to_int())).to_string();
    }
    case base::enumeration: {
      const auto& members = p.enums[t.ref].members;
      for (const auto& m : members)
        if ((!allowed || allowed->count(m)) && (!denied || !denied->count(m)))
          return fmt::format("\"{}\"", m);
      return fmt::format("\"{}\"", members.front());
    }
    case base::text:
      return "\"example\"";
    default:
      return "\"\"";
  }
}

}  // namespace

namespace {
std::optional<std::string> attempt(
    const check::program& p, const ruleset& rules,
    const std::vector<std::pair<std::uint32_t, std::int32_t>>& members, const requirements& req,
    const std::set<std::uint32_t>& facts, date as_of, decimal money_default);
}  // namespace

std::optional<std::string> find_witness(
    const check::program& p, const ruleset& rules,
    const std::vector<std::pair<std::uint32_t, std::int32_t>>& members, date as_of) {
  requirements req;
  std::set<std::uint32_t> facts;
  for (auto [prov, part] : members) {
    const auto& pr = p.provisions[prov];
    const auto& doc = p.documents[pr.doc];
    if (doc.valid_from && as_of < *doc.valid_from) as_of = *doc.valid_from;
    if (pr.valid_from && as_of < *pr.valid_from) as_of = *pr.valid_from;
    auto until = pr.valid_until ? pr.valid_until : doc.valid_until;
    if (until && *until < as_of) as_of = *until;
    auto add = [&](const check::condition& c) {
      req.require(p, c.test, c.kind != check::condition_kind::unless);
      facts_read(p, c.test, facts);
    };
    for (const auto& c : doc.conditions) add(c);
    for (const auto& c : pr.conditions) add(c);
    for (std::int32_t k = 0; k < static_cast<std::int32_t>(pr.parts.size()); ++k) {
      if (part >= 0 && k != part) continue;
      const auto& pt = pr.parts[static_cast<std::size_t>(k)];
      for (const auto& c : pt.conditions) add(c);
      if (pt.pays)
        for (auto n : {pt.pays->first, pt.pays->second, pt.pays->items, pt.pays->where})
          facts_read(p, n, facts);
    }
  }
  if (req.contradiction) return std::nullopt;
  // Amounts the conditions leave free get a modest value first, then a large one (thresholds
  // such as revenue milestones are then reached).
  for (decimal money_default : {decimal::from_int(1'000'000), decimal::from_int(1'000'000'000)}) {
    if (auto w = attempt(p, rules, members, req, facts, as_of, money_default)) return w;
  }
  return std::nullopt;
}

namespace {

std::optional<std::string> attempt(
    const check::program& p, const ruleset& rules,
    const std::vector<std::pair<std::uint32_t, std::int32_t>>& members, const requirements& req,
    const std::set<std::uint32_t>& facts, date as_of, decimal money_default) {
  std::string top, tables;
  for (std::uint32_t slot = 0; slot < p.facts.size(); ++slot) {
    const auto& f = p.facts[slot];
    bool needed = facts.count(slot) || f.required || (p.history_fact && slot == *p.history_fact);
    if (!needed) continue;
    if (f.period) {
      top += fmt::format("{} = {}\n", f.name, as_of.year());
      continue;
    }
    if (f.t.list && f.t.kind == base::record) {
      if (p.history_fact && slot == *p.history_fact) {
        top += fmt::format("{} = []\n", f.name);
        continue;
      }
      tables += fmt::format("\n[[{}]]\n", f.name);
      for (const auto& field : p.records[f.t.ref].fields)
        tables += fmt::format(
            "{} = {}\n", field.name,
            toml_value(p, field.t, nullptr, nullptr, nullptr, nullptr, as_of, true, money_default));
      continue;
    }
    if (f.t.list) {
      top += fmt::format("{} = []\n", f.name);
      continue;
    }
    auto iv = req.numbers.find(slot);
    auto fl = req.flags.find(slot);
    auto al = req.allowed.find(slot);
    auto de = req.denied.find(slot);
    top += fmt::format(
        "{} = {}\n", f.name,
        toml_value(p, f.t, iv == req.numbers.end() ? nullptr : &iv->second,
                   fl == req.flags.end() ? nullptr : &fl->second,
                   al == req.allowed.end() ? nullptr : &al->second,
                   de == req.denied.end() ? nullptr : &de->second, as_of, false, money_default));
  }
  std::string text = top + tables;
  auto loaded = profiles::load_profile(p, text, "witness.toml");
  if (!loaded) return std::nullopt;
  decide_options o;
  o.as_of = as_of;
  const decision d = rules.decide(loaded.get(), o);
  for (auto [prov, part] : members) {
    if (d.provision(prov).result != status::eligible) return std::nullopt;
    const auto parts = d.parts(prov);
    if (part >= 0 && (static_cast<std::size_t>(part) >= parts.size() ||
                      parts[static_cast<std::size_t>(part)].result != status::eligible))
      return std::nullopt;
  }
  return text;
}

}  // namespace

}  // namespace elig::analysis
