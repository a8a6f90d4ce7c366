// The kinds of edge of the access graph, and how each method of the escalation catalogue
// (privesc-methods.ts) becomes one. A method is read from its actions, their target kinds
// (ACTION_TARGETS) and its service, never from its id, so a new catalogue entry needs no change here.
import type { EscalationMethod } from '../policy/privesc-methods.js';
import { ACTION_TARGETS } from '../policy/privesc-methods.js';

export type EdgeKind =
  | 'assume-role'
  | 'user-credentials'
  | 'policy-change'
  | 'boundary-removal'
  | 'join-group'
  | 'trust-rewrite'
  | 'pass-role'
  | 'compute-takeover';

/** What an edge records about how it is taken: a catalogue method, or one of the graph's own. */
export interface EdgeMethod {
  id: string;
  name: string;
  kind: EdgeKind;
  actions: readonly string[];
  sources: readonly string[];
  /** The service whose role the method ends up using (pass-role, compute-takeover). */
  service?: string;
}

const ROLE_TRUST_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html';

export const ASSUME_TRUSTED_BY_ARN: EdgeMethod = {
  id: 'assume-role-trusted-by-arn',
  name: 'Assume a role whose trust policy names it (same account: no identity-policy grant needed)',
  kind: 'assume-role',
  actions: ['sts:AssumeRole'],
  sources: [ROLE_TRUST_DOCS],
};

export const ASSUME_TRUSTING_ACCOUNT: EdgeMethod = {
  id: 'assume-role-trusting-account',
  name: 'Assume a role whose trust policy names the account, with sts:AssumeRole granted',
  kind: 'assume-role',
  actions: ['sts:AssumeRole'],
  sources: [ROLE_TRUST_DOCS],
};

export const REMOVE_OWN_BOUNDARY: EdgeMethod = {
  id: 'remove-own-permissions-boundary',
  name: 'Delete or replace its own permissions boundary',
  kind: 'boundary-removal',
  actions: ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
  sources: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html'],
};

/** Actions that change a principal's policies (as opposed to reaching it). */
const POLICY_CHANGES = new Set([
  'iam:attachuserpolicy',
  'iam:putuserpolicy',
  'iam:attachgrouppolicy',
  'iam:putgrouppolicy',
  'iam:attachrolepolicy',
  'iam:putrolepolicy',
  'iam:createpolicyversion',
  'iam:setdefaultpolicyversion',
]);

export const PASS_ROLE = 'iam:passrole';
export const ASSUME_ROLE = 'sts:assumerole';
export const UPDATE_TRUST = 'iam:updateassumerolepolicy';
export const CREATE_ROLE = 'iam:createrole';
export const ADD_TO_GROUP = 'iam:addusertogroup';
export const SET_DEFAULT_VERSION = 'iam:setdefaultpolicyversion';
export const CREATE_POLICY_VERSION = 'iam:createpolicyversion';

/** How the graph reads a catalogue method; null for methods it does not follow (documented in docs/access-graph.md). */
export type MethodShape =
  | { shape: 'service'; passRole: boolean }
  | { shape: 'new-role' }
  | { shape: 'trust-rewrite'; changesPolicies: boolean }
  | { shape: 'policy-version' }
  | { shape: 'default-version' }
  | { shape: 'role-policy' }
  | { shape: 'join-group' }
  | { shape: 'group-policy' }
  | { shape: 'user-credentials'; changesPolicies: boolean }
  | { shape: 'user-policy' }
  /** IAM Identity Center: a permission set assigned in any account of the organization. */
  | { shape: 'organization-admin' };

export function methodShape(method: EscalationMethod): MethodShape | null {
  const lower = method.actions.map((a) => a.toLowerCase());
  const kinds = new Set(lower.map((a) => ACTION_TARGETS[a]));
  const changesPolicies = lower.some((a) => POLICY_CHANGES.has(a));
  // The catalogue's "assume a full-admin role" is the graph's own assume-role edge.
  if (method.precondition === 'assumable-admin-role') return null;
  if (method.precondition === 'organization-management-account') return { shape: 'organization-admin' };
  if (method.service) return { shape: 'service', passRole: lower.includes(PASS_ROLE) };
  if (lower.includes(SET_DEFAULT_VERSION)) return { shape: 'default-version' };
  if (lower.includes(CREATE_ROLE)) return { shape: 'new-role' };
  if (lower.includes(UPDATE_TRUST)) return { shape: 'trust-rewrite', changesPolicies };
  if (lower.includes(CREATE_POLICY_VERSION)) return { shape: 'policy-version' };
  if (kinds.has('role')) return changesPolicies ? { shape: 'role-policy' } : null;
  if (lower.includes(ADD_TO_GROUP)) return { shape: 'join-group' };
  if (kinds.has('group')) return { shape: 'group-policy' };
  if (kinds.has('other-user')) return { shape: 'user-credentials', changesPolicies };
  if (kinds.has('user')) return { shape: 'user-policy' };
  return null;
}

export function edgeKindOf(method: EscalationMethod, shape: MethodShape): EdgeKind {
  switch (shape.shape) {
    case 'service':
      return shape.passRole ? 'pass-role' : 'compute-takeover';
    case 'trust-rewrite':
      return shape.changesPolicies ? 'policy-change' : 'trust-rewrite';
    case 'join-group':
      return 'join-group';
    case 'user-credentials':
      return shape.changesPolicies ? 'policy-change' : 'user-credentials';
    default:
      return method.category === 'credentials-of-other-principal' ? 'user-credentials' : 'policy-change';
  }
}

/** The catalogue method as an edge method. */
export function edgeMethodOf(method: EscalationMethod, shape: MethodShape): EdgeMethod {
  return {
    id: method.id,
    name: method.name,
    kind: edgeKindOf(method, shape),
    actions: method.actions,
    sources: method.sources,
    ...(method.service ? { service: method.service } : {}),
  };
}
