// The route53Domains section against the fake endpoint: ListDomains paged to the end in us-east-1,
// GetDomainDetail only for a domain the list leaves without its settings, one refused detail kept
// as that domain's reason (not a failed section), throttling retried, and no domain is data.
import { afterEach, describe, expect, test } from '@jest/globals';
import { normalizeDomainList, withDomainDetail } from '../../src/sections/route53-domains.js';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import { fakeAccount, fakeRegisteredDomain } from '../fake-aws/model.js';

let session: FakeSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function collectDomains(account: FakeAccountInit, prepare?: (session: FakeSession) => void) {
  session = await startSession(fakeAccount(account));
  prepare?.(session);
  // With a section that answers, so a refused or skipped one is not "nothing collectable" (exit 2).
  const snapshot = await session.collect({ sections: ['route53Domains', 'passwordPolicy'] });
  return snapshot.sections.route53Domains;
}

describe('route53Domains collector', () => {
  test('pages ListDomains to the end, in us-east-1, with no GetDomainDetail when the list answers', async () => {
    const registeredDomains = Array.from({ length: 230 }, (_, index) =>
      fakeRegisteredDomain(`site-${index}.com`, { transferLock: index % 2 === 0 }),
    );
    const section = await collectDomains({ registeredDomains });
    expect(section?.status).toBe('ok');
    expect(section?.data).toHaveLength(230);
    expect(section?.data?.[1]).toMatchObject({ name: 'site-1.com', autoRenew: true, transferLock: false });
    const requests = session!.fake.requests;
    expect(requests.count('route53domains:ListDomains')).toBe(3);
    expect(requests.count('route53domains:GetDomainDetail')).toBe(0);
    expect(
      requests.entries
        .filter(({ action }) => action.startsWith('route53domains:'))
        .map((entry) => entry.signingRegion),
    ).toEqual(['us-east-1', 'us-east-1', 'us-east-1']);
  });

  test('asks GetDomainDetail only for the domain the list leaves without its settings', async () => {
    const section = await collectDomains({
      registeredDomains: [
        fakeRegisteredDomain('listed.com'),
        fakeRegisteredDomain('detailed.com', {
          listOmitsSettings: true,
          transferLock: false,
          autoRenew: false,
        }),
      ],
    });
    expect(section?.data).toEqual([
      expect.objectContaining({
        name: 'listed.com',
        autoRenew: true,
        transferLock: true,
        unreadReason: null,
      }),
      expect.objectContaining({
        name: 'detailed.com',
        autoRenew: false,
        transferLock: false,
        unreadReason: null,
      }),
    ]);
    expect(session!.fake.requests.inputs('route53domains:GetDomainDetail')).toEqual([
      { DomainName: 'detailed.com' },
    ]);
  });

  test('a domain whose detail is refused keeps the reason; the others and the section stay whole', async () => {
    const section = await collectDomains({
      registeredDomains: [
        fakeRegisteredDomain('open.com', { listOmitsSettings: true }),
        fakeRegisteredDomain('secret.com', { listOmitsSettings: true, detailDenied: true }),
      ],
    });
    expect(section?.status).toBe('ok');
    expect(section?.data).toEqual([
      expect.objectContaining({ name: 'open.com', autoRenew: true, transferLock: true, unreadReason: null }),
      expect.objectContaining({
        name: 'secret.com',
        autoRenew: null,
        transferLock: null,
        unreadReason: 'route53domains:GetDomainDetail was denied for secret.com',
      }),
    ]);
  });

  test('ListDomains refused makes the section denied, never an empty list', async () => {
    const section = await collectDomains(
      { registeredDomains: [fakeRegisteredDomain('example.com')] },
      (started) => started.fake.faults.deny('route53domains:ListDomains'),
    );
    expect(section?.status).toBe('denied');
    expect(section?.data).toBeUndefined();
  });

  test('throttled calls are retried to a complete answer', async () => {
    const section = await collectDomains(
      { registeredDomains: [fakeRegisteredDomain('example.com', { listOmitsSettings: true })] },
      (started) => {
        started.fake.faults.failFirst('route53domains:ListDomains', 'throttling', 2);
        started.fake.faults.failFirst('route53domains:GetDomainDetail', 'throttling', 1);
      },
    );
    expect(section?.status).toBe('ok');
    expect(section?.data).toEqual([expect.objectContaining({ name: 'example.com', transferLock: true })]);
  });

  test('an account with no registered domain is an empty list, not an error', async () => {
    const section = await collectDomains({});
    expect(section).toMatchObject({ status: 'ok', data: [] });
  });

  test('outside the aws partition the section is skipped with why, and nothing is sent', async () => {
    const section = await collectDomains({ partition: 'aws-us-gov' });
    expect(section?.status).toBe('skipped');
    expect(session!.fake.requests.count('route53domains:ListDomains')).toBe(0);
  });
});

describe('route53Domains normalisers', () => {
  test('the AWS CLI output (epoch-second Expiry, settings left out) keeps what it says', () => {
    expect(
      normalizeDomainList(
        [{ Domains: [{ DomainName: 'a.com', AutoRenew: false, Expiry: 1800000000 }] }],
        'list-domains.json',
      ),
    ).toEqual([
      {
        name: 'a.com',
        autoRenew: false,
        transferLock: null,
        expiry: '2027-01-15T08:00:00.000Z',
        unreadReason: null,
      },
    ]);
  });

  test('GetDomainDetail fills only what the list left out; the lock is the clientTransferProhibited status', () => {
    const listed = { name: 'a.com', autoRenew: false, transferLock: null, expiry: null, unreadReason: null };
    expect(
      withDomainDetail(listed, { AutoRenew: true, StatusList: ['clientUpdateProhibited'] }, 'detail'),
    ).toMatchObject({ autoRenew: false, transferLock: false });
    expect(withDomainDetail(listed, { StatusList: ['clientTransferProhibited'] }, 'detail')).toMatchObject({
      transferLock: true,
    });
  });

  test('a malformed page names its source', () => {
    expect(() => normalizeDomainList([{ Domains: [{ AutoRenew: true }] }], 'list-domains.json')).toThrow(
      /list-domains\.json/,
    );
  });
});
