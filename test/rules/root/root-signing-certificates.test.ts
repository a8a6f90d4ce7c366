import { rootSigningCertificates } from '../../../src/rules/root/root-signing-certificates.js';
import type { AccountSummary, CredentialReportRow } from '../../../src/snapshot/schema.js';
import { runRule } from '../../builders/rules.js';
import {
  ACCOUNT,
  credentialReportSnapshot,
  daysAgo,
  noCert,
  rootRow,
  userRow,
} from '../../builders/snapshot.js';

describe('root-signing-certificates', () => {
  test.each<{
    name: string;
    rows: CredentialReportRow[];
    summary: AccountSummary;
    expected: Array<{ discriminator?: string; message: string }>;
  }>([
    { name: 'root without certificates', rows: [rootRow()], summary: {}, expected: [] },
    {
      name: 'active certificate 2',
      rows: [rootRow({ certs: [noCert(), { active: true, lastRotated: daysAgo(1000) }] })],
      summary: { AccountSigningCertificatesPresent: 1 },
      expected: [
        {
          discriminator: 'cert2',
          message: 'Root user has active signing certificate 2, uploaded 2023-09-19.',
        },
      ],
    },
    {
      name: 'inactive certificate only',
      rows: [rootRow({ certs: [{ active: false, lastRotated: daysAgo(1000) }, noCert()] })],
      summary: { AccountSigningCertificatesPresent: 1 },
      expected: [],
    },
    {
      name: 'an IAM user certificate is not root’s',
      rows: [rootRow(), userRow('alice', { certs: [{ active: true, lastRotated: daysAgo(10) }, noCert()] })],
      summary: {},
      expected: [],
    },
    {
      name: 'no root row: the summary flag answers',
      rows: [],
      summary: { AccountSigningCertificatesPresent: 1 },
      expected: [
        {
          message:
            'Root user has a signing certificate (account summary AccountSigningCertificatesPresent = 1; the credential report has no root row).',
        },
      ],
    },
    {
      name: 'no root row, flag 0',
      rows: [],
      summary: { AccountSigningCertificatesPresent: 0 },
      expected: [],
    },
  ])('$name', ({ rows, summary, expected }) => {
    const findings = runRule(rootSigningCertificates, credentialReportSnapshot(rows, summary));
    expect(
      findings.map((f) => ({ resource: f.resource, discriminator: f.discriminator, message: f.message })),
    ).toEqual(
      expected.map((e) => ({
        resource: `arn:aws:iam::${ACCOUNT}:root`,
        discriminator: e.discriminator,
        message: e.message,
      })),
    );
  });

  test('no root row and no summary flag: the rule errors', () => {
    expect(() => runRule(rootSigningCertificates, credentialReportSnapshot([], {}))).toThrow(
      /AccountSigningCertificatesPresent/,
    );
  });
});
