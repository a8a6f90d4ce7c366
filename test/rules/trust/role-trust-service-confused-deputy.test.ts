import { roleTrustServiceConfusedDeputy } from '../../../src/rules/trust/role-trust-service-confused-deputy.js';
import type { PolicyDocument } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource, trustPolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, role } from '../../builders/snapshot.js';

describe('role-trust-service-confused-deputy', () => {
  test.each<{ name: string; trust: PolicyDocument; message: string | null }>([
    {
      name: 'services with no source condition',
      trust: trustPolicy({ Service: ['states.amazonaws.com', 'sns.amazonaws.com', 'lambda.amazonaws.com'] }),
      message:
        'Role r trusts sns.amazonaws.com and states.amazonaws.com without aws:SourceAccount or aws:SourceArn.',
    },
    {
      name: 'compute services get their roles only through PassRole in the account',
      trust: trustPolicy({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }),
      message: null,
    },
    {
      name: 'with aws:SourceAccount',
      trust: trustPolicy(
        { Service: ['sns.amazonaws.com'] },
        { StringEquals: { 'aws:SourceAccount': [ACCOUNT] } },
      ),
      message: null,
    },
    {
      name: 'with aws:SourceArn',
      trust: trustPolicy(
        { Service: ['sns.amazonaws.com'] },
        { ArnLike: { 'aws:SourceArn': [`arn:aws:sns:*:${ACCOUNT}:*`] } },
      ),
      message: null,
    },
    {
      name: 'with aws:SourceOrgID',
      trust: trustPolicy(
        { Service: ['sns.amazonaws.com'] },
        { StringEquals: { 'aws:SourceOrgID': ['o-1'] } },
      ),
      message: null,
    },
    {
      name: 'a negated source condition',
      trust: trustPolicy(
        { Service: ['sns.amazonaws.com'] },
        { StringNotEquals: { 'aws:SourceAccount': ['111111111111'] } },
      ),
      message: 'Role r trusts sns.amazonaws.com without aws:SourceAccount or aws:SourceArn.',
    },
    { name: 'no service principal', trust: trustPolicy({ AWS: [ACCOUNT] }), message: null },
  ])('$name', ({ trust, message }) => {
    const findings = runRule(
      roleTrustServiceConfusedDeputy,
      accountWith({ roles: [role('r', { trustPolicy: trust })] }),
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      message === null ? [] : [[iamResource('role/r'), message]],
    );
  });
});
