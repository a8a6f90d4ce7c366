// The proof of a path, hop by hop: for each hop the statements that allow each action it needs
// (policy ARN or inline policy and owner, version, statement index and Sid, resource) and, for a
// role assumption, the trust statement that lets the principal in. Built only for the paths that
// are shown, from the same effective permissions the graph was built from.
import type { PolicyReference } from '../policy/account-analysis.js';
import { ACTION_TARGETS } from '../policy/privesc-methods.js';
import type { AccessGraph, GraphNode, HopDetail } from './access-graph.js';
import { hopDetail } from './access-graph.js';
import { ASSUME_ROLE, PASS_ROLE } from './methods.js';
import type { GraphPath, Hop } from './paths.js';

export interface HopStatement {
  action: string;
  /** An identity policy, or the trust policy of a role. */
  policy: PolicyReference | { trustPolicyOf: string };
  version?: string;
  statementIndex: number;
  sid?: string;
  resource?: string;
  attachedThrough?: string[];
  conditional?: true;
  conditionKeys?: readonly string[];
}

export interface HopProof {
  from: string;
  to: string;
  method: string;
  methodName: string;
  kind: string;
  actions: string[];
  conditional?: true;
  subject?: string;
  notes?: string[];
  statements: HopStatement[];
}

export interface PathProof {
  to: string;
  admin: boolean;
  conditional?: true;
  hops: HopProof[];
}

export function pathProof(graph: AccessGraph, path: GraphPath): PathProof {
  return {
    to: path.end.arn,
    admin: path.admin,
    ...(path.conditional ? { conditional: true as const } : {}),
    hops: path.hops.map((hop) => hopProof(graph, hop)),
  };
}

export function hopProof(graph: AccessGraph, hop: Hop): HopProof {
  const detail = hopDetail(hop.group, hop.to.id);
  const method = hop.group.method;
  const statements: HopStatement[] = [];
  if (detail.trust) {
    statements.push({
      action: 'sts:AssumeRole',
      policy: { trustPolicyOf: hop.to.arn },
      statementIndex: detail.trust.index,
      ...(detail.trust.sid !== undefined ? { sid: detail.trust.sid } : {}),
    });
  }
  const actions = method.kind === 'assume-role' && !detail.needsAssumeGrant ? [] : method.actions;
  for (const action of actions) {
    const statement = grantStatement(
      graph,
      hop.from,
      action,
      resourceFor(graph, hop, detail, action),
      method.service,
    );
    if (statement) statements.push(statement);
  }
  return {
    from: hop.from.arn,
    to: hop.to.arn,
    method: method.id,
    methodName: method.name,
    kind: method.kind,
    actions: [...method.actions],
    ...(hop.conditional ? { conditional: true as const } : {}),
    ...(detail.subject ? { subject: detail.subject } : {}),
    ...(detail.notes ? { notes: detail.notes } : {}),
    statements,
  };
}

/** The resource an action of the hop is performed on. */
function resourceFor(graph: AccessGraph, hop: Hop, detail: HopDetail, action: string): string {
  const lower = action.toLowerCase();
  const iam = (resource: string) =>
    `arn:${graph.account.env.partition}:iam::${graph.account.env.accountId}:${resource}`;
  if (lower.endsWith('permissionsboundary')) return detail.subject ?? hop.from.arn;
  const subjectOf = (kind: string) => (detail.subject?.includes(`:${kind}/`) ? detail.subject : undefined);
  switch (ACTION_TARGETS[lower]) {
    case 'role':
      return subjectOf('role') ?? (hop.to.kind === 'role' ? hop.to.arn : iam('role/*'));
    case 'user':
    case 'other-user':
      return subjectOf('user') ?? hop.to.arn;
    case 'group':
      return subjectOf('group') ?? hop.to.arn;
    case 'customer-policy':
      return detail.policy ?? iam('policy/*');
    case 'instance-profile':
      return iam('instance-profile/*');
    default:
      return lower === ASSUME_ROLE ? hop.to.arn : '*';
  }
}

function grantStatement(
  graph: AccessGraph,
  from: GraphNode,
  action: string,
  target: string,
  service: string | undefined,
): HopStatement | null {
  const principal = from.principal;
  const index = graph.account.env.catalog.indexOf(action);
  if (!principal || index === undefined) return null;
  const permissions = principal.permissions.forPrincipal(principal.facts, principal.arn);
  const lower = action.toLowerCase();
  const grant = permissions.findGrant(index, {
    target,
    ...(lower === PASS_ROLE && service ? { extra: { 'iam:passedtoservice': service } } : {}),
  });
  if (!grant) return null;
  const evidence = principal.grantEvidence(grant);
  const origin = permissions.layers.identity[grant.policy]!.origin;
  return {
    action,
    policy: evidence.policy,
    ...(origin.kind === 'managed' && origin.versionId ? { version: origin.versionId } : {}),
    statementIndex: grant.statement.index,
    ...(grant.statement.sid !== undefined ? { sid: grant.statement.sid } : {}),
    resource: evidence.resource,
    ...(evidence.attachedThrough ? { attachedThrough: evidence.attachedThrough } : {}),
    ...(evidence.conditional ? { conditional: true as const } : {}),
    ...(evidence.conditionKeys ? { conditionKeys: evidence.conditionKeys } : {}),
  };
}
