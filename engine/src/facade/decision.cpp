// The plain decision's views, laid out by the rule set's plan.
#include "elig/decision.hpp"

#include "elig/ruleset.hpp"
#include "facade/ruleset_impl.hpp"
#include "fast/open_facts.hpp"

namespace elig {

std::span<const part_verdict> decision::parts(std::size_t provision) const {
  const auto& pr = detail::plan_of(*s_.rules).provisions[provision];
  return std::span(s_.parts).subspan(pr.part_begin, pr.part_end - pr.part_begin);
}

std::span<const outcome> decision::conditions(std::size_t provision) const {
  if (s_.conditions.empty()) return {};  // not asked for
  const auto& p = detail::plan_of(*s_.rules);
  const auto& pr = p.provisions[provision];
  const auto& doc = p.documents[pr.doc];
  std::size_t n = p.exclusions.size() + (doc.cond_end - doc.cond_begin) +
                  (pr.cond_end - pr.cond_begin) + (pr.once ? 1 : 0);
  return std::span(s_.conditions).subspan(pr.outcome_begin, n);
}

bool decision::missing(std::size_t provision, std::uint32_t fact) const {
  const std::size_t w = s_.words;
  if (fact / 64 >= w || s_.missing.size() < (provision + 1) * w) return false;
  return (s_.missing[provision * w + fact / 64] >> (fact % 64)) & 1u;
}

std::vector<std::uint32_t> decision::missing_facts(std::size_t provision) const {
  std::vector<std::uint32_t> out;
  const auto facts = static_cast<std::uint32_t>(s_.rules->fact_count());
  const auto all = facts + static_cast<std::uint32_t>(s_.places.size());
  for (std::uint32_t f = 0; f < all; ++f)
    if (missing(provision, f)) out.push_back(f);
  fast::sort_open_facts(out, facts, s_.places);
  return out;
}

std::string decision::open_fact_name(std::uint32_t fact) const {
  return fast::open_fact_name(detail::program_of(*s_.rules), s_.places, fact);
}

}  // namespace elig
