import { InputError } from '../../src/errors.js';
import { normalizeAccountSummary } from '../../src/sections/account-summary.js';
import { normalizePasswordPolicy } from '../../src/sections/password-policy.js';
import { normalizeServerCertificates } from '../../src/sections/server-certificates.js';
import { normalizeVirtualMfaDevices } from '../../src/sections/virtual-mfa-devices.js';

const ACCOUNT = '111122223333';

describe('normalizeVirtualMfaDevices', () => {
  it("reads root's device (User.Arn is root, no UserName), a user's device and an unassigned one", () => {
    const devices = normalizeVirtualMfaDevices(
      [
        {
          VirtualMFADevices: [
            {
              SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/my-phone`,
              User: { Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT },
              EnableDate: new Date('2023-02-07T11:18:09Z'),
            },
          ],
          IsTruncated: true,
          Marker: 'next',
        },
        {
          VirtualMFADevices: [
            {
              SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
              User: {
                UserName: 'alice',
                UserId: 'AIDAEXAMPLE',
                Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
                Path: '/',
              },
              EnableDate: '2024-01-01T00:00:00+00:00',
              // Secrets the API returns only on request; they must never reach a snapshot.
              Base32StringSeed: 'SECRETSEED',
              QRCodePNG: 'iVBORw0KGgo=',
            },
            { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare` },
          ],
        },
      ],
      'ListVirtualMFADevices',
    );
    expect(devices).toEqual([
      {
        serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/my-phone`,
        userArn: `arn:aws:iam::${ACCOUNT}:root`,
        userName: null,
        enableDate: '2023-02-07T11:18:09.000Z',
      },
      {
        serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
        userArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
        userName: 'alice',
        enableDate: '2024-01-01T00:00:00.000Z',
      },
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare`, userArn: null, userName: null, enableDate: null },
    ]);
  });
});

describe('normalizeServerCertificates', () => {
  it('reads certificate metadata with its dates', () => {
    expect(
      normalizeServerCertificates(
        [
          {
            ServerCertificateMetadataList: [
              {
                Path: '/cloudfront/',
                ServerCertificateName: 'www',
                ServerCertificateId: 'ASCAEXAMPLE',
                Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/www`,
                UploadDate: '2025-09-24T10:14:02+00:00',
                Expiration: '2026-10-25T23:59:59+00:00',
              },
            ],
          },
        ],
        'ListServerCertificates',
      ),
    ).toEqual([
      {
        name: 'www',
        id: 'ASCAEXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/www`,
        path: '/cloudfront/',
        uploadDate: '2025-09-24T10:14:02.000Z',
        expiration: '2026-10-25T23:59:59.000Z',
      },
    ]);
  });
});

describe('normalizeAccountSummary and normalizePasswordPolicy', () => {
  it('keeps every SummaryMap key, including ones newer than the SDK enum', () => {
    expect(
      normalizeAccountSummary({ SummaryMap: { AccountMFAEnabled: 1, SomeFutureKey: 7 } }, 'summary'),
    ).toEqual({
      AccountMFAEnabled: 1,
      SomeFutureKey: 7,
    });
  });

  it('leaves booleans IAM did not send undefined (rules read them as false)', () => {
    expect(normalizePasswordPolicy({ PasswordPolicy: { MinimumPasswordLength: 8 } }, 'policy')).toEqual({
      MinimumPasswordLength: 8,
    });
  });

  it.each([
    [
      () => normalizeAccountSummary({ SummaryMap: { Users: '5' } }, 'summary.json'),
      'summary.json: SummaryMap.Users:',
    ],
    [
      () => normalizePasswordPolicy({ PasswordPolicy: { RequireSymbols: 'yes' } }, 'policy.json'),
      'policy.json: PasswordPolicy.RequireSymbols:',
    ],
    [() => normalizeAccountSummary({}, 'summary.json'), 'summary.json: SummaryMap:'],
  ])('names the bad field (%#)', (run, prefix) => {
    expect(run).toThrow(InputError);
    expect(run).toThrow(prefix);
  });
});
