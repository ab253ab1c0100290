// Embedding elig: compile the rules once, then decide profiles (from many threads if you like)
// and explain what a reader asks about.
#include <elig/elig.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: elig_embed_example RULES_DIR\n";
    return 2;
  }
  elig::compile_result compiled = elig::compile_paths({argv[1]});
  if (!compiled) {
    std::cerr << elig::render_all(compiled.diagnostics(), compiled.sources());
    return 1;
  }
  const elig::ruleset& rules = *compiled.rules();

  constexpr std::string_view company = R"(
claimed_year = 2024
company_name = "Example Metaverse Co."
district = "shangcheng"
metaverse_enterprise = true
operates_lawfully = true
settled_date = 2023-03-01
main_business = "ai"
office_certified = true
rents_office = true
rent_paid = "1200000"
office_subsidy_received_before = false
)";
  elig::profile_result loaded = rules.load_profile(company, "embedded.toml");
  if (!loaded) {
    std::cerr << elig::render_all(loaded.diagnostics(), loaded.sources());
    return 1;
  }
  const elig::date as_of = *elig::date::from_ymd(2024, 12, 31);

  // The verdicts: plain data indexed like the rule set's provisions.
  elig::decision d = rules.decide(loaded.get(), {as_of, false});
  for (std::size_t i = 0; i < d.provisions().size(); ++i)
    if (rules.provisions()[i].id == "shangcheng-2023.office")
      std::cout << rules.provisions()[i].id << " " << elig::status_name(d.provision(i).result)
                << " " << d.provision(i).value.max.to_string(2) << "\n";

  // Why, for that provision alone, in English.
  elig::explain_options why;
  why.as_of = as_of;
  why.lang = elig::language::en;
  why.only = "shangcheng-2023.office";
  elig::report r = rules.explain(loaded.get(), why);
  for (const auto& p : r.provisions)
    if (p.id == why.only)
      std::cout << elig::render_provision_text(p, {elig::language::en, false, false});
  return 0;
}
