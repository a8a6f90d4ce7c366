import { actionCatalog } from '../../../src/policy/catalog.js';
import {
  CREDENTIAL_ACTIONS,
  policyCredentialsExposure,
} from '../../../src/rules/policy/policy-credentials-exposure.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-credentials-exposure', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null }>([
    {
      name: 'ECR tokens and Redshift credentials on *',
      statements: [allow(['ecr:GetAuthorizationToken', 'redshift:GetClusterCredentials'])],
      message:
        'Policy p allows 2 credential-returning actions on every resource: ecr:GetAuthorizationToken and redshift:GetClusterCredentials.',
    },
    {
      name: 'access keys of every user, through a wildcard',
      statements: [allow(['iam:*AccessKey*'])],
      message: 'Policy p allows 1 credential-returning action on every resource: iam:CreateAccessKey.',
    },
    {
      name: 'access keys for oneself only',
      statements: [allow(['iam:CreateAccessKey'], [iamResource('user/${aws:username}')])],
      message: null,
    },
    {
      name: 'nothing that returns credentials',
      statements: [allow(['s3:GetObject', 'sts:AssumeRole'])],
      message: null,
    },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyCredentialsExposure,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });

  test('every listed action exists in the action catalogue', () => {
    const catalog = actionCatalog();
    expect(
      CREDENTIAL_ACTIONS.filter((action) => !catalog.catalogued.has(catalog.indexOf(action) ?? -1)),
    ).toEqual([]);
  });
});
