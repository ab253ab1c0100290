-- elig rule files in Neovim (0.7 or later): filetype, and `elig lsp` as their language server.
-- Put this file in ~/.config/nvim/lua/ and add `require("elig")` to init.lua, or source it.
-- The server answers diagnostics (what `elig lint` says, as you type), hover, go to definition,
-- references, document symbols, completion, quick fixes, formatting (`elig fmt`) and code lenses:
-- above each provision, its verdicts for the example profiles; `<leader>ed` on the line runs the
-- lens (each profile's verdict, as a message).
vim.filetype = vim.filetype or {}
vim.cmd([[autocmd BufRead,BufNewFile *.elig setfiletype elig]])

local function root_of(path)
  -- The rules folder: the nearest one up that holds a `schema.elig`, else the file's own.
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while dir ~= "/" do
    if vim.fn.filereadable(dir .. "/schema.elig") == 1 then return dir end
    dir = vim.fn.fnamemodify(dir, ":h")
  end
  return vim.fn.fnamemodify(path, ":p:h")
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "elig",
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    local id = vim.lsp.start_client({
      name = "elig",
      cmd = { vim.g.elig_program or "elig", "lsp", "--rules", root },
      root_dir = root,
      on_attach = function(_, buf)
        vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
          buffer = buf,
          callback = function() vim.lsp.codelens.refresh() end,
        })
        vim.lsp.codelens.refresh()
        vim.keymap.set("n", "<leader>ed", vim.lsp.codelens.run, { buffer = buf })
      end,
    })
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
