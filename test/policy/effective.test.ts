// Effective-permission semantics, checked through the shared per-snapshot analysis the rules use.
import { analyzeAccount } from '../../src/policy/account-analysis.js';
import type { PrincipalAnalysis } from '../../src/policy/account-analysis.js';
import { normalizePolicyDocument } from '../../src/snapshot/policy-document.js';
import type { PolicyDocument, Snapshot, Statement } from '../../src/snapshot/schema.js';
import {
  ACCOUNT,
  allow,
  doc,
  emptySnapshot,
  group,
  managedPolicy,
  user,
  withAuthorizationDetails,
  withSection,
} from '../builders/snapshot.js';

const deny = (actions: string[], resources = ['*']): Statement => ({
  Effect: 'Deny',
  Action: actions,
  Resource: resources,
});
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const inline = (name: string, document: PolicyDocument) => ({ name, document });

function aliceWith(
  document: PolicyDocument,
  extra: Partial<Parameters<typeof user>[1]> = {},
): PrincipalAnalysis {
  const snapshot = withAuthorizationDetails(emptySnapshot(), {
    users: [user('alice', { inlinePolicies: [inline('p', document)], ...extra })],
  });
  return analyzeAccount(snapshot).users[0]!;
}

function find(snapshot: Snapshot, name: string): PrincipalAnalysis {
  return analyzeAccount(snapshot).principals.find((p) => p.name === name)!;
}

