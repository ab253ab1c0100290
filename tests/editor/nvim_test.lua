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

local f = io.open(os.getenv("ELIG_OUT"), "w")
f:write(table.concat(out, "\n") .. "\n")
f:close()
vim.cmd("qa!")
