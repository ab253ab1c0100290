// The language server: LSP framing and dispatch here; what it knows of the rules comes from the
// engine (compile with analysis for diagnostics, the schema and provisions for hovers, the
// formatter), so the editor shows what `elig lint` and `elig fmt` would.
#include "lsp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <elig/elig.hpp>
#include <elig/files.hpp>
#include <elig/format.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"

namespace elig::cli {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::size_t k_message_limit = 64 << 20;

// One message's body, or why there is none. A header that cannot be read is reported and the
// reader resynchronises on the next blank line; an oversized body is read and dropped.
struct framed {
  enum { ok, bad_header, too_large, end } kind = end;
  std::string body;
};

framed read_message(std::FILE* in) {
  std::optional<std::size_t> length;
  bool any = false, bad = false;
  std::string line;
  for (;;) {
    line.clear();
    int c;
    while ((c = std::fgetc(in)) != EOF && c != '\n') {
      if (line.size() < 4096) line += static_cast<char>(c);
    }
    if (c == EOF && line.empty()) return {};
    any = true;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    constexpr std::string_view key = "Content-Length:";
    if (line.size() > key.size() && line.compare(0, key.size(), key) == 0) {
      std::size_t n = 0;
      auto text = std::string_view(line).substr(key.size());
      while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) bad = true;
      length = n;
    } else if (line.find(':') == std::string::npos) {
      bad = true;
    }
  }
  if (!any) return {};
  if (bad || !length) return {framed::bad_header, {}};
  if (*length > k_message_limit) {
    for (std::size_t i = 0; i < *length && std::fgetc(in) != EOF; ++i) {
    }
    return {framed::too_large, {}};
  }
  std::string body(*length, '\0');
  std::size_t got = std::fread(body.data(), 1, *length, in);
  if (got != *length) return {};
  return {framed::ok, std::move(body)};
}

void write_message(std::FILE* out, const json& message) {
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  std::fprintf(out, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out);
  std::fflush(out);
}

std::string path_of(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.starts_with(scheme)) uri.remove_prefix(scheme.size());
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

std::string uri_of(const std::string& path) {
  std::string out = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c >= 0x80)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The byte offset of an LSP position (UTF-16 units; the rules' text is within the BMP).
std::size_t offset_of(std::string_view text, int line, int character) {
  std::size_t at = 0;
  for (int l = 0; l < line && at < text.size(); ++l) {
    auto nl = text.find('\n', at);
    if (nl == std::string_view::npos) return text.size();
    at = nl + 1;
  }
  for (int c = 0; c < character && at < text.size() && text[at] != '\n'; ++c) {
    auto u = static_cast<unsigned char>(text[at]);
    at += u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
  }
  return at;
}

json position(int line, int character) { return {{"line", line}, {"character", character}}; }

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

std::string word_at(std::string_view text, std::size_t at) {
  std::size_t b = at, e = at;
  while (b > 0 && word_char(text[b - 1])) --b;
  while (e < text.size() && word_char(text[e])) ++e;
  std::string w(text.substr(b, e - b));
  while (!w.empty() && (w.back() == '.' || w.back() == '-')) w.pop_back();
  return w;
}

// `keyword name` at the start of a line (after indentation): the keyword and the name, when the
// keyword is one of `keywords`.
struct declared {
  std::string keyword, name;
  std::size_t column = 0;
};
std::optional<declared> declaration_in(std::string_view line,
                                       std::initializer_list<std::string_view> keywords) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t end = at;
  while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
  std::string_view keyword = line.substr(at, end - at);
  if (std::find(keywords.begin(), keywords.end(), keyword) == keywords.end()) return std::nullopt;
  std::size_t name = line.find_first_not_of(" \t", end);
  if (name == end || name == std::string_view::npos) return std::nullopt;
  std::size_t stop = name;
  while (stop < line.size() && word_char(line[stop]) && line[stop] != '.') ++stop;
  if (stop == name) return std::nullopt;
  return declared{std::string(keyword), std::string(line.substr(name, stop - name)), name};
}

class server {
 public:
  server(std::FILE* out, std::string rules) : out_(out), rules_(std::move(rules)) {}

