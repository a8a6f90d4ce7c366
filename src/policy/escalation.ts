// Privilege escalation: which known methods (privesc-methods.ts) a principal's effective
// permissions make possible. A method applies when every one of its actions is allowed on a
// resource that serves it: CreateAccessKey on some user other than oneself, CreatePolicyVersion on a
// customer managed policy, PassRole on a role... For methods that end up running as a role of some
// service, the account must hold a role that service can assume (and, for PassRole, one the
// principal may pass to it); when it holds none the method stays reported, with lower severity,
// because such a role can appear any day.
import type { ActionSet } from './action-set.js';
import type { ActionCatalog } from './catalog.js';
import type { AnalysisEnvironment, CompiledPolicy } from './compiled-policy.js';
import type { EffectivePermissions, Grant } from './effective.js';
import type { ActionTarget, EscalationMethod } from './privesc-methods.js';
import { ACTION_TARGETS, ESCALATION_METHODS } from './privesc-methods.js';

/** A role an escalation could end up in, with whom its trust policy lets in directly. */
export interface CandidateRole {
  arn: string;
  /** The trust policy names this account (`ACCOUNT` or `:root`) or `*`: any principal allowed to assume it can. */
  trustsAccount: boolean;
  /** IAM user and role ARNs of this account the trust policy names one by one. */
  trustedPrincipals: readonly string[];
}

/** What the account holds that methods depend on, beyond the principal's own permissions. */
export interface EscalationEnvironment {
  env: AnalysisEnvironment;
  /** Roles (not service-linked) that `service` may assume, in a stable order. */
  rolesTrusting(service: string): readonly string[];
  /** Full-admin roles that principals of this account may assume. */
  adminRoles(): readonly CandidateRole[];
  /** Whether the account is its organization's management account; undefined when organization data is missing. */
  isManagementAccount(): boolean | undefined;
  /** Compiled non-default versions of a customer managed policy. */
  nonDefaultVersions(policy: CompiledPolicy): ReadonlyArray<{ versionId: string; policy: CompiledPolicy }>;
}

export type EscalationSeverity = 'high' | 'medium';

export interface MethodMatch {
  method: EscalationMethod;
  severity: EscalationSeverity;
  /** Some grant depends on a condition that may not hold. */
  conditional: boolean;
  /** One grant per action of the method, in the method's order. */
  grants: Array<{ action: string; grant: Grant }>;
  /** What the method assumes about the account that the snapshot could not confirm (it is then conditional). */
  assumption?: string;
  /** Why the severity is lowered (nothing to pass or take over yet). */
  lowered?: string;
  /** Roles of the service the principal may pass (PassRole methods), at most a few. */
  passableRoles?: string[];
  /** The non-default version that SetDefaultPolicyVersion would activate. */
  policyVersion?: { policyArn: string; versionId: string };
  /** Full-admin roles the principal may assume (before checking that their trust lets it in). */
  adminRoles?: CandidateRole[];
}

const PASS_ROLE = 'iam:passrole';
const PASSED_TO_SERVICE = 'iam:passedtoservice';
/** Enough roles to show in evidence; looking for more only costs time. */
const MAX_ROLES_SHOWN = 3;

const actionIndices = new WeakMap<ActionCatalog, number[][]>();

/** Per method, the catalogue indices of its actions (looked up once per catalogue). */
function methodActionIndices(catalog: ActionCatalog): number[][] {
  let indices = actionIndices.get(catalog);
  if (!indices) {
    indices = ESCALATION_METHODS.map((method) =>
      method.actions.map((action) => catalog.requireIndex(action)),
    );
    actionIndices.set(catalog, indices);
  }
  return indices;
}

const targeted = new WeakMap<ActionCatalog, ActionSet>();

/** Actions escalation asks about on specific users, groups, roles, policies or instance profiles. */
export function targetedActions(catalog: ActionCatalog): ActionSet {
  let set = targeted.get(catalog);
  if (!set) {
    set = catalog.setOf(Object.keys(ACTION_TARGETS));
    targeted.set(catalog, set);
  }
  return set;
}

function targetPattern(env: AnalysisEnvironment, target: ActionTarget | undefined): string {
  const prefix = `arn:${env.partition}:iam::${env.accountId}:`;
  switch (target) {
    case 'other-user':
    case 'user':
      return `${prefix}user/*`;
    case 'group':
      return `${prefix}group/*`;
    case 'role':
      return `${prefix}role/*`;
    case 'customer-policy':
      return `${prefix}policy/*`;
    case 'instance-profile':
      return `${prefix}instance-profile/*`;
    case undefined:
      return '*';
  }
}

/**
 * Every method the permissions allow. `principalArn` is the principal itself (a key for yourself
 * is no escalation). Results depend on the principal only through the permissions and that ARN.
 */
