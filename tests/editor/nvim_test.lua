-- Driven by nvim_test.sh: a real client (headless Neovim) opens a rule file with a mistake,
-- receives the diagnostic, hovers, jumps to a definition and formats; results go to $ELIG_OUT.
local out = {}
local function say(key, value) table.insert(out, key .. "\t" .. tostring(value)) end

local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local diags = vim.diagnostic.get(0)
say("diagnostics", #diags)
if ok then
  say("diagnostic", (diags[1].code or "") .. " line " .. (diags[1].lnum + 1) .. ": " .. diags[1].message:gsub("\n.*", ""))
end

local function at(needle)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i, l in ipairs(lines) do
    local c = l:find(needle, 1, true)
    if c then return { line = i - 1, character = c - 1 } end
  end
end

local params = { textDocument = vim.lsp.util.make_text_document_params(), position = at("park_designations") }
local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 10000)
for _, r in pairs(hover or {}) do
  if r.result then say("hover", (r.result.contents.value:gsub("\n", " "))) else say("hover-raw", vim.inspect(r)) end
end
local def = vim.lsp.buf_request_sync(0, "textDocument/definition", params, 10000)
for _, r in pairs(def or {}) do
  if r.result then say("definition", vim.fn.fnamemodify(vim.uri_to_fname(r.result.uri), ":t") .. ":" .. (r.result.range.start.line + 1)) end
end

vim.lsp.buf.formatting_sync(nil, 10000)
local formatted = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
say("formatted", formatted:find("\n  when metaverse_enterprize", 1, true) ~= nil)

-- The did-you-mean as the editor's quick fix; then the rules compile and the lenses appear.
-- (once the diagnostic has moved with the formatting)
local function misspelt_at_diagnostic()
  local d = vim.diagnostic.get(0)[1]
  if not d then return false end
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1] or ""
  return line:sub(d.col + 1, d.end_col) == "metaverse_enterprize"
end
vim.wait(20000, misspelt_at_diagnostic, 100)
local diag = vim.diagnostic.get(0)[1]
local fixes = vim.lsp.buf_request_sync(0, "textDocument/codeAction", {
  textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = { line = diag.lnum, character = diag.col }, ["end"] = { line = diag.end_lnum, character = diag.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, diag.lnum) },
}, 10000)
for _, r in pairs(fixes or {}) do
  for _, action in ipairs(r.result or {}) do
    say("fix", action.title)
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  end
end
vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 100)
say("diagnostics after the fix", #vim.diagnostic.get(0))
local lenses = vim.lsp.buf_request_sync(0, "textDocument/codeLens",
  { textDocument = vim.lsp.util.make_text_document_params() }, 10000)
for _, r in pairs(lenses or {}) do
  for _, lens in ipairs(r.result or {}) do
    say("lens", lens.command.arguments[1] .. ": " .. lens.command.title)
  end
end
local decided = vim.lsp.buf_request_sync(0, "workspace/executeCommand",
  { command = "elig.decideProvision", arguments = { "xihu-2022.park-award" } }, 10000)
for _, r in pairs(decided or {}) do
  if r.result and r.result.profiles then say("decided", r.result.provision .. " " .. #r.result.profiles) end
end

local f = io.open(os.getenv("ELIG_OUT"), "w")
f:write(table.concat(out, "\n") .. "\n")
f:close()
vim.cmd("qa!")
