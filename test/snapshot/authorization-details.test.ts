import { normalizeAuthorizationDetails } from '../../src/snapshot/authorization-details.js';
import { inputErrorOf } from '../builders/errors.js';

const ACCOUNT = '111122223333';
const SOURCE = 'GetAccountAuthorizationDetails';

const adminDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const trustDocument = {
  Version: '2012-10-17',
  Statement: {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/build+deploy` },
    Action: 'sts:AssumeRole',
  },
};
const inlineDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::reports/q3+q4/*' }],
};

/** IAM's RFC 3986 encoding, as SDK v3 passes it through undecoded. */
function urlEncoded(document: unknown): string {
  return encodeURIComponent(JSON.stringify(document));
}

/** One GAAD page. `encode` and `date` produce either the SDK v3 form or the AWS CLI form. */
function page(encode: (document: unknown) => unknown, date: (iso: string) => unknown) {
  return {
    UserDetailList: [
      {
        Path: '/',
        UserName: 'build+deploy',
        UserId: 'AIDAEXAMPLEUSER00001',
        Arn: `arn:aws:iam::${ACCOUNT}:user/build+deploy`,
        CreateDate: date('2020-01-02T03:04:05+00:00'),
        UserPolicyList: [{ PolicyName: 'read-reports', PolicyDocument: encode(inlineDocument) }],
        GroupList: ['admins'],
        AttachedManagedPolicies: [],
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
        },
        Tags: [{ Key: 'team', Value: 'platform' }],
      },
    ],
    GroupDetailList: [
      {
        Path: '/',
        GroupName: 'admins',
        GroupId: 'AGPAEXAMPLEGROUP0001',
        Arn: `arn:aws:iam::${ACCOUNT}:group/admins`,
        CreateDate: date('2020-01-02T03:04:05+00:00'),
        GroupPolicyList: [],
        AttachedManagedPolicies: [
          { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        ],
      },
    ],
    RoleDetailList: [
      {
        Path: '/service-role/',
        RoleName: 'deployer',
        RoleId: 'AROAEXAMPLEROLE00001',
        Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/deployer`,
        CreateDate: date('2021-05-06T07:08:09+00:00'),
        AssumeRolePolicyDocument: encode(trustDocument),
        InstanceProfileList: [
          {
            Path: '/',
            InstanceProfileName: 'deployer',
            InstanceProfileId: 'AIPAEXAMPLEPROFILE01',
            Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/deployer`,
            CreateDate: date('2021-05-06T07:08:10+00:00'),
            Roles: [],
          },
        ],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
        Tags: [],
        RoleLastUsed: { LastUsedDate: date('2024-04-01T00:00:00+00:00'), Region: 'eu-central-1' },
      },
    ],
    Policies: [
      {
        PolicyName: 'AdministratorAccess',
        PolicyId: 'ANPAEXAMPLEPOLICY001',
        Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        Path: '/',
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: 'Provides full access to AWS services and resources.',
        CreateDate: date('2015-02-06T18:39:46+00:00'),
        UpdateDate: date('2015-02-06T18:39:46+00:00'),
        PolicyVersionList: [
          {
            Document: encode(adminDocument),
            VersionId: 'v1',
            IsDefaultVersion: true,
            CreateDate: date('2015-02-06T18:39:46+00:00'),
          },
        ],
      },
    ],
  };
}

const sdkPage = page(urlEncoded, (iso) => new Date(iso));
const cliPage = page(
  (document) => document,
  (iso) => iso,
);

describe('normalizeAuthorizationDetails', () => {
  it('normalises an SDK v3 page: Date objects and URL-encoded documents, keeping + in names', () => {
    const details = normalizeAuthorizationDetails([sdkPage], SOURCE);
    expect(details.users).toEqual([
      {
        name: 'build+deploy',
        id: 'AIDAEXAMPLEUSER00001',
        arn: `arn:aws:iam::${ACCOUNT}:user/build+deploy`,
        path: '/',
        createDate: '2020-01-02T03:04:05.000Z',
        inlinePolicies: [
          {
            name: 'read-reports',
            document: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/q3+q4/*'] },
              ],
            },
          },
        ],
        attachedPolicies: [],
        groups: ['admins'],
        permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
        tags: [{ Key: 'team', Value: 'platform' }],
      },
    ]);
    expect(details.roles).toEqual([
      {
        name: 'deployer',
        id: 'AROAEXAMPLEROLE00001',
        arn: `arn:aws:iam::${ACCOUNT}:role/service-role/deployer`,
        path: '/service-role/',
        createDate: '2021-05-06T07:08:09.000Z',
        // A single-statement object becomes a one-element array.
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:user/build+deploy`] },
              Action: ['sts:AssumeRole'],
            },
          ],
        },
        inlinePolicies: [],
        attachedPolicies: [],
        permissionsBoundaryArn: null,
        tags: [],
        lastUsed: { date: '2024-04-01T00:00:00.000Z', region: 'eu-central-1' },
        instanceProfileArns: [`arn:aws:iam::${ACCOUNT}:instance-profile/deployer`],
      },
    ]);
    expect(details.groups[0]?.attachedPolicies).toEqual([
      { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
    expect(details.policies).toEqual([
      {
        name: 'AdministratorAccess',
        id: 'ANPAEXAMPLEPOLICY001',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        path: '/',
        awsManaged: true,
        defaultVersionId: 'v1',
        attachmentCount: 1,
        permissionsBoundaryUsageCount: 0,
        isAttachable: true,
        description: 'Provides full access to AWS services and resources.',
        createDate: '2015-02-06T18:39:46.000Z',
        updateDate: '2015-02-06T18:39:46.000Z',
        versions: [
          {
            versionId: 'v1',
            isDefault: true,
            createDate: '2015-02-06T18:39:46.000Z',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
            },
          },
        ],
      },
    ]);
  });

  it('gives the same result for the AWS CLI form (decoded documents, ISO strings)', () => {
    expect(normalizeAuthorizationDetails([cliPage], SOURCE)).toEqual(
      normalizeAuthorizationDetails([sdkPage], SOURCE),
    );
  });

  it('decodes %2B to + and leaves a literal + alone (never a form decoder)', () => {
    const encoded = urlEncoded(trustDocument).replace('%2B', '+');
    const role = { ...cliPage.RoleDetailList[0], AssumeRolePolicyDocument: encoded };
    const [normalized] = normalizeAuthorizationDetails([{ RoleDetailList: [role] }], SOURCE).roles;
    expect(normalized?.trustPolicy?.Statement[0]?.Principal).toEqual({
      AWS: [`arn:aws:iam::${ACCOUNT}:user/build+deploy`],
    });
  });

  it('takes a missing policy name and path from the ARN and tells AWS managed from customer managed', () => {
    const details = normalizeAuthorizationDetails(
      [
        {
          Policies: [
            { Arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole' },
            { Arn: `arn:aws-us-gov:iam::${ACCOUNT}:policy/teams/data/readers` },
          ],
          UserDetailList: [
            {
              UserName: 'carol',
              UserId: 'AIDAEXAMPLEUSER00003',
              Arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
              AttachedManagedPolicies: [{ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/teams/data/readers` }],
            },
          ],
        },
      ],
      SOURCE,
    );
    expect(details.policies.map(({ name, path, awsManaged }) => ({ name, path, awsManaged }))).toEqual([
      { name: 'AWSLambdaRole', path: '/service-role/', awsManaged: true },
      { name: 'readers', path: '/teams/data/', awsManaged: false },
    ]);
    expect(details.users[0]?.attachedPolicies).toEqual([
      { name: 'readers', arn: `arn:aws:iam::${ACCOUNT}:policy/teams/data/readers` },
    ]);
    // Optional fields IAM always sends but hand-written files may leave out take IAM's defaults.
    expect(details.users[0]).toMatchObject({ path: '/', createDate: null, groups: [], tags: [] });
  });

  it('keeps every version of a managed policy and marks the default one', () => {
    const [policy] = normalizeAuthorizationDetails(
      [
        {
          Policies: [
            {
              PolicyName: 'ci',
              Arn: `arn:aws:iam::${ACCOUNT}:policy/ci`,
              DefaultVersionId: 'v2',
              PolicyVersionList: [
                { VersionId: 'v2', IsDefaultVersion: true, Document: urlEncoded(inlineDocument) },
                { VersionId: 'v1', IsDefaultVersion: false, Document: adminDocument },
                // Without IsDefaultVersion, DefaultVersionId decides; without a document, null.
                { VersionId: 'v0' },
              ],
            },
          ],
        },
      ],
      SOURCE,
    ).policies;
    expect(
      policy?.versions.map((version) => [version.versionId, version.isDefault, version.document === null]),
    ).toEqual([
      ['v2', true, false],
      ['v1', false, false],
      ['v0', false, true],
    ]);
  });

  it.each([
    ['an empty RoleLastUsed (never used)', {}, { date: null, region: null }],
    ['no RoleLastUsed at all', undefined, null],
  ])('reads %s', (_label, roleLastUsed, expected) => {
    const role = { ...cliPage.RoleDetailList[0], RoleLastUsed: roleLastUsed };
    expect(normalizeAuthorizationDetails([{ RoleDetailList: [role] }], SOURCE).roles[0]?.lastUsed).toEqual(
      expected,
    );
  });

  it.each([
    [
      'text that is neither JSON nor URL-encoded JSON',
      '%E0%A4%A',
      'policy document is neither JSON nor URL-encoded JSON',
    ],
    ['truncated JSON', '%7B%22Version%22', 'policy document is not valid JSON'],
    ['a JSON array', ['not', 'a', 'document'], 'policy document is not a JSON object'],
  ])('keeps going past a document that is %s, recording the problem', (_label, document, problem) => {
    const user = {
      ...cliPage.UserDetailList[0],
      UserPolicyList: [{ PolicyName: 'broken', PolicyDocument: document }],
    };
    const details = normalizeAuthorizationDetails([{ ...cliPage, UserDetailList: [user] }], SOURCE);
    const [broken] = details.users[0]?.inlinePolicies ?? [];
    expect(broken?.document.Statement).toEqual([]);
    expect(broken?.document.problems?.[0]).toContain(problem);
    expect(details.roles).toHaveLength(1);
    expect(details.policies).toHaveLength(1);
  });

  it('merges pages in order', () => {
    const second = {
      UserDetailList: [
        { UserName: 'dave', UserId: 'AIDAEXAMPLEUSER00004', Arn: `arn:aws:iam::${ACCOUNT}:user/dave` },
      ],
    };
    const details = normalizeAuthorizationDetails(
      [{ ...sdkPage, IsTruncated: true, Marker: 'abc' }, second],
      SOURCE,
    );
    expect(details.users.map((user) => user.name)).toEqual(['build+deploy', 'dave']);
    expect(details.roles).toHaveLength(1);
  });

  it.each([
    ['IsTruncated', { IsTruncated: true, Marker: 'abc' }],
    ['a CLI NextToken', { NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' }],
  ])('refuses a last page that says more follows (%s): principals would be missing', (_label, extra) => {
    const error = inputErrorOf(() => normalizeAuthorizationDetails([{ ...cliPage, ...extra }], SOURCE));
    expect(error.message).toBe(
      `${SOURCE}: the last page says more follows (IsTruncated or NextToken), so principals would be missing`,
    );
  });

  it.each([
    [
      'a user without a name',
      [{ UserDetailList: [{ UserId: 'x', Arn: 'arn:aws:iam::111122223333:user/x' }] }],
      `${SOURCE}: UserDetailList[0].UserName: Invalid input: expected string, received undefined`,
    ],
    [
      'a date that is not a timestamp, on the second page',
      [cliPage, { RoleDetailList: [{ ...cliPage.RoleDetailList[0], CreateDate: 'last tuesday' }] }],
      `${SOURCE} page 2: RoleDetailList[0].CreateDate: "last tuesday" is not a timestamp (expected e.g. 2017-06-10T02:35:07+00:00)`,
    ],
    [
      'a page that is not an object',
      [42],
      `${SOURCE}: (top level): Invalid input: expected object, received number`,
    ],
  ])('names the field of %s', (_label, pages, message) => {
    expect(inputErrorOf(() => normalizeAuthorizationDetails(pages, SOURCE)).message).toBe(message);
  });
});
