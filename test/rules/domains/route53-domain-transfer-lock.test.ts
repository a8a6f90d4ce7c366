import { route53DomainTransferLock } from '../../../src/rules/domains/route53-domain-transfer-lock.js';
import type { RegisteredDomain } from '../../../src/snapshot/schema.js';
import { judge } from '../../builders/rules.js';
import { emptySnapshot, withSection } from '../../builders/snapshot.js';

function domain(
  name: string,
  transferLock: boolean | null,
  unreadReason: string | null = null,
): RegisteredDomain {
  return { name, autoRenew: true, transferLock, expiry: null, unreadReason };
}

function run(domains: RegisteredDomain[], options: object = {}) {
  return judge(route53DomainTransferLock, withSection(emptySnapshot(), 'route53Domains', domains), options);
}

const unlocked = (name: string) => ({
  resource: name,
  message: `Registered domain ${name} is not locked against transfer (no clientTransferProhibited status).`,
});

describe('route53-domain-transfer-lock', () => {
  test.each<{ name: string; domains: RegisteredDomain[]; options?: object; reported: string[] }>([
    { name: 'locked', domains: [domain('example.com', true)], reported: [] },
    { name: 'not locked', domains: [domain('example.com', false)], reported: ['example.com'] },
    {
      name: 'a TLD named as refusing the lock is not judged',
      domains: [domain('example.co.uk', false)],
      options: { lockUnsupportedTlds: ['uk'] },
      reported: [],
    },
    {
      name: 'the TLD is matched on label boundaries, without case or a leading dot',
      domains: [domain('Example.CO.UK', false), domain('example.fluk', false)],
      options: { lockUnsupportedTlds: ['.co.uk', 'uk'] },
      reported: ['example.fluk'],
    },
    {
      name: 'other TLDs are still judged when some are named',
      domains: [domain('example.com', false), domain('example.uk', false)],
      options: { lockUnsupportedTlds: ['uk'] },
      reported: ['example.com'],
    },
    { name: 'no registered domain', domains: [], reported: [] },
  ])('$name', ({ domains, options, reported }) => {
    const { findings, notEvaluated } = run(domains, options);
    expect(notEvaluated).toEqual([]);
    expect(findings).toEqual(reported.map(unlocked));
  });

  test('a domain whose lock could not be read is not evaluated, by name, never passed', () => {
    const reason = 'route53domains:GetDomainDetail was denied for denied.com';
    expect(run([domain('denied.com', null, reason), domain('open.com', false)])).toEqual({
      findings: [unlocked('open.com')],
      notEvaluated: [{ resource: 'denied.com', reason }],
    });
  });

  test('lockUnsupportedTlds refuses an empty name', () => {
    expect(() => route53DomainTransferLock.options.parse({ lockUnsupportedTlds: [''] })).toThrow();
  });
});
