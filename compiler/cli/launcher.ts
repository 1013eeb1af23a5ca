// The `quorate` executable (dist/quorate.cjs): runs dist/cli.cjs, compiled through a V8 code
// cache so that a start deserialises the bundle's compiled code instead of compiling it again
// (Node 20 has no module compile cache of its own). The bundles it loads (cli.cjs, and the
// prettier.cjs and lsp.cjs that commands load on demand) are found next to this file.
//
// The cache folder is $QUORATE_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/quorate, else
// ~/.cache/quorate. A cache file is named after the bundle's content hash (written here by
// scripts/build.mjs), the Node version and the architecture, and starts with the SHA-1 of the
// rest: V8 checks only that a cache fits its version, flags and source length, and aborts the
// process on corrupt data, so a file whose digest does not match is never handed to it. One that
// V8 refuses (made with other flags) or that fails the digest is replaced. Anything that goes wrong with the cache — a folder that
// cannot be created or written, a file that cannot be read — only costs the compile: the command
// runs the same, silently.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

declare const QUORATE_BUNDLE_HASHES: Record<string, string>;

function cacheFolder(): string | undefined {
  const env = process.env;
  if (env.QUORATE_CACHE_DIR !== undefined) return env.QUORATE_CACHE_DIR || undefined;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'quorate');
  try {
    return join(homedir(), '.cache', 'quorate');
  } catch {
    return undefined;
  }
}

const here = __dirname;
const folder = cacheFolder();
const loaded = new Map<string, unknown>();
const nodeRequire = createRequire(__filename);
/** Cache files to write when the process ends (made after the run: they hold what it compiled). */
const toWrite: { name: string; path: string; script: Script }[] = [];

const DIGEST = 20;
const digest = (data: Uint8Array): Buffer => createHash('sha1').update(data).digest();

/** The cached data of a cache file, when it is there, whole and unchanged. */
function readCache(path: string | undefined): Buffer | undefined {
  if (!path) return undefined;
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const data = file.subarray(DIGEST);
  return file.length > DIGEST && digest(data).equals(file.subarray(0, DIGEST)) ? data : undefined;
}

function writeCaches(): void {
  for (const { name, path, script } of toWrite) {
    const aside = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      // Written aside and renamed: a process starting meanwhile never reads half a file.
      const data = script.createCachedData();
      writeFileSync(aside, Buffer.concat([digest(data), data]));
      renameSync(aside, path);
    } catch {
      // A read-only or missing cache folder: the next start compiles again, nothing else.
      try {
        rmSync(aside, { force: true });
      } catch {
        // Nothing was written.
      }
      continue;
    }
    // The caches of earlier builds of this bundle for this Node are never read again. (Those of
    // other Node versions are left to them.)
    try {
      const stem = name.replace(/\.cjs$/, '-');
      const sameNode = `-${process.version}-${process.arch}.v8cache`;
      for (const old of readdirSync(dirname(path))) {
        if (old.startsWith(stem) && old.endsWith(sameNode) && join(dirname(path), old) !== path) rmSync(join(dirname(path), old), { force: true });
      }
    } catch {
      // Left for the next write.
    }
  }
}

/** A sibling bundle as CommonJS, its `require` able to load further siblings the same way. */
function load(file: string): unknown {
  const name = file.slice(here.length + 1);
  if (loaded.has(name)) return loaded.get(name);
  const hash = QUORATE_BUNDLE_HASHES[name]!;
  // ASCII (scripts/build.mjs makes sure), so Latin-1 reads it exactly and fastest.
  const source = readFileSync(file, 'latin1');
  const cachePath = folder ? join(folder, `${name.replace(/\.cjs$/, '')}-${hash}-${process.version}-${process.arch}.v8cache`) : undefined;
  const cachedData = readCache(cachePath);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.startsWith('#!') ? '//' : ''}${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (cachePath && (!cachedData || script.cachedDataRejected)) {
    if (toWrite.length === 0) process.once('exit', writeCaches);
    toWrite.push({ name, path: cachePath, script });
  }
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  loaded.set(name, module.exports);
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, bundleRequire, module, file, here);
  module.loaded = true;
  loaded.set(name, module.exports);
  return module.exports;
}

function isSibling(id: string): boolean {
  return id.startsWith(here) && id.length > here.length + 1 && Object.hasOwn(QUORATE_BUNDLE_HASHES, id.slice(here.length + 1));
}

const bundleRequire = Object.assign((id: string) => (isSibling(id) ? load(id) : nodeRequire(id)), {
  resolve: nodeRequire.resolve,
  cache: nodeRequire.cache,
  main: require.main,
});

load(join(here, 'cli.cjs'));
