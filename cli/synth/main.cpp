// elig-synth: writes the fast lanes of a rule set as C++ (elig/synthesise.hpp), for a program
// of this project to compile in (cmake/elig_synthesise.cmake). Used by the build, not by people.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "elig/ruleset.hpp"
#include "elig/synthesise.hpp"

int main(int argc, char** argv) {
  CLI::App app{"elig-synth: a rule set's fast lanes as C++, for a program to compile in"};
  std::vector<std::filesystem::path> rules;
  std::string name = "rules", output;
  app.add_option("rules", rules, "Rules directories or .elig files (one rule set)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--name", name, "A C++ identifier for the rule set in the file");
  app.add_option("-o,--output", output, "The file to write")->required();
  CLI11_PARSE(app, argc, argv);
  const elig::compile_result compiled = elig::compile_paths(rules);
  if (!compiled) {
    std::cerr << elig::render_all(compiled.diagnostics(), compiled.sources(),
                                  elig::render_style::human, elig::language::en);
    return 1;
  }
  const std::string text = elig::synthesise_cpp({{name, compiled.rules()}});
  // Written whole or not at all: a build never compiles half a file.
  const std::string partial = output + ".partial";
  {
    std::ofstream out(partial, std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::cerr << "elig-synth: error: cannot write " << output << "\n";
      return 1;
    }
  }
  std::filesystem::rename(partial, output);
  return 0;
}
