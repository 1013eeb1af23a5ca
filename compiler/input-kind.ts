// The kind of an input, decided in this one place for every command, the git hook and the
// language server: `.cluster` source, a raw cluster.conf (XML), or a host's fence_virt.conf.
// Pure: the caller passes the file name (or none, for standard input) and the text or bytes.

export type InputKind = 'cluster' | 'cluster-conf' | 'fence-virt-conf';

/** The kinds a command that needs a cluster model reads (simulate, order, plan, `--previous`). */
export type ClusterInputKind = Exclude<InputKind, 'fence-virt-conf'>;

/** Bytes are judged by their head, so a large file is not decoded twice. */
const HEAD_BYTES = 4096;

function textOf(input: string | Uint8Array): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input.subarray(0, HEAD_BYTES));
}

/**
 * A fence_virt.conf by name (`fence_virt.conf`, `*.fence_virt.conf`) or, for another name that
 * is not `.cluster` and XML-looking content, by its `fence_virtd`/`listeners`/`backends` blocks
 * when no `cluster NAME` block is there; otherwise as `clusterInputKind` decides.
 */
export function inputKindOf(fileName: string | undefined, input: string | Uint8Array): InputKind {
  const text = textOf(input);
  return isFenceVirtConf(fileName ?? '', text) ? 'fence-virt-conf' : clusterInputKind(fileName, text);
}

/**
 * Raw cluster.conf XML rather than .cluster source: content that starts with '<' (after white
 * space or a byte-order mark), or a `.conf` / `.xml` name (so a broken cluster.conf gets XML
 * diagnostics, not .cluster syntax errors). Commands that read only clusters ask this alone.
 */
export function clusterInputKind(fileName: string | undefined, input: string | Uint8Array): ClusterInputKind {
  const t = textOf(input).replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return 'cluster-conf';
  return fileName && /\.(conf|xml)$/i.test(fileName) ? 'cluster-conf' : 'cluster';
}

function isFenceVirtConf(fileName: string, text: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base === 'fence_virt.conf' || base.endsWith('.fence_virt.conf')) return true;
  if (base.endsWith('.cluster') || /^\s*</.test(text)) return false;
  return /^[ \t]*(fence_virtd|listeners|backends)[ \t\r\n]*\{/im.test(text) && !/^\s*cluster\s+[A-Za-z_]/m.test(text);
}