describe('full admin', () => {
  test.each<[string, PolicyDocument, 'full' | 'conditional' | 'none']>([
    ['Action * on Resource *', doc(allow(['*'])), 'full'],
    // Actions that take no resource type (ec2:DescribeInstances...) need Resource "*".
    ['Action * on Resource arn:aws:*', doc(allow(['*'], ['arn:aws:*'])), 'none'],
    [
      'NotAction naming only an unknown action',
      doc({ Effect: 'Allow', NotAction: ['iam:NoSuchAction'], Resource: ['*'] }),
      'full',
    ],
    [
      'NotAction excluding a real action',
      doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }),
      'none',
    ],
    ['Action * on one bucket only', doc(allow(['*'], ['arn:aws:s3:::bucket/*'])), 'none'],
    [
      'NotResource is not every resource',
      doc({ Effect: 'Allow', Action: ['*'], NotResource: ['arn:aws:s3:::x'] }),
      'none',
    ],
    ['a Deny of iam:* in the same policy', doc(allow(['*']), deny(['iam:*'])), 'none'],
    [
      'a NotAction Deny of everything but s3',
      doc(allow(['*']), { Effect: 'Deny', NotAction: ['s3:*'], Resource: ['*'] }),
      'none',
    ],
    [
      'a Deny scoped to one resource does not stop full admin',
      doc(allow(['*']), deny(['s3:DeleteBucket'], ['arn:aws:s3:::logs'])),
      'full',
    ],
    [
      'a condition that always holds now',
      doc({ ...allow(['*']), Condition: { DateLessThan: { 'aws:CurrentTime': ['2099-01-01T00:00:00Z'] } } }),
      'full',
    ],
    [
      'a condition that can never hold',
      doc({
        ...allow(['*']),
        Condition: { DateGreaterThan: { 'aws:CurrentTime': ['2099-01-01T00:00:00Z'] } },
      }),
      'none',
    ],
    [
      'a condition only the request can tell',
      doc({ ...allow(['*']), Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }),
      'conditional',
    ],
    [
      'a Deny that only applies without MFA',
      doc(allow(['*']), {
        ...deny(['*']),
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
      }),
      'conditional',
    ],
    [
      'a Deny whose condition can never hold',
      doc(allow(['*']), { ...deny(['*']), Condition: { StringEquals: { 'aws:username': ['bob'] } } }),
      'full',
    ],
    [
      'services granted one by one still fall short of everything',
      doc(allow(['iam:*', 's3:*', 'ec2:*'])),
      'none',
    ],
  ])('%s', (_name, document, expected) => {
    const admin = aliceWith(document).fullAdmin;
    expect(admin === null ? 'none' : admin.conditional ? 'conditional' : 'full').toBe(expected);
  });

  test('a conditional grant names the keys it hinges on', () => {
    const admin = aliceWith(
      doc({ ...allow(['*']), Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }),
    ).fullAdmin;
    expect(admin?.conditionKeys).toEqual(['aws:SourceIp']);
  });

  test("a Deny in another policy (the group's) removes the grant", () => {
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      users: [user('alice', { groups: ['guarded'], inlinePolicies: [inline('admin', doc(allow(['*'])))] })],
      groups: [group('guarded', { inlinePolicies: [inline('no-iam', doc(deny(['iam:*'])))] })],
    });
    expect(find(snapshot, 'alice').fullAdmin).toBeNull();
  });

  test('grants split between a user and its group add up', () => {
    const everythingButIam = doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] });
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      users: [user('alice', { groups: ['iam-admins'], inlinePolicies: [inline('rest', everythingButIam)] })],
      groups: [group('iam-admins', { inlinePolicies: [inline('iam', doc(allow(['iam:*'])))] })],
    });
    const admin = find(snapshot, 'alice').fullAdmin;
    expect(admin).not.toBeNull();
    expect(admin?.grantingPolicies).toHaveLength(2);
  });

  test('a permissions boundary limits, and never grants', () => {
    const boundary = managedPolicy('s3-only', doc(allow(['s3:*'])));
    const limited = withAuthorizationDetails(emptySnapshot(), {
      users: [
        user('alice', {
          attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
          permissionsBoundaryArn: boundary.arn,
        }),
      ],
      policies: [boundary],
    });
    expect(find(limited, 'alice').fullAdmin).toBeNull();
    const adminBoundary = managedPolicy('anything', doc(allow(['*'])));
    const notGranted = withAuthorizationDetails(emptySnapshot(), {
      users: [
        user('bob', {
          inlinePolicies: [inline('s3', doc(allow(['s3:*'])))],
          permissionsBoundaryArn: adminBoundary.arn,
        }),
      ],
      policies: [adminBoundary],
    });
    expect(find(notGranted, 'bob').fullAdmin).toBeNull();
  });

  test('only the default version of a managed policy grants', () => {
    const policy = managedPolicy('ops', doc(allow(['s3:GetObject'])), {
      defaultVersionId: 'v2',
      versions: [
        { versionId: 'v1', isDefault: false, createDate: null, document: doc(allow(['*'])) },
        { versionId: 'v2', isDefault: true, createDate: null, document: doc(allow(['s3:GetObject'])) },
      ],
    });
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      users: [user('alice', { attachedPolicies: [{ name: 'ops', arn: policy.arn }] })],
      policies: [policy],
    });
    expect(find(snapshot, 'alice').fullAdmin).toBeNull();
  });

  describe('AWS managed policies referenced without their document', () => {
    test.each([
      ['arn:aws:iam::aws:policy/AdministratorAccess', true],
      ['arn:aws-us-gov:iam::aws:policy/AdministratorAccess', true],
      ['arn:aws:iam::aws:policy/PowerUserAccess', false],
      ['arn:aws:iam::aws:policy/IAMFullAccess', false],
      ['arn:aws:iam::aws:policy/SomethingNew', false],
    ])('%s is full admin: %s', (arn, expected) => {
      const snapshot = withAuthorizationDetails(emptySnapshot(), {
        users: [user('alice', { attachedPolicies: [{ name: arn.split('/').pop()!, arn }] })],
      });
      expect(find(snapshot, 'alice').fullAdmin !== null).toBe(expected);
    });

    test('an unknown one is listed in the evidence, never guessed', () => {
      const arn = 'arn:aws:iam::aws:policy/SomethingNew';
      const alice = find(
        withAuthorizationDetails(emptySnapshot(), {
          users: [user('alice', { attachedPolicies: [{ name: 'x', arn }] })],
        }),
        'alice',
      );
      expect(alice.unknownPolicies).toEqual([arn]);
      expect(alice.limitsEvidence()).toEqual({ unknownPolicies: [arn] });
    });

    test('a document present in the snapshot wins over the well-known one', () => {
      const trimmed = managedPolicy(ADMIN_ARN, doc(allow(['s3:*'])));
      const snapshot = withAuthorizationDetails(emptySnapshot(), {
        users: [user('alice', { attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }] })],
        policies: [trimmed],
      });
      expect(find(snapshot, 'alice').fullAdmin).toBeNull();
    });
  });

  describe('documents in every shape IAM and the CLI produce', () => {
    const admin = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
    test.each([
      ['a decoded object with a single Statement object and string elements', JSON.parse(admin)],
      ['JSON text', admin],
      ['URL-encoded JSON as the IAM API returns it', encodeURIComponent(admin)],
      [
        'mixed-case actions',
        { Statement: [{ Effect: 'Allow', NotAction: 'IAM:NOSUCHACTION', Resource: '*' }] },
      ],
    ])('%s', (_name, input) => {
      expect(aliceWith(normalizePolicyDocument(input)).fullAdmin).not.toBeNull();
    });
  });

  describe('SCPs', () => {
    const scpSection =
      (documents: PolicyDocument[], management = '999999999999') =>
      (snapshot: Snapshot) =>
        withSection(
          withSection(snapshot, 'serviceControlPolicies', {
            accountPath: [
              { id: 'r-root', type: 'ROOT' },
              { id: ACCOUNT, type: 'ACCOUNT' },
            ],
            policies: [
              {
                id: 'p-full',
                arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
                name: 'FullAWSAccess',
                awsManaged: true,
                document: null,
                targetIds: ['r-root', ACCOUNT],
              },
              ...documents.map((document, i) => ({
                id: `p-${i}`,
                arn: `arn:aws:organizations::999999999999:policy/o-1/service_control_policy/p-${i}`,
                name: `guard-${i}`,
                awsManaged: false,
                document,
                targetIds: [ACCOUNT],
              })),
            ],
          }),
          'organization',
          {
            id: 'o-1',
            arn: 'arn:aws:organizations::999999999999:organization/o-1',
            featureSet: 'ALL',
            managementAccountId: management,
            managementAccountArn: null,
          },
        );
    const admin = withAuthorizationDetails(emptySnapshot(), {
      users: [user('alice', { attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }] })],
    });

    test('no SCP section: no limit', () => {
      expect(find(admin, 'alice').fullAdmin).not.toBeNull();
    });

    test('FullAWSAccess everywhere (document not collected) does not limit', () => {
      expect(find(scpSection([])(admin), 'alice').fullAdmin).not.toBeNull();
    });

    test('an SCP denying IAM removes full admin', () => {
      expect(find(scpSection([doc(allow(['*']), deny(['iam:*']))])(admin), 'alice').fullAdmin).toBeNull();
    });

    test('every level must allow: an account-level SCP allowing only s3 limits', () => {
      const snapshot = scpSection([doc(allow(['s3:*']))])(admin);
      // The account level has FullAWSAccess too, so s3-only adds nothing there; replace it.
      const section = snapshot.sections.serviceControlPolicies!.data!;
      section.policies[0]!.targetIds = ['r-root'];
      expect(find(snapshot, 'alice').fullAdmin).toBeNull();
    });

    test('SCPs never restrict the management account', () => {
      expect(
        find(scpSection([doc(allow(['*']), deny(['iam:*']))], ACCOUNT)(admin), 'alice').fullAdmin,
      ).not.toBeNull();
    });
  });

  test('principals sharing a set of policies share one evaluation', () => {
    const snapshot = withAuthorizationDetails(emptySnapshot(), {
      users: ['a', 'b', 'c'].map((name) => user(name, { groups: ['devs'] })),
      groups: [group('devs', { inlinePolicies: [inline('dev', doc(allow(['s3:*'])))] })],
    });
    const analysis = analyzeAccount(snapshot);
    for (const principal of analysis.users) expect(principal.fullAdmin).toBeNull();
    expect(analysis.distinctPolicySets).toBe(1);
    expect(analyzeAccount(snapshot)).toBe(analysis);
  });
});