  // Returns false once `exit` is received.
  bool handle(const json& m) {
    const std::string method = m.value("method", "");
    const bool request = m.contains("id");
    const json id = request ? m["id"] : json();
    const json params = m.value("params", json::object());
    try {
      if (method == "initialize") {
        if (auto root = params.value("rootUri", json()); root.is_string())
          rules_ = path_of(root.get<std::string>());
        reply(id, {{"capabilities",
                    {{"textDocumentSync", 1},
                     {"hoverProvider", true},
                     {"definitionProvider", true},
                     {"referencesProvider", true},
                     {"codeActionProvider", true},
                     {"documentFormattingProvider", true},
                     {"documentSymbolProvider", true},
                     {"completionProvider", json::object()}}},
                   {"serverInfo", {{"name", "elig"}, {"version", version}}}});
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
        write_message(out_, notification("textDocument/publishDiagnostics",
                                         {{"uri", uri}, {"diagnostics", json::array()}}));
      } else if (method == "textDocument/formatting") {
        reply(id, formatting(params));
      } else if (method == "textDocument/documentSymbol") {
        reply(id, symbols(params));
      } else if (method == "textDocument/hover") {
        reply(id, hover(params));
      } else if (method == "textDocument/codeAction") {
        reply(id, code_actions(params));
      } else if (method == "textDocument/references") {
        reply(id, references(params));
      } else if (method == "textDocument/definition") {
        reply(id, definition(params));
      } else if (method == "textDocument/completion") {
        reply(id, completion());
      } else if (request) {
        error(id, -32601, fmt::format("unknown method `{}`", method));
      }
    } catch (const json::exception& e) {
      if (request) error(id, -32602, fmt::format("invalid params: {}", e.what()));
    }
    return true;
  }

