// Starts `elig lsp` for .elig files, with the rules folder of the workspace.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const program = vscode.workspace.getConfiguration("elig").get("program") || "elig";
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const args = folder ? ["lsp", "--rules", folder.uri.fsPath] : ["lsp"];
  client = new LanguageClient("elig", "elig", { command: program, args },
                              { documentSelector: [{ scheme: "file", language: "elig" }] });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
