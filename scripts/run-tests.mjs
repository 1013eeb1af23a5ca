#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's own test runner (through tsx, since Node 20 cannot
// strip types itself) and ends with the plain "N passed, N failed" line CI reads.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

import { mkdirSync } from 'node:fs';
mkdirSync('.tmp', { recursive: true });
const filters = process.argv.slice(2);
// One results file per run: several runs may share the working tree.
const tapFile = `.tmp/test-results-${process.pid}.tap`;
const files = find('test').filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, ...files], { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('exit', async (code) => {
  const { readFileSync } = await import('node:fs');
  let pass = 0, fail = 0, skip = 0;
  try {
    const tap = readFileSync(tapFile, 'utf8');
    (await import('node:fs')).rmSync(tapFile, { force: true });
    pass = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
    fail = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(tap)?.[1] ?? 0);
    skip = Number(/^# skipped (\d+)/m.exec(tap)?.[1] ?? 0);
  } catch { fail = fail || 1; }
  console.log(`${pass} passed, ${fail} failed, ${skip} skipped`);
  process.exit(code === 0 && fail === 0 ? 0 : 1);
});
