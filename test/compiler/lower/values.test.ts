// Values as the agents read them: what true/false compile to, and what the messages say about a
// spelling that is not true/false (the right thing per attribute, from the agent's reading).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileText } from '../../../compiler/api.ts';

const cluster = (body: string) => `cluster c {
  config_version = 1
  fence_device ipmi1 : fence_ipmilan { ipaddr = "10.0.0.1"; login = "admin"; passwd_script = "/root/pw" }
  node n1 { id = 1; fence { method m { device ipmi1 { } } } }
${body}
}
`;
const messages = (text: string, rule: string) => compileText(text).diagnostics.filter((d) => d.rule === rule).map((d) => d.message);

test('monitor_link = yes: no claim that "yes" would be off (ip.sh reads it as on)', () => {
  const [m] = messages(cluster('  resources { ip vip { address = "10.0.0.9"; monitor_link = yes } }\n  service s { use vip }'), 'type/boolean');
  assert.ok(m);
  assert.match(m, /did you mean `true`\?/);
  assert.doesNotMatch(m, /off/);
});

test('quick_status = yes: the note says fs-lib.sh reads "yes" as off', () => {
  const [m] = messages(cluster('  resources { fs d { device = "/dev/x"; mountpoint = "/x"; fstype = "ext4"; quick_status = yes } }\n  service s { use d }'), 'type/boolean');
  assert.match(m!, /quick_status="yes" would mean \*off\* \(fs-lib\.sh\)/);
});

test('autostart = yes: rgmanager reads it with atoi, so the note stays', () => {
  const [m] = messages(cluster('  service s { autostart = yes }'), 'type/boolean');
  assert.match(m!, /autostart="yes" would mean \*off\*/);
});

test('fence delay: 15s and 15 compile to "15"; 1500ms is refused with the whole seconds around it', () => {
  for (const v of ['15s', '15']) {
    const out = compileText(cluster('').replace('device ipmi1 { }', `device ipmi1 { delay = ${v} }`));
    assert.deepEqual(out.diagnostics.filter((d) => d.severity === 'error'), [], v);
    assert.match(out.outputs[0]!.text, /<device delay="15" name="ipmi1"\/>/, v);
  }
  const [m] = messages(cluster('').replace('device ipmi1 { }', 'device ipmi1 { delay = 1500ms }'), 'type/duration-unit');
  assert.equal(m, '`delay` is read by fencing.py as an integer number of seconds (int()); 1500ms is not a whole number of seconds: write 1s or 2s');
  const [q] = messages(cluster('').replace('device ipmi1 { }', 'device ipmi1 { delay = "15" }'), 'type/mismatch');
  assert.match(q!, /write it without quotes: 15s/);
});

test('a fencing.py option whose default is 1 cannot be turned off: `false` is an error, `true` writes 1', () => {
  const src = (v: string) => cluster('').replace('fence_device ipmi1 : fence_ipmilan {', `fence_device ilo : fence_ilo { ipaddr = "10.0.0.2"; login = "a"; passwd_script = "/p"; ssl = ${v} }\n  fence_device ipmi1 : fence_ipmilan {`);
  const [m] = messages(src('false'), 'type/boolean');
  assert.match(m!, /`ssl` cannot be turned off from cluster\.conf: fencing\.py reads every value as on/);
  assert.match(compileText(src('true')).outputs[0]!.text, /ssl="1"/);
});
