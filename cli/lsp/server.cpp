#include "lsp/server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <elig/files.hpp>
#include <elig/format.hpp>
#include <filesystem>

#include "commands.hpp"
#include "lsp/lsp.hpp"

namespace elig::cli::lsp {

namespace fs = std::filesystem;

namespace {

date today() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return date::from_days(static_cast<std::int32_t>(days));
}

json range_of(const source_file& file, const source_span& span) {
  auto b = file.position(span.begin), e = file.position(span.end);
  return {{"start", position(int(b.line) - 1, int(b.column) - 1)},
          {"end", position(int(e.line) - 1, int(e.column) - 1)}};
}

// One diagnostic as the editor shows it: notes and a witness profile as related information; a
// did-you-mean and a witness as data the code actions turn into edits.
json editor_diagnostic(const diagnostic& d, const source_manager& sources) {
  const auto& file = sources.file(d.span->file);
  json item{{"range", range_of(file, *d.span)},
            {"severity", d.sev == severity::error ? 1 : 2},
            {"code", std::string(diag_id(d.code))},
            {"source", "elig"},
            {"message", d.message + (d.help ? "\n" + *d.help : "")}};
  json related = json::array();
  for (const auto& [at, text] : d.notes)
    related.push_back({{"location",
                        {{"uri", uri_of(sources.file(at.file).name())},
                         {"range", range_of(sources.file(at.file), at)}}},
                       {"message", text}});
  json data = json::object();
  if (d.witness) {
    related.push_back({{"location", {{"uri", uri_of(file.name())}, {"range", item["range"]}}},
                       {"message", "witness (a profile that shows it):\n" + *d.witness}});
    data["witness"] = *d.witness;
  }
  constexpr std::string_view mean = "did you mean `";
  if (d.help && d.help->starts_with(mean) && d.help->ends_with("`?"))
    data["replacement"] = d.help->substr(mean.size(), d.help->size() - mean.size() - 2);
  if (!related.empty()) item["relatedInformation"] = std::move(related);
  if (!data.empty()) item["data"] = std::move(data);
  return item;
}

}  // namespace

server::server(std::FILE* out, std::string rules)
    : out_(out), rules_(std::move(rules)), as_of_(today()) {}

bool server::handle(const json& m) {
  const std::string method = m.value("method", "");
  const bool request = m.contains("id");
  const json id = request ? m["id"] : json();
  const json params = m.value("params", json::object());
  try {
    if (method == "initialize") {
      initialize(id, params);
    } else if (method == "initialized" || method == "$/cancelRequest") {
    } else if (method == "shutdown") {
      shutdown_ = true;
      reply(id, nullptr);
    } else if (method == "exit") {
      return false;
    } else if (method == "textDocument/didOpen" || method == "textDocument/didChange") {
      const auto& doc = params.at("textDocument");
      std::string text = method == "textDocument/didOpen"
                             ? doc.at("text").get<std::string>()
                             : params.at("contentChanges").back().at("text").get<std::string>();
      docs_[doc.at("uri").get<std::string>()] = std::move(text);
      publish();
    } else if (method == "textDocument/didClose") {
      std::string uri = params.at("textDocument").at("uri").get<std::string>();
      docs_.erase(uri);
      notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    } else if (method == "textDocument/formatting") {
      reply(id, formatting(params));
    } else if (method == "textDocument/documentSymbol") {
      reply(id, symbols(params));
    } else if (method == "textDocument/hover") {
      reply(id, hover(params));
    } else if (method == "textDocument/codeAction") {
      reply(id, code_actions(params));
    } else if (method == "textDocument/codeLens") {
      reply(id, code_lenses(params));
    } else if (method == "workspace/executeCommand") {
      json result = execute(params);
      if (result.is_null() && request)
        error(id, -32602, fmt::format("unknown command `{}`", params.value("command", "")));
      else
        reply(id, std::move(result));
    } else if (method == "textDocument/references") {
      reply(id, references(params));
    } else if (method == "textDocument/definition") {
      reply(id, definition(params));
    } else if (method == "textDocument/completion") {
      reply(id, completion(params));
    } else if (request) {
      error(id, -32601, fmt::format("unknown method `{}`", method));
    }
  } catch (const json::exception& e) {
    if (request) error(id, -32602, fmt::format("invalid params: {}", e.what()));
  }
  return true;
}

