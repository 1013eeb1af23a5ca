// `quorate.simulation`: the simulation-based findings (and hover rows) can be switched off in the
// editor; by default they are on, and match what `quorate lint` reports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, startClient } from './client.ts';

const pair = `cluster pair {
  config_version = 3
  cman { two_node = false; expected_votes = 2 }
  fence_device xvm : fence_xvm { }
  node a { id = 1; fence { method m { device xvm { port = "a" } } } }
  node b { id = 2; fence { method m { device xvm { port = "b" } } } }
  service web { }
}
`;

for (const [label, options, expectFinding] of [
  ['on by default', undefined, true],
  ['off with quorate.simulation = false', { simulation: false }, false],
] as const) {
  test(`simulation-based diagnostics: ${label}`, async () => {
    const client = await startClient(options ? { initializationOptions: options } : {});
    try {
      const uri = fileUri('pair.cluster');
      client.open(uri, pair);
      const d = await client.diagnostics(uri, 1);
      const codes = d.diagnostics.map((x) => x.code);
      assert.equal(codes.includes('quorum/single-failure-loses-quorum'), expectFinding, codes.join(', '));
    } finally {
      await client.close();
    }
  });
}
