import { getAttribute } from '../../model/conf.ts';
import { defineRule, attrSpan } from '../rule.ts';
import { suggest } from '../../catalogue/index.ts';

export default defineRule({
  id: 'service/undefined-domain',
  severity: 'error',
  validity: true,
  summary: 'a service names a failover domain that does not exist',
  description:
    'rgmanager looks the `domain` of a service or vm up case-insensitively among the failover domains; when none matches it logs "#66: Domain \'X\' specified for resource group Y nonexistent!" and treats the service as having no domain, so it may run on any node, including ones the domain was meant to exclude. Define the domain or fix its name.',
  check(ctx) {
    const f = ctx.facts;
    for (const s of f.services) {
      if (s.domainName === undefined || s.domain) continue;
      const sug = suggest(s.domainName, f.domains.map((d) => d.name));
      const span = attrSpan(s.element, 'domain');
      ctx.report(span, `failover domain \`${s.domainName}\` does not exist${sug ? `; did you mean \`${sug}\`?` : ''}: rgmanager runs ${s.type} \`${s.name}\` as if it had no domain, on any node`, {
        fixes: sug && getAttribute(s.element, 'domain')?.span ? [{ title: `Use ${sug}`, edits: [{ span, newText: sug }] }] : [],
      });
    }
  },
});
