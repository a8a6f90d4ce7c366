// What both registered-domain rules share: each domain with the value the rule judges, and those
// for which neither ListDomains nor GetDomainDetail gave that value reported "not evaluated" by
// name (never a pass). Route 53 registers domains only in the aws partition.
import type { RuleContext } from '../types.js';
import type { RegisteredDomain, Snapshot } from '../../snapshot/schema.js';
import { sectionData } from '../../snapshot/access.js';
import { DOMAINS_PARTITION } from '../../sections/route53-domains.js';

export function registersDomains(snapshot: Snapshot): boolean {
  return snapshot.partition === DOMAINS_PARTITION;
}

/** The domains whose `field` is known, with it; the others go to `notEvaluated`. */
export function domainsWith<F extends 'autoRenew' | 'transferLock'>(
  { snapshot, notEvaluated }: Pick<RuleContext<unknown>, 'snapshot' | 'notEvaluated'>,
  field: F,
  what: string,
): Array<RegisteredDomain & Record<F, boolean>> {
  return sectionData(snapshot, 'route53Domains').flatMap((domain) => {
    if (domain[field] !== null) return [domain as RegisteredDomain & Record<F, boolean>];
    notEvaluated(
      domain.name,
      domain.unreadReason ??
        `route53domains:ListDomains did not say ${what} for ${domain.name}, and GetDomainDetail was not read`,
    );
    return [];
  });
}
