// The bounds on the work one request or one re-check may do, and the notices that say a bound
// was hit. Why bounds set in advance rather than cancellation: Node runs the server on one
// thread, and the core's analysis, lint and formatter are synchronous. Analysing a 1 MB document
// takes seconds (measured: 2.6 s to analyse, 3.8 s to format), and while it runs no message is
// even read, so every request of every document waits and no $/cancelRequest can interrupt it.
// So the server decides before it starts: a document over MAX_ANALYSED_CHARS is not analysed
// in the editor (`quorate lint` on the command line still checks it), one over
// MAX_FORMATTED_CHARS is not formatted, and the per-request extras that grow with the cluster
// (the simulated failure rows of a service hover) stop at a time budget and say so. Requests
// that were cancelled before they started are answered RequestCancelled without running
// (server.ts). Edits are still applied in order whatever the size: incremental sync stays exact.

/**
 * Characters (UTF-16 units) above which a document is not analysed. Analysis plus lint measured
 * ~350 ms at 256 KB on an idle machine, 0.5–1 s under load: the most one re-check may hold the
 * other documents' requests. A 13,000-line cluster fits; a real cluster.conf is a few KB.
 */
export const MAX_ANALYSED_CHARS = 256 * 1024;

/** Characters above which formatting is refused: prettier took 270–530 ms at 100 KB. */
export const MAX_FORMATTED_CHARS = 128 * 1024;

/** Milliseconds a service hover may spend simulating single-node failures before it stops. */
export const HOVER_SIMULATION_BUDGET_MS = 50;

const kb = (chars: number) => `${Math.round(chars / 1024)} KB`;
/** A document's own size, with a decimal so that one just over a bound does not read as equal to it. */
const size = (chars: number) => `${(chars / 1024).toFixed(1)} KB`;

/** Why a document of this length is not analysed in the editor, or undefined when it is. */
export function notAnalysedReason(length: number): string | undefined {
  if (length <= MAX_ANALYSED_CHARS) return undefined;
  return `quorate: this document (${size(length)}) is over the editor's ${kb(MAX_ANALYSED_CHARS)} limit, so it is not checked while you edit (no diagnostics, hover, completion, navigation, outline or previews); run \`quorate lint\` on it instead`;
}

/** Why a document of this length is not formatted, or undefined when it is. */
export function notFormattedReason(length: number): string | undefined {
  if (length <= MAX_FORMATTED_CHARS) return undefined;
  return `quorate: not formatting this document (${size(length)}): over the editor's ${kb(MAX_FORMATTED_CHARS)} formatting limit; run \`quorate fmt\` on it instead`;
}
