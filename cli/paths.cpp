// `elig paths`: for each provision a company is not paid, the least it would have to change.
#include <elig/paths.hpp>
#include <iostream>

#include "commands.hpp"

namespace elig::cli {

int run_paths(const common_options& o, const std::string& provision, const std::string& profile) {
  auto when = as_of_date(o);
  if (!when) return bad_usage;
  auto rules = load_rules(o);
  if (!rules) return bad_rules;
  if (!provision.empty() && !known_provision(*rules.rules(), provision)) return bad_usage;
  auto loaded = rules.rules()->load_profile_file(profile);
  if (!loaded) {
    print_diags(loaded.diagnostics(), loaded.sources(), o);
    return bad_profile;
  }
  paths_options po;
  po.as_of = *when;
  po.include_drafts_in_total = o.include_drafts;
  po.only = provision;
  auto found = find_paths(*rules.rules(), loaded.get(), po);
  std::cout << (o.format == "json" ? render_paths_json(*rules.rules(), found)
                                   : render_paths_text(*rules.rules(), found, language_of(o)));
  return ok;
}

}  // namespace elig::cli
