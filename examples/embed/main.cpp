// Embedding elig: compile the rules once, then evaluate profiles (from many threads if you like).
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
  elig::explain_options opts;
  opts.as_of = *elig::date::from_ymd(2024, 12, 31);
  elig::report d = rules.explain(loaded.get(), opts);
  for (const auto& p : d.provisions)
    if (p.id == "shangcheng-2023.office")
      std::cout << p.id << " " << elig::status_name(p.result) << " " << p.value.max.to_string(2)
                << "\n";
  return 0;
}
