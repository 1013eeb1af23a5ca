#!/usr/bin/env node
// Builds dist/ with esbuild. A cold `quorate lint` must start in about the time of a bare `node`,
// so a command loads and compiles only what it needs:
//
//   dist/quorate.cjs    the launcher (the `bin`): compiles the bundles below through a V8 code
//                       cache kept in a cache folder (compiler/cli/launcher.ts), so a start
//                       deserialises instead of compiling
//   dist/cli.cjs        the CLI and the compiler core: everything lint, check and compile need
//   dist/prettier.cjs   prettier's doc printer and core: loaded by the first formatting call
//                       (`quorate fmt`, `quorate import`, the language server's formatting)
//   dist/lsp.cjs        the language server and its protocol library: loaded by `quorate lsp`,
//                       sharing the core of dist/cli.cjs (one parser, one catalogue per process)
//
// The bundles find their siblings next to themselves (`__dirname`), never through the
// repository, so an `npm pack` install works anywhere.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  define: { QUORATE_VERSION: JSON.stringify(pkg.version) },
};

// Modules the core imports everywhere but that only some commands call: each import of them gets
// a stand-in whose functions load the real module on their first call, so `lint` never runs the
// formatter's, the XML writer's or ajv's module code. Every listed export must be a function or
// a class (the stand-in forwards calls and `new`); importing an unlisted name fails the build.
const onFirstCall = {
  'compiler/format/index.ts': ['formatBytes', 'formatText', 'printSourceFile', 'printEntryFlat', 'emptyPlacement'],
  'compiler/emit/cluster-conf.ts': ['emitClusterConf'],
  ajv: ['Ajv'],
  // Loading it costs a few milliseconds, and only `quorate hook` runs git.
  'node:child_process': ['spawnSync'],
};

// prettier lives in dist/prettier.cjs: each of its entry points is a property of that bundle's exports.
const prettierParts = { 'prettier/doc': 'doc', 'prettier/standalone': 'standalone' };

/** A request as the tables above name it: a package name, or a path from the repository root. */
function requestKey(args) {
  return args.path.startsWith('.') ? relative(root, resolve(args.resolveDir, args.path)).split('\\').join('/') : args.path;
}

