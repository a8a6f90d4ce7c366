import { serverCertificateExpired } from '../../../src/rules/users/server-certificate-expired.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  daysAgo,
  daysAndSecondsAgo,
  emptySnapshot,
  NOW,
  serverCertificate,
  withSection,
} from '../../builders/snapshot.js';

describe('server-certificate-expired', () => {
  test.each<{ name: string; expiration: string | null; message: string | null }>([
    { name: 'expires in 30 days', expiration: daysAgo(-30), message: null },
    { name: 'expires exactly now: still valid', expiration: NOW, message: null },
    {
      name: 'expired 1 second ago',
      expiration: daysAndSecondsAgo(0, 1),
      message: 'Server certificate www expired on 2026-06-15 (today).',
    },
    {
      name: 'expired 165 days ago',
      expiration: daysAgo(165),
      message: 'Server certificate www expired on 2026-01-01 (165 days ago).',
    },
    { name: 'unknown expiration', expiration: null, message: null },
  ])('$name', ({ expiration, message }) => {
    const snapshot = withSection(emptySnapshot(), 'serverCertificates', [
      serverCertificate('www', expiration),
    ]);
    const findings = runRule(serverCertificateExpired, snapshot);
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[`arn:aws:iam::${ACCOUNT}:server-certificate/www`, message]],
    );
  });

  test('one finding per expired certificate', () => {
    const snapshot = withSection(emptySnapshot(), 'serverCertificates', [
      serverCertificate('old', daysAgo(10)),
      serverCertificate('current', daysAgo(-10)),
      serverCertificate('older', daysAgo(400)),
    ]);
    expect(runRule(serverCertificateExpired, snapshot).map((f) => f.resource)).toEqual([
      `arn:aws:iam::${ACCOUNT}:server-certificate/old`,
      `arn:aws:iam::${ACCOUNT}:server-certificate/older`,
    ]);
  });
});
