import { analyze, buildResourceTree, clusterInputKind, decodeSource, type Diagnostic, hasErrors, LineIndex, readClusterConf, type OrderRun, orderRuns, type OrderStep } from '../../api.ts';
import { type Command, outputFormat, UsageError, useColor } from '../command.ts';
import { readInput } from '../io.ts';
import { report } from '../render.ts';

type ConfElement = NonNullable<OrderStep['element']>;

export const order: Command = {
  name: 'order',
  synopsis: 'order FILE [--stop] [--service NAME]',
  summary: "print each service's resource start (or stop) order, exactly as rgmanager runs it",
  help: `Usage: quorate order FILE [--stop] [--service NAME | --resource TYPE:NAME] [--format text|json]

Builds rgmanager's resource tree from FILE (a .cluster file or a raw cluster.conf) the way
rgmanager does — typed children in the order the parent agent declares them, untyped children
after them in file order, refs expanded, forbidden children, bad refs and resources over their
maxinstances dropped — and prints, for every service in file order, exactly what
'rg_test noop FILE start service NAME' prints: the messages rgmanager gives while loading, then
'Starting NAME...', one '[start] type:name' line per resource and 'Start of NAME complete'.

Options:
  --stop               the stop order instead ('Stopping NAME...', '[stop] …', 'Stop of NAME complete')
  --service NAME       only this service (also a service rgmanager loads but the schema rejects,
                       such as <Service>)
  --resource TYPE:NAME only this resource, wherever the tree uses it ('rg_test noop FILE start TYPE NAME')
  --format text|json   rg_test's text (default), or the steps as JSON (type, name, depth, line,
                       column, and the attributes the agent gets, inheritance resolved)

Exit codes: 0 ok, 1 FILE has errors or the named service/resource does not exist, 2 usage or I/O problem.

Example:
  quorate order examples/nfs.cluster --stop
  quorate order /etc/cluster/cluster.conf --service web`,
  options: {
    stop: { type: 'boolean' },
    service: { type: 'string' },
    resource: { type: 'string' },
  },
  run(positionals, values) {
    const format = outputFormat(values);
    if (positionals.length !== 1) throw new UsageError('order needs exactly one FILE');
    if (values.service !== undefined && values.resource !== undefined) throw new UsageError('give --service or --resource, not both');
    let target: { type: string; name: string } | undefined;
    if (typeof values.service === 'string') target = { type: 'service', name: values.service };
    if (typeof values.resource === 'string') {
      const colon = values.resource.indexOf(':');
      if (colon <= 0) throw new UsageError(`--resource must be TYPE:NAME (e.g. ip:10.0.0.1); not '${values.resource}'`);
      target = { type: values.resource.slice(0, colon), name: values.resource.slice(colon + 1) };
    }
    const op = values.stop ? 'stop' : 'start';
    const file = positionals[0]!;
    const bytes = readInput(file);
    if (!bytes) return 2;

    let cluster: ConfElement | undefined;
    let text: string | undefined;
    let diagnostics: Diagnostic[];
    const decoded = decodeSource(bytes);
    text = decoded.text;
    if (decoded.text === undefined || decoded.diagnostics.length > 0) diagnostics = decoded.diagnostics;
    else if (clusterInputKind(file, bytes) === 'cluster-conf') {
      // rg_test does not validate against the schema; only unreadable XML stops it.
      const read = readClusterConf(decoded.text);
      cluster = read.root;
      diagnostics = read.diagnostics.filter((d) => d.severity === 'error');
    } else {
      const analysis = analyze(decoded.text);
      cluster = analysis.cluster;
      diagnostics = analysis.diagnostics.filter((d) => d.severity === 'error');
    }
    if (hasErrors(diagnostics) || !cluster) {
      report([{ file, ...(text !== undefined ? { text } : {}), diagnostics }], format, useColor(values, process.stderr), process.stderr);
      if (!hasErrors(diagnostics)) process.stderr.write(`quorate: ${file}: no cluster to order\n`);
      return 1;
    }

    const runs: OrderRun[] = orderRuns(cluster, op, target ? [target] : undefined);
    if (format === 'json') {
      process.stdout.write(JSON.stringify(toJson(file, text ?? '', op, runs), null, 2) + '\n');
    } else {
      process.stdout.write(runs.map((r) => r.text).join(''));
      if (runs.length === 0) {
        const vms = vmNames(cluster);
        process.stderr.write(`quorate: ${file}: no services${vms.length ? `; for a vm: --resource vm:${vms[0]}` : ''}\n`);
      }
    }
    return runs.some((r) => !r.found) ? 1 : 0;
  },
};

/** The names of the tree's vm roots, for the hint when there is no service. */
function vmNames(cluster: ConfElement): string[] {
  return buildResourceTree(cluster).roots.filter((n) => n.resource.type === 'vm').map((n) => n.resource.attrs[0]?.value ?? '');
}

function toJson(file: string, text: string, op: string, runs: OrderRun[]): object {
  const index = new LineIndex(text);
  const where = (e: ConfElement | undefined) => {
    if (!e?.span) return {};
    const p = index.position(e.span.start);
    return { line: p.line, column: p.column };
  };
  return {
    file,
    operation: op,
    runs: runs.map((r) => ({
      type: r.type,
      name: r.name,
      found: r.found,
      messages: r.messages.map((m) => ({ text: m.text, ...where(m.element) })),
      steps: r.steps.map((s) => ({ type: s.type, name: s.name, depth: s.depth, ...where(s.element), ...(Object.keys(s.flags).length ? { flags: s.flags } : {}), attributes: Object.fromEntries(s.attributes.map((a) => [a.name, a.value])) })),
    })),
  };
}