// `initializationOptions.asOf` fixes the date parameters and lenses are read at (tests, or an
// officer preparing next year's rules); the client's `locale` picks the lenses' language.
void server::initialize(const json& id, const json& params) {
  if (auto root = params.value("rootUri", json()); root.is_string())
    rules_ = path_of(root.get<std::string>());
  if (auto opts = params.value("initializationOptions", json()); opts.is_object())
    if (auto at = opts.value("asOf", json()); at.is_string()) {
      auto day = date::parse(at.get<std::string>());
      if (!day) {
        error(id, -32602,
              fmt::format("initializationOptions.asOf `{}` is not a date (YYYY-MM-DD)",
                          at.get<std::string>()));
        return;
      }
      as_of_ = *day;
    }
  if (auto locale = params.value("locale", json()); locale.is_string())
    lang_ = locale.get<std::string>().starts_with("zh") ? language::zh : language::en;
  reply(id, {{"capabilities",
              {{"textDocumentSync", 1},
               {"hoverProvider", true},
               {"definitionProvider", true},
               {"referencesProvider", true},
               {"codeActionProvider", true},
               {"codeLensProvider", {{"resolveProvider", false}}},
               {"executeCommandProvider", {{"commands", {"elig.decideProvision"}}}},
               {"documentFormattingProvider", true},
               {"documentSymbolProvider", true},
               {"completionProvider", {{"triggerCharacters", {"."}}}}}},
             {"serverInfo", {{"name", "elig"}, {"version", version}}}});
}

