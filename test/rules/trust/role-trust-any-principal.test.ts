import { roleTrustAnyPrincipal } from '../../../src/rules/trust/role-trust-any-principal.js';
import type { PolicyDocument } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource, trustPolicy } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { doc, role } from '../../builders/snapshot.js';

describe('role-trust-any-principal', () => {
  test.each<{ name: string; trust: PolicyDocument; reported: boolean }>([
    { name: 'Principal "*"', trust: trustPolicy('*'), reported: true },
    { name: 'AWS "*"', trust: trustPolicy({ AWS: ['*'] }), reported: true },
    {
      name: 'AWS "*" limited to the organization',
      trust: trustPolicy({ AWS: ['*'] }, { StringEquals: { 'aws:PrincipalOrgID': ['o-abc'] } }),
      reported: false,
    },
    {
      name: 'AWS "*" with an external id',
      trust: trustPolicy('*', { StringEquals: { 'sts:ExternalId': ['x1'] } }),
      reported: false,
    },
    {
      name: 'a negated condition restricts nothing',
      trust: trustPolicy('*', { StringNotEquals: { 'aws:PrincipalAccount': ['111111111111'] } }),
      reported: true,
    },
    {
      name: 'a wildcard value restricts nothing',
      trust: trustPolicy('*', { StringLike: { 'aws:PrincipalOrgID': ['*'] } }),
      reported: true,
    },
    {
      name: 'IfExists restricts nothing',
      trust: trustPolicy('*', { StringEqualsIfExists: { 'aws:SourceAccount': ['123456789012'] } }),
      reported: true,
    },
    {
      name: 'a condition on something else',
      trust: trustPolicy('*', { Bool: { 'aws:SecureTransport': ['true'] } }),
      reported: true,
    },
    {
      name: 'Allow with NotPrincipal',
      trust: doc({ Effect: 'Allow', NotPrincipal: { AWS: ['111111111111'] }, Action: ['sts:AssumeRole'] }),
      reported: true,
    },
    { name: 'a named account', trust: trustPolicy({ AWS: ['111111111111'] }), reported: false },
    {
      name: 'a Deny for everyone',
      trust: doc({ Effect: 'Deny', Principal: '*', Action: ['sts:AssumeRole'] }),
      reported: false,
    },
  ])('$name', ({ trust, reported }) => {
    const findings = runRule(
      roleTrustAnyPrincipal,
      accountWith({ roles: [role('open', { trustPolicy: trust })] }),
    );
    expect(findings.map((f) => [f.resource, f.message])).toEqual(
      reported
        ? [
            [
              iamResource('role/open'),
              'Role open can be assumed by any AWS principal (statement 0) with no condition restricting who.',
            ],
          ]
        : [],
    );
  });

  test('service-linked roles are never reported', () => {
    const linked = role('AWSServiceRoleForX', {
      path: '/aws-service-role/x.amazonaws.com/',
      trustPolicy: trustPolicy('*'),
    });
    expect(runRule(roleTrustAnyPrincipal, accountWith({ roles: [linked] }))).toEqual([]);
  });
});
