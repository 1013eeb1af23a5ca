#!/usr/bin/env node
// Bundles the CLI with esbuild: one file, fast start-up (unbundled chevrotain alone costs ~0.7 s).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['compiler/cli/bin.ts'],
  outfile: 'dist/quorate.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { QUORATE_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  legalComments: 'none',
});

// The prettier plugin for .cluster files, on its own: `npx prettier --plugin ./dist/prettier-plugin-quorate.cjs FILE.cluster`.
await build({
  entryPoints: ['compiler/format/plugin.ts'],
  outfile: 'dist/prettier-plugin-quorate.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
});
