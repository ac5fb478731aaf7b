-- Neovim (0.7+) as a second LSP client: starts dist/server.js over stdio, opens the files named in
-- DJREADY_FILES (workspace-relative, comma-separated), waits for pushed diagnostics on each, writes them
-- as JSON to DJREADY_OUT and quits. Run: nvim --headless -u NONE -c "luafile test/nvim/lsp.lua".
local root = vim.env.DJREADY_ROOT
local server = vim.env.DJREADY_SERVER
local out = vim.env.DJREADY_OUT
local timeout_ms = tonumber(vim.env.DJREADY_TIMEOUT_MS or "15000")

local function code_of(diagnostic)
  if diagnostic.code ~= nil then return diagnostic.code end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code or vim.NIL
end

local function run()
  local client_id = vim.lsp.start_client({
    name = "django-ready",
    cmd = { "node", server, "--stdio" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "workspace" } },
  })
  assert(client_id, "vim.lsp.start_client failed")

  local buffers = {}
  for relative in string.gmatch(vim.env.DJREADY_FILES, "[^,]+") do
    vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. relative))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
    buffers[relative] = bufnr
  end

  local all_published = vim.wait(timeout_ms, function()
    for _, bufnr in pairs(buffers) do
      if #vim.diagnostic.get(bufnr) == 0 then return false end
    end
    return true
  end, 50)

  local files = {}
  for relative, bufnr in pairs(buffers) do
    local diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(diagnostics, {
        code = code_of(d),
        line = d.lnum + 1,
        column = d.col + 1,
        severity = d.severity,
        source = d.source or vim.NIL,
        message = d.message,
      })
    end
    files[relative] = diagnostics
  end
  return { timedOut = not all_published, files = files }
end

local ok, result = pcall(run)
if not ok then result = { error = tostring(result) } end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd("qall!")