export function findEscalations(
  permissions: EffectivePermissions,
  principalArn: string,
  account: EscalationEnvironment,
): MethodMatch[] {
  const { catalog } = account.env;
  const maybe = new Map<number, boolean>();
  const mayAllow = (action: number) => {
    let answer = maybe.get(action);
    if (answer === undefined) {
      answer = permissions.mayAllow(action);
      maybe.set(action, answer);
    }
    return answer;
  };
  const passable = new Map<string, string[]>();
  const matches: MethodMatch[] = [];

  const passableRoles = (service: string): string[] => {
    let roles = passable.get(service);
    if (!roles) {
      roles = [];
      const passRole = catalog.requireIndex(PASS_ROLE);
      for (const role of account.rolesTrusting(service)) {
        const grant = permissions.findGrant(passRole, {
          target: role,
          extra: { [PASSED_TO_SERVICE]: service },
        });
        if (grant && roles.push(role) >= MAX_ROLES_SHOWN) break;
      }
      passable.set(service, roles);
    }
    return roles;
  };

  for (const [m, method] of ESCALATION_METHODS.entries()) {
    const indices = methodActionIndices(catalog)[m]!;
    if (!indices.every(mayAllow)) continue;
    const grants: MethodMatch['grants'] = [];
    for (const [i, action] of method.actions.entries()) {
      const lower = action.toLowerCase();
      const target = ACTION_TARGETS[lower];
      const grant = permissions.findGrant(indices[i]!, {
        target: targetPattern(account.env, target),
        ...(target === 'other-user' ? { excludeArn: principalArn } : {}),
        ...(lower === PASS_ROLE && method.service ? { extra: { [PASSED_TO_SERVICE]: method.service } } : {}),
      });
      if (!grant) break;
      grants.push({ action, grant });
    }
    if (grants.length < method.actions.length) continue;

    const match: MethodMatch = {
      method,
      severity: 'high',
      conditional: grants.some(({ grant }) => grant.conditional),
      grants,
    };
    if (!applyPrecondition(match, permissions, account)) continue;
    if (method.service) {
      const usesPassRole = method.actions.some((a) => a.toLowerCase() === PASS_ROLE);
      if (usesPassRole) {
        match.passableRoles = passableRoles(method.service);
        if (match.passableRoles.length === 0) lowerForNoPassableRole(match, method.service);
      } else if (account.rolesTrusting(method.service).length === 0) {
        match.severity = 'medium';
        match.lowered = `no role in the account trusts ${method.service}`;
      }
    }
    matches.push(match);
  }
  return matches;
}

function lowerForNoPassableRole(match: MethodMatch, service: string): void {
  match.severity = 'medium';
  match.lowered = `no role it may pass trusts ${service}`;
}

/**
 * Adapts a match found for a set of policies to one principal holding them: a principal gains
 * nothing by passing or assuming itself, and an admin role only helps when its trust policy lets
 * this principal in (by account or by name).
 */
export function matchForPrincipal(match: MethodMatch, principalArn: string): MethodMatch | null {
  const adjusted: MethodMatch = { ...match };
  if (match.adminRoles) {
    adjusted.adminRoles = match.adminRoles.filter(
      (role) =>
        role.arn !== principalArn && (role.trustsAccount || role.trustedPrincipals.includes(principalArn)),
    );
    if (adjusted.adminRoles.length === 0) return null;
  }
  if (match.passableRoles?.includes(principalArn)) {
    adjusted.passableRoles = match.passableRoles.filter((role) => role !== principalArn);
    if (adjusted.passableRoles.length === 0) lowerForNoPassableRole(adjusted, match.method.service!);
  }
  return adjusted;
}

/** Checks what a method needs besides its actions; fills in what it would use. False when it cannot work. */
function applyPrecondition(
  match: MethodMatch,
  permissions: EffectivePermissions,
  account: EscalationEnvironment,
): boolean {
  const { catalog } = account.env;
  switch (match.method.precondition) {
    case undefined:
      return true;
    case 'more-permissive-policy-version': {
      const setDefault = catalog.requireIndex('iam:SetDefaultPolicyVersion');
      const current = permissions.allowedSomewhere();
      for (const policy of permissions.layers.identity) {
        if (policy.origin.kind !== 'managed' || policy.origin.awsManaged) continue;
        const policyArn = policy.origin.arn;
        for (const version of account.nonDefaultVersions(policy)) {
          const grants = permissions.allowedSomewhereBy(version.policy);
          if (!grants || current.containsAll(grants)) continue;
          if (!permissions.findGrant(setDefault, { target: policyArn })) continue;
          match.policyVersion = { policyArn, versionId: version.versionId };
          return true;
        }
      }
      return false;
    }
    case 'assumable-admin-role': {
      const assumeRole = catalog.requireIndex('sts:AssumeRole');
      match.adminRoles = account
        .adminRoles()
        .filter((role) => permissions.findGrant(assumeRole, { target: role.arn }));
      return match.adminRoles.length > 0;
    }
    case 'organization-management-account': {
      const management = account.isManagementAccount();
      if (management === undefined) {
        match.conditional = true;
        match.assumption =
          "if this is the organization's management account (organization data was not collected)";
      }
      return management !== false;
    }
  }
}