  void error(const json& id, int code, const std::string& message) {
    write_message(
        out_, {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }
  [[nodiscard]] bool shut_down() const { return shutdown_; }

 private:
  static json notification(const std::string& method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  }
  void reply(const json& id, json result) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }

  std::string text_of(const json& params) {
    auto it = docs_.find(params.at("textDocument").at("uri").get<std::string>());
    return it == docs_.end() ? std::string() : it->second;
  }

  // Every rule file of the folder, the open documents' texts in place of what is on disk.
  std::vector<std::pair<std::string, std::string>> sources() {
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

  // What `elig lint` says, per open document (the others' problems stay in their files).
  void publish() {
    load_options o;
    o.analyze = true;
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
      const auto& file = compiled.sources().file(d.span->file);
      auto it = by_path.find(file.name());
      if (it == by_path.end()) continue;
      auto b = file.position(d.span->begin), e = file.position(d.span->end);
      json item{{"range",
                 {{"start", position(int(b.line) - 1, int(b.column) - 1)},
                  {"end", position(int(e.line) - 1, int(e.column) - 1)}}},
                {"severity", d.sev == severity::error ? 1 : 2},
                {"code", std::string(diag_id(d.code))},
                {"source", "elig"},
                {"message", d.message + (d.help ? "\n" + *d.help : "")}};
      if (d.witness) item["message"] = item["message"].get<std::string>() + "\n" + *d.witness;
      // A did-you-mean is a fix the editor can apply (textDocument/codeAction).
      constexpr std::string_view mean = "did you mean `";
      if (d.help && d.help->starts_with(mean) && d.help->ends_with("`?"))
        item["data"] = {
            {"replacement", d.help->substr(mean.size(), d.help->size() - mean.size() - 2)}};
      it->second.push_back(std::move(item));
    }
    for (auto& [path, items] : by_path)
      write_message(out_, notification("textDocument/publishDiagnostics",
                                       {{"uri", uri_of(path)}, {"diagnostics", items}}));
  }

  json formatting(const json& params) {
    std::string text = text_of(params);
    std::string formatted = format_rules(text);
    if (formatted == text) return json::array();
    int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    return json::array({{{"range", {{"start", position(0, 0)}, {"end", position(lines, 0)}}},
                         {"newText", formatted}}});
  }

  json symbols(const json& params) {
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

  std::string word(const json& params) {
    std::string text = text_of(params);
    const auto& p = params.at("position");
    return word_at(text, offset_of(text, p.at("line").get<int>(), p.at("character").get<int>()));
  }

  json hover(const json& params) {
    if (!last_) publish();
    std::string w = word(params);
    std::string md;
    // While the rules do not compile, the declaration's own line says what the name is.
    if (!last_) {
      json at = definition(params);
      if (at.is_null()) return nullptr;
      std::string text;
      if (!read_bounded(path_of(at["uri"].get<std::string>()), 1 << 20, text)) return nullptr;
      for (const auto& [uri, open] : docs_)
        if (uri == at["uri"]) text = open;
      std::size_t start = 0;
      for (int l = 0; l < at["range"]["start"]["line"].get<int>() && start != std::string::npos;
           ++l)
        start = text.find('\n', start) == std::string::npos ? std::string::npos
                                                            : text.find('\n', start) + 1;
      if (start == std::string::npos) return nullptr;
      std::string line = text.substr(start, text.find('\n', start) - start);
      return {{"contents", {{"kind", "markdown"}, {"value", "```elig\n" + line + "\n```"}}}};
    }
    for (const auto& f : last_->schema())
      if (f.name == w)
        md = fmt::format("**fact** `{}` : {}{}\n\n{} / {}", f.name, f.type,
                         f.required ? " (required)" : "", f.label.zh, f.label.en);
    for (const auto& p : last_->provisions())
      if (p.id == w || p.id.ends_with("." + w))
        md = fmt::format("**provision** `{}`: {} / {}\n\narticle: {}\n\ndocument `{}`, {}", p.id,
                         p.title.zh, p.title.en, p.citation, p.document,
                         document_status_name(p.doc_status));
    if (md.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", md}}}};
  }

  // The declaration of the name under the cursor, in any rule file.
  json definition(const json& params) {
    std::string w = word(params);
    if (w.empty()) return nullptr;
    std::string name = w.substr(w.find('.') == std::string::npos ? 0 : w.find('.') + 1);
    for (const auto& [path, text] : sources()) {
      std::size_t start = 0;
      for (int line = 0; start <= text.size(); ++line) {
        auto nl = text.find('\n', start);
        std::string l =
            text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
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

  // The fixes the diagnostics in the request carry: a did-you-mean replaces the misspelt word.
  json code_actions(const json& params) {
    json out = json::array();
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    for (const auto& d : params.at("context").at("diagnostics")) {
      if (!d.contains("data") || !d["data"].contains("replacement")) continue;
      const std::string fix = d["data"]["replacement"].get<std::string>();
      out.push_back(
          {{"title", fmt::format("Change to `{}`", fix)},
           {"kind", "quickfix"},
           {"diagnostics", json::array({d})},
           {"isPreferred", true},
           {"edit",
            {{"changes", {{uri, json::array({{{"range", d.at("range")}, {"newText", fix}}})}}}}}});
    }
    return out;
  }

  // Every whole-word use of the name under the cursor, declaration included, in every rule file;
  // a provision is also found by its full id (`document.provision`) in combinations.
  json references(const json& params) {
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

  json completion() {
    if (!last_) publish();
    json items = json::array();
    if (last_)
      for (const auto& f : last_->schema())
        items.push_back({{"label", f.name}, {"kind", 5}, {"detail", f.type + " — " + f.label.zh}});
    for (const char* k :
         {"document", "provision", "part",   "title",        "article", "when",           "unless",
          "pays",     "up to",     "from",   "for each",     "where",   "interpretation", "funds",
          "allow",    "parameter", "define", "take highest", "cap",     "exclusion"})
      items.push_back({{"label", k}, {"kind", 14}});
    return items;
  }

  std::FILE* out_;
  std::string rules_;
  std::map<std::string, std::string> docs_;
  std::shared_ptr<const ruleset> last_;
  bool shutdown_ = false;
};

}  // namespace

int run_lsp(std::FILE* in, std::FILE* out, const std::string& rules) {
  server s(out, rules.empty() ? bundled_rules() : rules);
  for (;;) {
    framed m = read_message(in);
    if (m.kind == framed::end) return s.shut_down() ? 0 : 1;
    if (m.kind == framed::bad_header) {
      s.error(nullptr, -32700, "a message header without a valid Content-Length");
      continue;
    }
    if (m.kind == framed::too_large) {
      s.error(nullptr, -32600, fmt::format("a message over {} bytes", k_message_limit));
      continue;
    }
    auto j = json::parse(m.body, nullptr, false);
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