const REAL = { real: true };
const loadOnFirstCall = {
  name: 'load-on-first-call',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.pluginData === REAL || !(requestKey(args) in onFirstCall)) return undefined;
      return { path: requestKey(args), namespace: 'on-first-call', pluginData: { request: args.path, resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: 'on-first-call' }, (args) => {
      const { request, resolveDir } = args.pluginData;
      const forwarders = onFirstCall[args.path].map(
        (name) => `export function ${name}(...args) { const f = load().${name}; return new.target ? new f(...args) : f.apply(this, args); }`,
      );
      return {
        contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(request)}));\n${forwarders.join('\n')}\n`,
        resolveDir,
        loader: 'js',
        pluginData: REAL,
      };
    });
  },
};

// `require` of a sibling bundle next to the running one. Under the launcher this `require` is
// the launcher's, which compiles the sibling through the code cache too.
const siblingRequire = (file) => `require(require('node:path').join(__dirname, ${JSON.stringify(file)}))`;

const prettierInSibling = {
  name: 'prettier-in-sibling',
  setup(b) {
    b.onResolve({ filter: /^prettier\/(doc|standalone)$/ }, (args) => ({ path: args.path, namespace: 'sibling' }));
    b.onLoad({ filter: /.*/, namespace: 'sibling' }, (args) => ({ contents: `module.exports = ${siblingRequire('prettier.cjs')}.${prettierParts[args.path]};`, loader: 'js', resolveDir: root }));
  },
};

// In dist/cli.cjs, `import('lsp/server.ts')` loads dist/lsp.cjs and hands it this bundle's core.
const lspInSibling = {
  name: 'lsp-in-sibling',
  setup(b) {
    b.onResolve({ filter: /server\.ts$/ }, (args) => (requestKey(args) === 'lsp/server.ts' ? { path: 'lsp/server.ts', namespace: 'lsp-sibling' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lsp-sibling' }, () => ({
      contents: `module.exports = ${siblingRequire('lsp.cjs')}(require('./compiler/api.ts'));`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// In dist/lsp.cjs, the core is the one dist/cli.cjs passes in: the entry stores it in a slot
// before the server's modules run, and every import of compiler/api.ts reads it from there. Any
// other value import of the core would be a second copy of it, so it fails the build.
const coreFromCli = {
  name: 'core-from-cli',
  setup(b) {
    b.onResolve({ filter: /^quorate:/ }, (args) => ({ path: args.path, namespace: 'core-from-cli' }));
    b.onResolve({ filter: /\.ts$/ }, (args) => {
      const key = requestKey(args);
      if (key === 'compiler/api.ts') return { path: 'quorate:core', namespace: 'core-from-cli' };
      if (/^(compiler|grammar)\//.test(key)) return { errors: [{ text: `the language server may take values from compiler/api.ts only, not ${key}` }] };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'core-from-cli' }, (args) => {
      const contents = {
        'quorate:slot': 'module.exports = { core: undefined };',
        'quorate:core': "module.exports = require('quorate:slot').core;",
        'quorate:entry': `const slot = require('quorate:slot');\nmodule.exports = (core) => {\n  slot.core = core;\n  return require('./lsp/server.ts');\n};`,
      }[args.path];
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

// Large generated JSON (the catalogue, the schema) as one JSON.parse of a string: V8 reads JSON
// faster than the same data as a JavaScript object literal.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.length < 16_384) return undefined;
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

const metafiles = {};
async function bundle(name, options) {
  const result = await build({ ...common, outfile: `dist/${name}`, metafile: true, ...options });
  metafiles[name] = result.metafile;
}

// Whitespace and syntax minified: a smaller file to read and a smaller cache, a few ms per
// start. Identifiers are kept: renaming them measured only a millisecond more, and the names
// keep stack traces (QUORATE_DEBUG) readable.
const minified = { minifyWhitespace: true, minifySyntax: true };

await bundle('cli.cjs', { ...minified, entryPoints: ['compiler/cli/bin.ts'], plugins: [loadOnFirstCall, prettierInSibling, lspInSibling, jsonAsString] });
await bundle('prettier.cjs', {
  ...minified,
  stdin: { contents: "exports.doc = require('prettier/doc');\nexports.standalone = require('prettier/standalone');", resolveDir: root, loader: 'js', sourcefile: 'prettier-parts.js' },
});
await bundle('lsp.cjs', {
  ...minified,
  stdin: { contents: "module.exports = require('quorate:entry');", resolveDir: root, loader: 'js', sourcefile: 'lsp-entry.js' },
  plugins: [coreFromCli],
});

// The launcher knows each bundle's content hash: a code cache is used only for the bundle it was
// made from.
const hashes = Object.fromEntries(
  ['cli.cjs', 'prettier.cjs', 'lsp.cjs'].map((name) => {
    // esbuild escapes every non-ASCII character in code, but not in the comments it keeps; one
    // such character would make V8 hold the whole source as a two-byte string. Escaped in the
    // comments too, the bundle is ASCII and the launcher reads it as Latin-1, the fastest decoding.
    const file = resolve(root, 'dist', name);
    const text = readFileSync(file, 'utf8').replace(/[^\x00-\x7f]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
    writeFileSync(file, text);
    return [name, createHash('sha256').update(text).digest('hex').slice(0, 16)];
  }),
);
await bundle('quorate.cjs', {
  entryPoints: ['compiler/cli/launcher.ts'],
  banner: { js: '#!/usr/bin/env node' },
  define: { ...common.define, QUORATE_BUNDLE_HASHES: JSON.stringify(hashes) },
});

// The prettier plugin for .cluster files, on its own: `npx prettier --plugin ./dist/prettier-plugin-quorate.cjs FILE.cluster`.
await bundle('prettier-plugin-quorate.cjs', { entryPoints: ['compiler/format/plugin.ts'] });

// Nothing heavy may creep back into the core bundle.
for (const input of Object.keys(metafiles['cli.cjs'].inputs)) {
  if (/node_modules\/(prettier|vscode-languageserver[^/]*|vscode-jsonrpc)\//.test(input) || input.startsWith('lsp/')) throw new Error(`dist/cli.cjs must not contain ${input}`);
}
