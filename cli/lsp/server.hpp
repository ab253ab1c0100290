#pragma once
// The language server's state and answers. What it knows of the rules comes from the engine
// (compile with analysis for diagnostics; the catalogue of facts, parameters, definitions and
// provisions for hovers and completion; decisions for code lenses; the formatter), so the editor
// shows what `elig lint`, `elig fmt`, `elig check` and `elig test` would.
#include <cstdio>
#include <elig/elig.hpp>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lsp/protocol.hpp"

namespace elig::cli::lsp {

class server {
 public:
  server(std::FILE* out, std::string rules);

  // Returns false once `exit` is received.
  bool handle(const json& m);
  void error(const json& id, int code, const std::string& message);
  [[nodiscard]] bool shut_down() const { return shutdown_; }

 private:
  void initialize(const json& id, const json& params);
  void notify(const std::string& method, json params);
  void reply(const json& id, json result);
  std::string text_of(const json& params);
  std::string word(const json& params);
  // Every rule file of the folder, the open documents' texts in place of what is on disk.
  std::vector<std::pair<std::string, std::string>> sources();
  void publish();

  // server.cpp: text and navigation
  json formatting(const json& params);
  json symbols(const json& params);
  json definition(const json& params);
  json references(const json& params);
  // knowledge.cpp: what a name is
  json hover(const json& params);
  json completion(const json& params);
  // actions.cpp: fixes, test cases from witnesses, and provisions decided in place
  json code_actions(const json& params);
  json code_lenses(const json& params);
  json execute(const json& params);

  std::FILE* out_;
  std::string rules_;
  std::map<std::string, std::string> docs_;  // open documents by URI
  std::shared_ptr<const ruleset> last_;      // the last rules that compiled
  date as_of_;                               // for parameters, lenses and witnesses
  language lang_ = language::en;             // of lens titles and messages
  bool shutdown_ = false;
};

}  // namespace elig::cli::lsp