void server::error(const json& id, int code, const std::string& message) {
  write_message(
      out_, {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void server::notify(const std::string& method, json params) {
  write_message(out_, {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
}

void server::reply(const json& id, json result) {
  write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

std::string server::text_of(const json& params) {
  auto it = docs_.find(params.at("textDocument").at("uri").get<std::string>());
  return it == docs_.end() ? std::string() : it->second;
}

std::string server::word(const json& params) {
  std::string text = text_of(params);
  const auto& p = params.at("position");
  return word_at(text, offset_of(text, p.at("line").get<int>(), p.at("character").get<int>()));
}

// What `elig lint` says, per open document (the others' problems stay in their files).
void server::publish() {
  load_options o;
  o.analyze = true;
  o.as_of = as_of_;
  auto compiled = compile_sources(sources(), o);
  // Hovers and completion keep to the last rules that compiled (while one types, they may
  // not); at first, those on disk.
  if (compiled) {
    last_ = compiled.share();
  } else if (!last_) {
    auto saved = docs_;
    docs_.clear();
    last_ = compile_sources(sources()).share();
    docs_ = std::move(saved);
  }
  std::map<std::string, json> by_path;
  for (const auto& [uri, text] : docs_) by_path[path_of(uri)] = json::array();
  for (const auto& d : compiled.diagnostics().sorted()) {
    if (!d.span || d.sev == severity::note) continue;
    auto it = by_path.find(compiled.sources().file(d.span->file).name());
    if (it != by_path.end()) it->second.push_back(editor_diagnostic(d, compiled.sources()));
  }
  for (auto& [path, items] : by_path)
    notify("textDocument/publishDiagnostics", {{"uri", uri_of(path)}, {"diagnostics", items}});
}

// Every rule file of the folder, the open documents' texts in place of what is on disk.
std::vector<std::pair<std::string, std::string>> server::sources() {
  std::vector<std::pair<std::string, std::string>> files;
  std::map<std::string, std::string> open;
  for (const auto& [uri, text] : docs_) open[path_of(uri)] = text;
  for (const auto& f : find_files({fs::path(rules_.empty() ? "." : rules_)}, ".elig").files) {
    std::string path = fs::absolute(f).lexically_normal().string();
    if (auto it = open.find(path); it != open.end()) {
      files.emplace_back(path, it->second);
      open.erase(it);
      continue;
    }
    std::string text;
    if (read_bounded(f, 1 << 20, text)) files.emplace_back(path, std::move(text));
  }
  for (auto& [path, text] : open) files.emplace_back(path, std::move(text));
  return files;
}

json server::formatting(const json& params) {
  std::string text = text_of(params);
  std::string formatted = format_rules(text);
  if (formatted == text) return json::array();
  int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  return json::array({{{"range", {{"start", position(0, 0)}, {"end", position(lines, 0)}}},
                       {"newText", formatted}}});
}

json server::symbols(const json& params) {
  std::string text = text_of(params);
  json out = json::array();
  std::size_t start = 0;
  for (int line = 0; start <= text.size(); ++line) {
    auto nl = text.find('\n', start);
    std::string l = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    auto range =
        json{{"start", position(line, 0)}, {"end", position(line, static_cast<int>(l.size()))}};
    auto d = declaration_in(l, {"document", "provision"});
    if (d && d->keyword == "document") {
      out.push_back({{"name", d->name},
                     {"kind", 3},
                     {"range", range},
                     {"selectionRange", range},
                     {"children", json::array()}});
    } else if (d && !out.empty()) {
      out.back()["children"].push_back(
          {{"name", d->name}, {"kind", 12}, {"range", range}, {"selectionRange", range}});
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// The declaration of the name under the cursor, in any rule file.
json server::definition(const json& params) {
  std::string w = word(params);
  if (w.empty()) return nullptr;
  std::string name = w.substr(w.find('.') == std::string::npos ? 0 : w.find('.') + 1);
  for (const auto& [path, text] : sources()) {
    std::size_t start = 0;
    for (int line = 0; start <= text.size(); ++line) {
      auto nl = text.find('\n', start);
      std::string l = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      auto d = declaration_in(l, {"fact", "parameter", "define", "brackets", "ladder", "record",
                                  "provision", "document", "history"});
      if (d && d->name == name) {
        auto col = static_cast<int>(d->column);
        return {{"uri", uri_of(path)},
                {"range",
                 {{"start", position(line, col)},
                  {"end", position(line, col + static_cast<int>(name.size()))}}}};
      }
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return nullptr;
}

// Every whole-word use of the name under the cursor, declaration included, in every rule file;
// a provision is also found by its full id (`document.provision`) in combinations.
json server::references(const json& params) {
  std::string w = word(params);
  json out = json::array();
  if (w.empty()) return out;
  std::string name = w.substr(w.find('.') == std::string::npos ? 0 : w.find('.') + 1);
  for (const auto& [path, text] : sources()) {
    std::size_t start = 0;
    for (int line = 0; start <= text.size(); ++line) {
      auto nl = text.find('\n', start);
      std::string_view l = std::string_view(text).substr(
          start, nl == std::string::npos ? std::string_view::npos : nl - start);
      bool in_string = false;
      for (std::size_t i = 0; i < l.size(); ++i) {
        if (l[i] == '"') in_string = !in_string;
        if (l[i] == '#' && !in_string) break;  // a comment: the rest of the line
        if (in_string || l.compare(i, name.size(), name) != 0) continue;
        bool starts = i == 0 || (!word_char(l[i - 1]) || l[i - 1] == '.');
        std::size_t after = i + name.size();
        bool ends = after >= l.size() || !word_char(l[after]) || l[after] == '.';
        if (!starts || !ends) continue;
        out.push_back({{"uri", uri_of(path)},
                       {"range",
                        {{"start", position(line, static_cast<int>(i))},
                         {"end", position(line, static_cast<int>(after))}}}});
      }
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  return out;
}

}  // namespace elig::cli::lsp

namespace elig::cli {

int run_lsp(std::FILE* in, std::FILE* out, const std::string& rules) {
  lsp::server s(out, rules.empty() ? bundled_rules() : rules);
  for (;;) {
    lsp::framed m = lsp::read_message(in);
    if (m.kind == lsp::framed::end) return s.shut_down() ? 0 : 1;
    if (m.kind == lsp::framed::bad_header) {
      s.error(nullptr, -32700, "a message header without a valid Content-Length");
      continue;
    }
    if (m.kind == lsp::framed::too_large) {
      s.error(nullptr, -32600, fmt::format("a message over {} bytes", lsp::k_message_limit));
      continue;
    }
    auto j = lsp::json::parse(m.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      s.error(nullptr, -32700, "the message is not a JSON object");
      continue;
    }
    if (!j.contains("method") || !j["method"].is_string()) {
      if (j.contains("id")) s.error(j["id"], -32600, "a request needs a `method`");
      continue;
    }
    if (!s.handle(j)) return s.shut_down() ? 0 : 1;
  }
}

}  // namespace elig::cli
