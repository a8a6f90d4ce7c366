// route53Domains: the domains registered with Route 53 and whether each renews itself and is locked
// against transfer. Route 53 Domains answers in us-east-1 of the aws partition only. ListDomains
// already says AutoRenew and TransferLock for each domain; GetDomainDetail is asked only for a
// domain the list leaves without one of them. A domain whose detail the caller may not read keeps
// the reason, so the rules report it "not evaluated" by name, never as passing. No domain is an
// empty list, not an error.
import pLimit from 'p-limit';
import { z } from 'zod';
import { allTokenPages, SectionSkipped } from '../collect/collector.js';
import { isAccessDenied } from '../collect/failures.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { jsonProtocolTimestamp, validateInput, validatePages } from '../snapshot/input-validation.js';
import { isoDate } from '../snapshot/schema-parts.js';
import { defineSection } from './section.js';

export const registeredDomainSchema = z.object({
  name: z.string(),
  /** null: neither ListDomains nor GetDomainDetail said (see `unreadReason`). */
  autoRenew: z.boolean().nullable(),
  /** Whether the registry holds clientTransferProhibited for it; null: not said. */
  transferLock: z.boolean().nullable(),
  expiry: isoDate.nullable(),
  /** Why GetDomainDetail, needed for a field the list left out, could not be read; null when it was not needed or answered. */
  unreadReason: z.string().nullable(),
});
export type RegisteredDomain = z.infer<typeof registeredDomainSchema>;

/** Route 53 Domains has one endpoint, in this region of this partition. */
export const DOMAINS_PARTITION = 'aws';
export const DOMAINS_REGION = 'us-east-1';
/** The EPP status that is Route 53's transfer lock. */
export const TRANSFER_LOCK_STATUS = 'clientTransferProhibited';

const listDomainsPage = z.object({
  Domains: z
    .array(
      z.object({
        DomainName: z.string(),
        AutoRenew: z.boolean().nullish(),
        TransferLock: z.boolean().nullish(),
        Expiry: jsonProtocolTimestamp.nullish(),
      }),
    )
    .optional(),
});

const domainDetailOutput = z.object({
  AutoRenew: z.boolean().nullish(),
  StatusList: z.array(z.string()).nullish(),
});

/** ListDomains pages -> the domains, with what the list says about each. */
export function normalizeDomainList(pages: readonly unknown[], source: string): RegisteredDomain[] {
  return validatePages(listDomainsPage, pages, source).flatMap((page) =>
    (page.Domains ?? []).map((domain) => ({
      name: domain.DomainName,
      autoRenew: domain.AutoRenew ?? null,
      transferLock: domain.TransferLock ?? null,
      expiry: domain.Expiry ?? null,
      unreadReason: null,
    })),
  );
}

/** A listed domain completed from its GetDomainDetail output. */
export function withDomainDetail(
  domain: RegisteredDomain,
  output: unknown,
  source: string,
): RegisteredDomain {
  const detail = validateInput(domainDetailOutput, output, source);
  return {
    ...domain,
    autoRenew: domain.autoRenew ?? detail.AutoRenew ?? null,
    transferLock: domain.transferLock ?? (detail.StatusList ?? []).includes(TRANSFER_LOCK_STATUS),
  };
}

function needsDetail(domain: RegisteredDomain): boolean {
  return domain.autoRenew === null || domain.transferLock === null;
}

/** Largest page ListDomains allows. */
const DOMAINS_PAGE_SIZE = 100;
/** GetDomainDetail calls in flight at once (Route 53 Domains allows a few requests a second). */
const DETAIL_CONCURRENCY = 2;

export const route53DomainsSection = defineSection({
  name: 'route53Domains',
  data: z.array(registeredDomainSchema),
  reads: ['route53domains:ListDomains', 'route53domains:GetDomainDetail'],
  async collect({ clients, identity }) {
    if (identity.partition !== DOMAINS_PARTITION) {
      throw new SectionSkipped(
        'NoDomainRegistration',
        `Route 53 registers domains only in the ${DOMAINS_PARTITION} partition, not in ${identity.partition}`,
        'route53domains:ListDomains',
      );
    }
    const { GetDomainDetailCommand, ListDomainsCommand } = await import('@aws-sdk/client-route-53-domains');
    const domains = clients.inRegion('route53domains', DOMAINS_REGION);
    const pages = await allTokenPages(
      (Marker) => domains.send(new ListDomainsCommand({ MaxItems: DOMAINS_PAGE_SIZE, Marker })),
      (page) => page.NextPageMarker,
    );
    const listed = normalizeDomainList(pages, 'route53domains:ListDomains response');
    const limit = pLimit(DETAIL_CONCURRENCY);
    return Promise.all(
      listed.map((domain) =>
        needsDetail(domain)
          ? limit(async () => {
              try {
                const output = await domains.send(new GetDomainDetailCommand({ DomainName: domain.name }));
                return withDomainDetail(
                  domain,
                  output,
                  `route53domains:GetDomainDetail response for ${domain.name}`,
                );
              } catch (error) {
                if (!isAccessDenied(error)) throw error;
                return {
                  ...domain,
                  unreadReason: `route53domains:GetDomainDetail was denied for ${domain.name}`,
                };
              }
            })
          : domain,
      ),
    );
  },
  awsCli: {
    kind: 'file',
    files: [{ name: 'list-domains.json', shape: { required: { Domains: 'list' }, more: 'NextPageMarker' } }],
    howToSave: 'aws route53domains list-domains --region us-east-1 > list-domains.json',
    action: 'route53domains:ListDomains',
    read: (file) => normalizeDomainList(pagesOf(parseCliJson(file)), file.path),
  },
});
