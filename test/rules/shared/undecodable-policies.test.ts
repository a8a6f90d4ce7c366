// A policy document that cannot be decoded has no statements in the snapshot. Every rule that
// judges documents, or principals holding them, must report those not evaluated rather than
// judge what is left: the unreadable policy may grant admin, or deny everything.
import { RULES } from '../../../src/rules/index.js';
import type { AnyRule } from '../../../src/rules/types.js';
import type { Snapshot } from '../../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  accountWith,
  deny,
  doublyEncoded,
  iamResource,
} from '../../builders/policies.js';
import { judge } from '../../builders/rules.js';
import {
  allow,
  group,
  managedPolicy,
  role,
  user,
  userRow,
  withCredentialReport,
  withSection,
} from '../../builders/snapshot.js';

/** Why the normaliser could not read a doubly encoded document (the JSON error text is Node's). */
const WHY = doublyEncoded().decodeError!;
const unknownGrants = (label: string) =>
  `${label} could not be decoded (${WHY}): what it grants or denies is unknown`;

function rule(id: string): AnyRule {
  return RULES.find((candidate) => candidate.id === id)!;
}

interface Case {
  name: string;
  snapshot: Snapshot;
  ruleIds: string[];
  notEvaluated: Array<[resource: string, reason: string]>;
  findings?: string[];
}

const alice = iamResource('user/alice');
const limits = { name: 'limits', document: doublyEncoded(deny(['*'])) };

describe('policies that cannot be decoded are not judged, nor are the principals holding them', () => {
  test.each<Case>([
    {
      name: 'a user whose only admin grant sits next to an unreadable inline policy',
      snapshot: withCredentialReport(
        accountWith({
          users: [user('alice', { attachedPolicies: [ADMINISTRATOR_ACCESS], inlinePolicies: [limits] })],
        }),
        [userRow('alice', { passwordEnabled: true })],
      ),
      ruleIds: ['principal-full-admin', 'principal-privilege-escalation', 'user-admin-without-mfa'],
      notEvaluated: [[alice, unknownGrants('Inline policy limits of user alice')]],
    },
    {
      name: 'a user in a group with an unreadable policy, and the group itself',
      snapshot: accountWith({
        users: [user('bob', { attachedPolicies: [ADMINISTRATOR_ACCESS], groups: ['ops'] })],
        groups: [group('ops', { inlinePolicies: [{ ...limits, name: 'ops-limits' }] })],
      }),
      ruleIds: ['principal-full-admin'],
      notEvaluated: [
        [iamResource('user/bob'), unknownGrants('Inline policy ops-limits of group ops')],
        [iamResource('group/ops'), unknownGrants('Inline policy ops-limits of group ops')],
      ],
    },
    {
      // Escalation starts from someone who acts: a user or a role. A group only lends its policies.
      name: 'a user in a group with an unreadable policy, for the escalation rule',
      snapshot: accountWith({
        users: [user('bob', { attachedPolicies: [ADMINISTRATOR_ACCESS], groups: ['ops'] })],
        groups: [group('ops', { inlinePolicies: [{ ...limits, name: 'ops-limits' }] })],
      }),
      ruleIds: ['principal-privilege-escalation'],
      notEvaluated: [[iamResource('user/bob'), unknownGrants('Inline policy ops-limits of group ops')]],
    },
    {
      name: 'a role with an unreadable customer managed policy',
      snapshot: accountWith({
        roles: [
          role('app', {
            attachedPolicies: [
              ADMINISTRATOR_ACCESS,
              { name: 'app-limits', arn: iamResource('policy/app-limits') },
            ],
          }),
        ],
        policies: [managedPolicy('app-limits', doublyEncoded(deny(['*'])))],
      }),
      ruleIds: ['principal-full-admin', 'principal-privilege-escalation', 'role-compute-admin'],
      notEvaluated: [[iamResource('role/app'), unknownGrants('Policy app-limits')]],
    },
    {
      name: 'a user whose permissions boundary is unreadable',
      snapshot: accountWith({
        users: [
          user('dana', {
            attachedPolicies: [ADMINISTRATOR_ACCESS],
            permissionsBoundaryArn: iamResource('policy/dev-boundary'),
          }),
        ],
        policies: [managedPolicy('dev-boundary', doublyEncoded(allow(['s3:*'])))],
      }),
      ruleIds: ['principal-full-admin', 'principal-privilege-escalation'],
      notEvaluated: [[iamResource('user/dana'), unknownGrants('Permissions boundary dev-boundary')]],
    },
    {
      name: 'an unreadable document, judged on its own',
      snapshot: accountWith({
        users: [user('alice', { inlinePolicies: [limits] })],
        policies: [managedPolicy('app-limits', doublyEncoded(allow(['*'])))],
      }),
      ruleIds: [
        'policy-full-admin',
        'policy-not-action-allow',
        'policy-service-wildcard',
        'policy-write-wildcard-resource',
        'policy-passrole-wildcard',
        'policy-assume-role-wildcard',
        'policy-credentials-exposure',
        'policy-data-exfiltration',
        'policy-resource-exposure',
      ],
      notEvaluated: [
        [iamResource('policy/app-limits'), unknownGrants('Policy app-limits')],
        [alice, unknownGrants('Inline policy limits of user alice')],
      ],
    },
    {
      name: 'a role whose trust policy is unreadable',
      // Not in an organization: role-trust-cross-account reads that section too.
      snapshot: withSection(
        accountWith({ roles: [role('ci', { trustPolicy: doublyEncoded() })] }),
        'organization',
        null,
      ),
      ruleIds: [
        'role-trust-any-principal',
        'role-trust-cross-account',
        'role-trust-service-confused-deputy',
        'role-compute-admin',
      ],
      notEvaluated: [
        [
          iamResource('role/ci'),
          `Trust policy of role ci could not be decoded (${WHY}): who may assume it is unknown`,
        ],
      ],
    },
    {
      name: 'an admin next to them whose policies all decode is still reported',
      snapshot: accountWith({
        users: [
          user('alice', { attachedPolicies: [ADMINISTRATOR_ACCESS], inlinePolicies: [limits] }),
          user('erin', { attachedPolicies: [ADMINISTRATOR_ACCESS] }),
        ],
      }),
      ruleIds: ['principal-full-admin'],
      notEvaluated: [[alice, unknownGrants('Inline policy limits of user alice')]],
      findings: [iamResource('user/erin')],
    },
  ])('$name', ({ snapshot, ruleIds, notEvaluated, findings = [] }) => {
    for (const id of ruleIds) {
      const result = judge(rule(id), snapshot);
      expect({
        id,
        findings: result.findings.map((f) => f.resource),
        notEvaluated: result.notEvaluated,
      }).toEqual({
        id,
        findings,
        notEvaluated: notEvaluated.map(([resource, reason]) => ({ resource, reason })),
      });
    }
  });

  test('policy-invalid still reports the document, and judges it without gaps', () => {
    const result = judge(
      rule('policy-invalid'),
      accountWith({ users: [user('alice', { inlinePolicies: [limits] })] }),
    );
    expect(result.notEvaluated).toEqual([]);
    expect(result.findings.map((f) => [f.resource, f.discriminator])).toEqual([[alice, 'limits']]);
  });
});
