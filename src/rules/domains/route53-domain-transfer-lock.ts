import { z } from 'zod';
import { domainsWith, registersDomains } from '../shared/registered-domains.js';
import { defineRule } from '../types.js';

/** `example.co.uk` is under `co.uk` and `uk`; compared without case or a leading dot. */
function isUnder(domain: string, tld: string): boolean {
  const suffix = tld.replace(/^\./, '').toLowerCase();
  const name = domain.toLowerCase();
  return name === suffix || name.endsWith(`.${suffix}`);
}

export const route53DomainTransferLock = defineRule({
  id: 'route53-domain-transfer-lock',
  title: 'Registered domains are locked against transfer',
  severity: 'medium',
  needs: ['route53Domains'],
  appliesTo: registersDomains,
  options: z
    .object({
      lockUnsupportedTlds: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Top-level domains (e.g. `uk` or `co.uk`) whose registry refuses the transfer lock ' +
            '(EnableDomainTransferLock answers TLDRulesViolation): their domains are not judged.',
        ),
    })
    .strict(),
  docs: {
    rationale:
      'The transfer lock (the `clientTransferProhibited` status at the registry) makes the registry ' +
      'refuse a transfer to another registrar. Without it, anyone who gets hold of the authorization ' +
      'code or the registrant email can move the domain away, and with it the site, the mail and ' +
      'every certificate validated through DNS.\n\n' +
      'Read from `route53domains:ListDomains` (TransferLock), with `GetDomainDetail` (its StatusList) ' +
      'only for a domain the list leaves without it. Some registries do not support the lock ' +
      '(EnableDomainTransferLock then answers `TLDRulesViolation`): name those top-level domains in ' +
      '`lockUnsupportedTlds` and their domains are not judged.',
    remediation:
      'Lock the domain: **Route 53 > Registered domains > the domain > Actions > Turn on transfer ' +
      'lock**, or `aws route53domains enable-domain-transfer-lock --region us-east-1 --domain-name ' +
      'example.com`. Unlock it only while you transfer it.',
    references: [
      'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/domain-lock.html',
      'https://docs.aws.amazon.com/Route53/latest/APIReference/API_domains_EnableDomainTransferLock.html',
    ],
  },
  frameworks: {},
  check: (context) =>
    domainsWith(context, 'transferLock', 'whether it is locked against transfer')
      .filter(
        (domain) =>
          !domain.transferLock &&
          !context.options.lockUnsupportedTlds.some((tld) => isUnder(domain.name, tld)),
      )
      .map((domain) => ({
        resource: domain.name,
        message: `Registered domain ${domain.name} is not locked against transfer (no clientTransferProhibited status).`,
      })),
});
