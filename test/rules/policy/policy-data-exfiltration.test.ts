import { actionCatalog } from '../../../src/policy/catalog.js';
import { DATA_ACTIONS, policyDataExfiltration } from '../../../src/rules/policy/policy-data-exfiltration.js';
import type { Statement } from '../../../src/snapshot/schema.js';
import { accountWith, deny } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, managedPolicy } from '../../builders/snapshot.js';

describe('policy-data-exfiltration', () => {
  test.each<{ name: string; statements: Statement[]; message: string | null }>([
    {
      name: 's3:GetObject on *',
      statements: [allow(['s3:GetObject'])],
      message: 'Policy p allows s3:GetObject on every resource.',
    },
    {
      name: 'every parameter through a wildcard',
      statements: [allow(['ssm:GetParameter*'])],
      message:
        'Policy p allows ssm:GetParameter, ssm:GetParameters and ssm:GetParametersByPath on every resource.',
    },
    {
      name: 'secrets and keys, one statement each',
      statements: [allow(['secretsmanager:GetSecretValue']), allow(['kms:Decrypt'])],
      message: 'Policy p allows kms:Decrypt and secretsmanager:GetSecretValue on every resource.',
    },
    {
      name: 'one bucket only',
      statements: [allow(['s3:GetObject'], ['arn:aws:s3:::reports/*'])],
      message: null,
    },
    {
      name: 'allowed then denied everywhere',
      statements: [allow(['s3:*']), deny(['s3:GetObject'])],
      message: null,
    },
  ])('$name', ({ statements, message }) => {
    const findings = runRule(
      policyDataExfiltration,
      accountWith({ policies: [managedPolicy('p', doc(...statements))] }),
    );
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });

  test('every listed action exists in the action catalogue', () => {
    const catalog = actionCatalog();
    expect(DATA_ACTIONS.filter((action) => catalog.indexOf(action) === undefined)).toEqual([]);
  });
});
