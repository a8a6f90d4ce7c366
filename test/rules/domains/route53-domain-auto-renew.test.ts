import { route53DomainAutoRenew } from '../../../src/rules/domains/route53-domain-auto-renew.js';
import type { RegisteredDomain } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';

function domain(overrides: Partial<RegisteredDomain>): RegisteredDomain {
  return {
    name: 'example.com',
    autoRenew: true,
    transferLock: true,
    expiry: '2027-03-01T00:00:00.000Z',
    unreadReason: null,
    ...overrides,
  };
}

function run(domains: RegisteredDomain[], partition = 'aws') {
  return judge(route53DomainAutoRenew, withSection(emptySnapshot({ partition }), 'route53Domains', domains));
}

describe('route53-domain-auto-renew', () => {
  test.each<{ name: string; given: Partial<RegisteredDomain>; message: string | null }>([
    { name: 'auto-renew on', given: { autoRenew: true }, message: null },
    {
      name: 'auto-renew off, with its expiry',
      given: { autoRenew: false },
      message: 'Registered domain example.com does not renew automatically; it expires on 2027-03-01.',
    },
    {
      name: 'auto-renew off, expiry unknown',
      given: { autoRenew: false, expiry: null },
      message: 'Registered domain example.com does not renew automatically.',
    },
  ])('$name', ({ given, message }) => {
    const { findings, notEvaluated } = run([domain(given)]);
    expect(notEvaluated).toEqual([]);
    expect(findings).toEqual(message ? [{ resource: 'example.com', message }] : []);
  });

  test('no registered domain is a pass, not a gap', () => {
    expect(run([])).toEqual({ findings: [], notEvaluated: [] });
  });

  test('a domain whose setting could not be read is not evaluated, by name, with why', () => {
    const { findings, notEvaluated } = run([
      domain({
        name: 'denied.com',
        autoRenew: null,
        unreadReason: 'route53domains:GetDomainDetail was denied for denied.com',
      }),
      domain({ name: 'cli.com', autoRenew: null }),
    ]);
    expect(findings).toEqual([]);
    expect(notEvaluated).toEqual([
      { resource: 'denied.com', reason: 'route53domains:GetDomainDetail was denied for denied.com' },
      {
        resource: 'cli.com',
        reason:
          'route53domains:ListDomains did not say whether it renews automatically for cli.com, and GetDomainDetail was not read',
      },
    ]);
  });

  test('applies only where Route 53 registers domains (the aws partition)', () => {
    expect(route53DomainAutoRenew.appliesTo?.(emptySnapshot({ partition: 'aws' }))).toBe(true);
    expect(route53DomainAutoRenew.appliesTo?.(emptySnapshot({ partition: 'aws-us-gov' }))).toBe(false);
  });
});
