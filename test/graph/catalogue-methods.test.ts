// Every method of the escalation catalogue as an edge of the access graph: a principal holding
// exactly the method's actions gets an edge of that method, and without any one of them it does
// not. The account holds what the methods exploit: another user, a group the attacker is in and a
// more privileged one, an admin role per service, a role trusting the attacker by name (whose
// policies it may change), a customer managed policy with a broader older version, and the
// organization's management account (for the IAM Identity Center methods).
import { accessGraph } from '../../src/graph/access-graph.js';
import { methodShape } from '../../src/graph/methods.js';
import { ESCALATION_METHODS } from '../../src/policy/privesc-methods.js';
import type { Snapshot, Statement } from '../../src/snapshot/schema.js';
import { managedOrganization } from '../builders/guardrails.js';
import {
  ADMINISTRATOR_ACCESS,
  iamResource,
  inlinePolicy,
  policyWithAdminOldVersion,
  trustPolicy,
} from '../builders/policies.js';
import {
  allow,
  emptySnapshot,
  group,
  role,
  user,
  withAuthorizationDetails,
  withSection,
} from '../builders/snapshot.js';

const ATTACKER = iamResource('user/attacker');

const teamPolicy = policyWithAdminOldVersion('team-policy');

function account(statements: Statement[]): Snapshot {
  const services = [...new Set(ESCALATION_METHODS.flatMap((m) => (m.service ? [m.service] : [])))];
  const snapshot = withAuthorizationDetails(emptySnapshot(), {
    users: [
      user('attacker', {
        inlinePolicies: statements.length > 0 ? [inlinePolicy('granted', ...statements)] : [],
        attachedPolicies: [{ name: teamPolicy.name, arn: teamPolicy.arn }],
        groups: ['team'],
      }),
      user('victim'),
    ],
    roles: [
      ...services.map((service, i) =>
        role(`service-role-${i}`, {
          trustPolicy: trustPolicy({ Service: [service] }),
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ),
      role('own', { trustPolicy: trustPolicy({ AWS: [ATTACKER] }) }),
    ],
    groups: [group('team'), group('admins', { attachedPolicies: [ADMINISTRATOR_ACCESS] })],
    policies: [teamPolicy],
  });
  return withSection(snapshot, 'organization', managedOrganization());
}

/** The methods of the edges leaving the attacker that lead somewhere else. */
function methodsOf(snapshot: Snapshot): string[] {
  const graph = accessGraph(snapshot);
  const attacker = graph.node(ATTACKER)!;
  return graph
    .edgesFrom(attacker)
    .filter((group) => group.targets.some((target) => target !== attacker.id))
    .map((group) => group.method.id);
}

const followed = ESCALATION_METHODS.filter((method) => methodShape(method) !== null);

describe.each(followed.map((method) => [method.id, method] as const))('method %s', (id, method) => {
  test('a principal holding exactly its actions gets an edge of it', () => {
    expect(methodsOf(account([allow([...method.actions])]))).toContain(id);
  });

  // sts:AssumeRole is not needed in the same account once the trust names the principal.
  const needed = method.actions.filter((action) => action.toLowerCase() !== 'sts:assumerole');
  test.each(needed.map((action) => [action]))('without %s it gets none', (missing) => {
    const rest = method.actions.filter((action) => action !== missing);
    expect(methodsOf(account(rest.length > 0 ? [allow(rest)] : []))).not.toContain(id);
  });
});

test('the methods the graph does not read from the catalogue are the assume-a-role entry (its own edge) and CodeStar', () => {
  expect(ESCALATION_METHODS.filter((method) => methodShape(method) === null).map((m) => m.id)).toEqual([
    'bf-sts-assumerole',
    'rsl-23',
    'rsl-25',
  ]);
});
