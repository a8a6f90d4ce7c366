import { policyFullAdmin } from '../../../src/rules/policy/policy-full-admin.js';
import type { ManagedPolicy, RoleDetail } from '../../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  accountWith,
  deny,
  iamResource,
  inlinePolicy,
} from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy, role } from '../../builders/snapshot.js';

interface Case {
  name: string;
  policies?: ManagedPolicy[];
  roles?: RoleDetail[];
  expected: Array<[resource: string, discriminator: string | undefined, message: string]>;
}

describe('policy-full-admin', () => {
  test.each<Case>([
    {
      name: 'a customer managed copy of AdministratorAccess, even unattached',
      policies: [managedPolicy('admin-copy', doc(allow(['*'])), { attachmentCount: 0 })],
      expected: [
        [
          iamResource('policy/admin-copy'),
          undefined,
          'Policy admin-copy allows every action on every resource.',
        ],
      ],
    },
    {
      name: 'an inline policy, reported on its owner with its name',
      roles: [role('app', { inlinePolicies: [inlinePolicy('everything', allow(['*']))] })],
      expected: [
        [
          iamResource('role/app'),
          'everything',
          'Inline policy everything of role app allows every action on every resource.',
        ],
      ],
    },
    {
      name: 'NotAction naming only an action that does not exist',
      policies: [
        managedPolicy('typo', doc({ Effect: 'Allow', NotAction: ['iam:DeleteUsr'], Resource: ['*'] })),
      ],
      expected: [
        [iamResource('policy/typo'), undefined, 'Policy typo allows every action on every resource.'],
      ],
    },
    {
      name: 'a grant under a request condition, marked conditional',
      policies: [
        managedPolicy(
          'office',
          doc({ ...allow(['*']), Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }),
        ),
      ],
      expected: [
        [
          iamResource('policy/office'),
          undefined,
          'Policy office allows every action on every resource when its conditions hold (aws:SourceIp).',
        ],
      ],
    },
    {
      name: "an inline policy of a service-linked role (AWS's, not the account's)",
      roles: [
        role('AWSServiceRoleForX', {
          path: '/aws-service-role/x.amazonaws.com/',
          inlinePolicies: [inlinePolicy('everything', allow(['*']))],
        }),
      ],
      expected: [],
    },
    {
      name: 'AWS managed AdministratorAccess itself (principal-full-admin reports who holds it)',
      policies: [managedPolicy(ADMINISTRATOR_ACCESS.arn, doc(allow(['*'])))],
      expected: [],
    },
    {
      name: 'everything but IAM',
      policies: [managedPolicy('power', doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }))],
      expected: [],
    },
    {
      name: 'admin with a Deny of IAM in the same document',
      policies: [managedPolicy('guarded', doc(allow(['*']), deny(['iam:*'])))],
      expected: [],
    },
    {
      name: 'an admin version that is not the default',
      policies: [
        managedPolicy('old', doc(allow(['s3:*'])), {
          defaultVersionId: 'v2',
          versions: [
            { versionId: 'v1', isDefault: false, createDate: null, document: doc(allow(['*'])) },
            { versionId: 'v2', isDefault: true, createDate: null, document: doc(allow(['s3:*'])) },
          ],
        }),
      ],
      expected: [],
    },
  ])('$name', ({ policies = [], roles = [], expected }) => {
    const findings = runRule(policyFullAdmin, accountWith({ policies, roles }));
    expect(findings.map((f) => [f.resource, f.discriminator, f.message])).toEqual(expected);
  });

  test('evidence names the statements that grant it', () => {
    const [finding] = runRule(
      policyFullAdmin,
      accountWith({
        policies: [
          managedPolicy('admin-copy', doc(allow(['s3:GetObject']), { Sid: 'All', ...allow(['*']) })),
        ],
      }),
    );
    expect(finding!.evidence).toEqual({ statements: [{ statement: 'All' }] });
  });
});
