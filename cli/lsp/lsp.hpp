#pragma once
// `elig lsp`: a language server for `.elig` rule files over standard input and output
// (JSON-RPC 2.0 with LSP framing), for any editor. docs/editor.md lists what it answers.
#include <cstdio>
#include <string>

namespace elig::cli {

// Serves until `exit` or the end of input; returns the exit code (0 after `shutdown`).
// `rules` is the rules folder when the client names no workspace (empty: the bundled rules').
int run_lsp(std::FILE* in, std::FILE* out, const std::string& rules);

}  // namespace elig::cli
