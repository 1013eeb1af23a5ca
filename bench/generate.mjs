// Generates a realistic large .cluster source: N nodes with IPMI fencing, S services each with
// an fs, an ip and a script. Shared by the benchmarks.
export function generateCluster({ nodes = 16, services = 1000 } = {}) {
  const out = ['# generated for benchmarks', 'cluster bench {', '  config_version = 1', '  totem { token = 20s }', ''];
  for (let i = 1; i <= nodes; i++) out.push(`  fence_device ipmi${i} : fence_ipmilan { ipaddr = "10.1.0.${i}"; login = "admin"; passwd = env("IPMI_PASS") }`);
  for (let i = 1; i <= nodes; i++) {
    out.push(`  node n${i} = "n${i}.example.com" {`, `    id = ${i}`, `    fence { method ipmi { device ipmi${i} { } } }`, '  }');
  }
  out.push(`  failover_domain all { ordered = true; members = [${Array.from({ length: nodes }, (_, i) => `n${i + 1}: ${i + 1}`).join(', ')}] }`);
  out.push('  resources {');
  for (let s = 0; s < services; s++) {
    out.push(`    ip vip${s} { address = "10.${2 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}/16"; monitor_link = true }`);
    out.push(`    fs data${s} { device = "/dev/vg/lv${s}"; mountpoint = "/srv/${s}"; fstype = "ext4"; force_unmount = true }`);
  }
  out.push('  }');
  for (let s = 0; s < services; s++) {
    out.push(`  service svc${s} {`, '    domain = all', '    recovery = relocate', `    use data${s} {`, `      script app${s} { file = "/etc/init.d/app${s}" }`, '    }', `    use vip${s}`, '  }');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

// A raw cluster.conf of N nodes with IPMI fencing and S services spread over an ordered domain
// of every node, an unordered half, a restricted pair and no domain; one service in
// `exclusiveEvery` is exclusive (0: none, 1: all). Used by bench/simulate.mjs and the simulator's
// bound test.
export function generateClusterConf(nodes, services, exclusiveEvery = 20) {
  const names = Array.from({ length: nodes }, (_, i) => `n${i + 1}`);
  const out = [`<cluster name="bench" config_version="1">`, '  <totem token="20000"/>', '  <clusternodes>'];
  for (const [i, n] of names.entries()) out.push(`    <clusternode name="${n}" nodeid="${i + 1}"><fence><method name="ipmi"><device name="ipmi${i + 1}"/></method></fence></clusternode>`);
  out.push('  </clusternodes>', '  <fencedevices>');
  for (let i = 1; i <= nodes; i++) out.push(`    <fencedevice name="ipmi${i}" agent="fence_ipmilan" ipaddr="10.1.0.${i}" login="admin" passwd="x"/>`);
  out.push('  </fencedevices>', '  <rm>', '    <failoverdomains>');
  // ordered over all nodes, an unordered half, a restricted pair
  out.push(`      <failoverdomain name="all" ordered="1">${names.map((n, i) => `<failoverdomainnode name="${n}" priority="${i + 1}"/>`).join('')}</failoverdomain>`);
  out.push(`      <failoverdomain name="half" ordered="0">${names.slice(0, Math.max(1, nodes >> 1)).map((n) => `<failoverdomainnode name="${n}"/>`).join('')}</failoverdomain>`);
  out.push(`      <failoverdomain name="pair" restricted="1">${names.slice(-2).map((n) => `<failoverdomainnode name="${n}"/>`).join('')}</failoverdomain>`);
  out.push('    </failoverdomains>');
  const domains = ['all', 'half', 'pair', ''];
  for (let s = 0; s < services; s++) {
    const d = domains[s % domains.length];
    out.push(`    <service name="svc${s}"${d ? ` domain="${d}"` : ''}${exclusiveEvery && s % exclusiveEvery === exclusiveEvery - 1 ? ' exclusive="1"' : ''} recovery="relocate"><ip address="10.2.${s >> 8}.${s & 255}/16"/></service>`);
  }
  out.push('  </rm>', '</cluster>');
  return out.join('\n');
}
