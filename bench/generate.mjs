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
