import { policyInvalid } from '../../../src/rules/policy/policy-invalid.js';
import type { PolicyDocument } from '../../../src/snapshot/schema.js';
import { accountWith, iamResource } from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, doc, group, managedPolicy } from '../../builders/snapshot.js';

describe('policy-invalid', () => {
  test.each<{ name: string; document: PolicyDocument; message: string | null }>([
    { name: 'a clean document', document: doc(allow(['s3:GetObject'])), message: null },
    {
      name: 'one misspelt action',
      document: doc(allow(['s3:GetObjekt'])),
      message: 'Policy p has 1 problem: Statement[0]: Action "s3:GetObjekt" matches no known action.',
    },
    {
      name: 'more problems than the message quotes',
      document: doc(allow(['s3:GetObjekt', 's4:Get', 'Get']), { Effect: 'Allow', Action: ['s3:GetObject'] }),
      message:
        'Policy p has 4 problems: Statement[0]: Action "s3:GetObjekt" matches no known action; ' +
        'Statement[0]: Action "s4:Get" names an unknown service "s4"; and 2 more.',
    },
  ])('$name', ({ document, message }) => {
    const findings = runRule(policyInvalid, accountWith({ policies: [managedPolicy('p', document)] }));
    expect(findings.map((f) => f.message)).toEqual(message === null ? [] : [message]);
  });

  test('an inline policy is reported on its owner, with every problem in the evidence', () => {
    const typo = {
      name: 'ops',
      document: doc({ Effect: 'Allow', NotAction: ['iam:DeleteUsr'], Resource: ['*'] }),
    };
    const findings = runRule(
      policyInvalid,
      accountWith({ groups: [group('ops', { inlinePolicies: [typo] })] }),
    );
    expect(findings).toEqual([
      {
        resource: iamResource('group/ops'),
        discriminator: 'ops',
        message: expect.stringMatching(
          /^Inline policy ops of group ops has 1 problem: Statement\[0\]: NotAction "iam:DeleteUsr"/,
        ),
        evidence: {
          inlinePolicy: 'ops',
          problems: [
            'Statement[0]: NotAction "iam:DeleteUsr" matches no known action: it excludes nothing, so the statement allows more than it seems to',
          ],
        },
        subject: { kind: 'group', name: 'ops', policy: 'ops' },
      },
    ]);
  });
});
