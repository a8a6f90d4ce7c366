import { z } from 'zod';
import { domainsWith, registersDomains } from '../shared/registered-domains.js';
import { defineRule } from '../types.js';

export const route53DomainAutoRenew = defineRule({
  id: 'route53-domain-auto-renew',
  title: 'Registered domains renew themselves',
  severity: 'low',
  needs: ['route53Domains'],
  appliesTo: registersDomains,
  options: z.object({}).strict(),
  docs: {
    rationale:
      'A domain that is not renewed expires: the site and the mail on it stop, and after the grace ' +
      'and redemption periods anyone may register the name and receive what was meant for you ' +
      '(password resets, customers, email). Renewal reminders go to the registrant contact, which is ' +
      'easy to miss; automatic renewal charges the account instead.\n\n' +
      'Read from `route53domains:ListDomains` (AutoRenew), with `GetDomainDetail` only for a domain ' +
      'the list leaves without it. A domain whose setting could not be read is not evaluated, by name.',
    remediation:
      'Turn automatic renewal on: **Route 53 > Registered domains > the domain > Actions > Turn on ' +
      'auto-renew**, or `aws route53domains enable-domain-auto-renew --region us-east-1 ' +
      '--domain-name example.com`.',
    references: [
      'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-enable-disable-auto-renewal.html',
      'https://docs.aws.amazon.com/Route53/latest/APIReference/API_domains_DomainSummary.html',
    ],
  },
  frameworks: {},
  check: (context) =>
    domainsWith(context, 'autoRenew', 'whether it renews automatically')
      .filter((domain) => !domain.autoRenew)
      .map((domain) => ({
        resource: domain.name,
        message:
          `Registered domain ${domain.name} does not renew automatically` +
          (domain.expiry ? `; it expires on ${domain.expiry.slice(0, 10)}.` : '.'),
      })),
});
