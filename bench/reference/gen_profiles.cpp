// The reference profile generator: the same (n, seed) gives the same bytes as
// shared/bench/gen_profiles.js. Usage: gen_profiles --n 100000 --seed 20250630 --out FILE
//   [--toml-dir DIR --toml-count 20]
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "reference_profile.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Deterministic reference company profiles (JSON Lines)"};
  std::uint32_t n = 100000, seed = 20250630, toml_count = 20;
  std::string out = "-", toml_dir;
  app.add_option("--n", n, "number of profiles");
  app.add_option("--seed", seed, "PRNG seed");
  app.add_option("--out", out, "JSON Lines output file ('-' for standard output)");
  app.add_option("--toml-dir", toml_dir, "also write the first profiles as TOML files here");
  app.add_option("--toml-count", toml_count, "how many TOML files");
  CLI11_PARSE(app, argc, argv);

  std::ofstream file;
  if (out != "-") {
    file.open(out, std::ios::binary);
    if (!file) {
      std::cerr << "gen_profiles: cannot write " << out << "\n";
      return 1;
    }
  }
  std::ostream& os = out == "-" ? std::cout : file;
  if (!toml_dir.empty()) std::filesystem::create_directories(toml_dir);
  elig::reference::rng r(seed);
  std::string buf;
  for (std::uint32_t i = 0; i < n; ++i) {
    auto c = elig::reference::generate(r, i);
    buf += elig::reference::to_json(c);
    buf += '\n';
    if (buf.size() > (1 << 16)) {
      os << buf;
      buf.clear();
    }
    if (!toml_dir.empty() && i < toml_count)
      std::ofstream(std::filesystem::path(toml_dir) / (c.id + ".toml"), std::ios::binary)
          << elig::reference::to_toml(c);
  }
  os << buf;
  std::cerr << "wrote " << n << " profiles (seed " << seed << ") to " << out << "\n";
  return os ? 0 : 1;
}
