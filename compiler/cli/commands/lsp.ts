import { type Command, UsageError } from '../command.ts';

export const lsp: Command = {
  name: 'lsp',
  synopsis: 'lsp --stdio',
  summary: 'run the language server (any LSP editor: diagnostics, hover, completion, rename, ...)',
  help: `Usage: quorate lsp --stdio

Runs the Quorate language server, speaking the Language Server Protocol on standard input and
output, for any editor with an LSP client (VS Code through the Quorate extension, Neovim, Emacs,
Helix, ...). It serves .cluster files (language id \`quorate\`), raw cluster.conf files and
fence_virt.conf files (checked as fence_virtd reads them):
diagnostics while typing, hover docs from the agent catalogue, completion, go-to-definition,
references, rename, outline, folding, semantic tokens, formatting and quick fixes.
See docs/editor.md.

Options:
  --stdio   talk LSP over stdin/stdout (the only transport; required)

Exit codes: 0 after the client's shutdown and exit, 2 usage problem.

Example (Neovim 0.8+):
  vim.lsp.start({ name = 'quorate', cmd = { 'quorate', 'lsp', '--stdio' } })`,
  options: { stdio: { type: 'boolean' } },
  async run(positionals, values) {
    if (!values.stdio) throw new UsageError('lsp needs --stdio (the language server talks LSP over stdin/stdout)');
    if (positionals.length > 0) throw new UsageError(`lsp takes no FILE arguments (got ${positionals[0]})`);
    // Loaded on demand: the other commands never pay for the protocol library.
    const { startServer } = await import('../../../lsp/server.ts');
    startServer();
    // The connection ends the process itself on the client's `exit` (or when stdin closes).
    return new Promise<number>(() => {});
  },
};
