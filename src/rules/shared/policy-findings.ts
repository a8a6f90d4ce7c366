// Turning policy analysis into findings: the pieces the policy and trust rules share (exempting
// principals, naming things in messages, reporting a policy document once with the statements that
// matter), so every rule words and shapes its evidence the same way.
import { z } from 'zod';
import { accessGraph } from '../../graph/access-graph.js';
import type { GraphPath } from '../../graph/paths.js';
import { pathProof } from '../../graph/proof.js';
import type { RoleDetail, Snapshot } from '../../snapshot/schema.js';
import { globMatch, STAR_ONLY } from '../../util/glob.js';
import { joinWithAnd } from '../../util/words.js';
import type { Finding, RuleContext } from '../types.js';
import { documentReadable, trustReadable } from './undecodable-policies.js';
import type {
  AccountAnalysis,
  PolicyDocumentEntry,
  PrincipalAnalysis,
  PrincipalPolicy,
} from '../../policy/account-analysis.js';
import { analyzeAccount } from '../../policy/account-analysis.js';
import type { ActionCatalog } from '../../policy/catalog.js';
import type { StatementPosition } from '../../policy/compiled-policy.js';
import { statementId } from '../../policy/compiled-policy.js';

export { statementId } from '../../policy/compiled-policy.js';
import type { ActionSet } from '../../policy/action-set.js';
import type { FullAdmin, Grant } from '../../policy/effective.js';
import type { TrustStatement } from '../../policy/trust.js';

export const allowPrincipalsOption = z
  .array(z.string().min(1))
  .default([])
  .describe(
    'ARN globs (`*` matches any run of characters) of principals this rule never reports: break-glass ' +
      'users, SSO permission-set roles (`arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*`)...',
  );

/**
 * Principals a principal-level rule skips: service-linked roles (AWS owns them and their
 * permissions) and those matching the rule's allowPrincipals globs.
 */
export function isExempt(principal: PrincipalAnalysis, allowPrincipals: readonly string[] = []): boolean {
  return (
    principal.isServiceLinked || allowPrincipals.some((glob) => globMatch(glob, principal.arn, STAR_ONLY))
  );
}

const KIND_LABEL = { user: 'User', group: 'Group', role: 'Role' } as const;

/** "User alice", "Role app-deployer", for the start of a message. */
export function describePrincipal(principal: PrincipalAnalysis): string {
  return `${KIND_LABEL[principal.kind]} ${principal.name}`;
}

/** The last path segment of an ARN: `user/dev/alice` -> `alice`. */
function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** "AdministratorAccess", "inline policy deploy", "AdministratorAccess (via group admins)". */
export function describePolicy(policy: PrincipalPolicy, principal: PrincipalAnalysis): string {
  const name =
    'policyArn' in policy.reference
      ? lastSegment(policy.reference.policyArn)
      : `inline policy ${policy.reference.inlinePolicy}`;
  const via = policy.attachedThrough
    .filter((arn) => arn !== principal.arn)
    .map((arn) => `group ${lastSegment(arn)}`);
  return via.length > 0 ? `${name} (via ${via.join(', ')})` : name;
}

/** "AdministratorAccess (via group admins)": the policies that make a principal full admin. */
export function fullAdminSources(principal: PrincipalAnalysis, admin: FullAdmin): string {
  return joinWithAnd(
    admin.grantingPolicies.map((index) => describePolicy(principal.policies[index]!, principal)),
  );
}

/** "statement 2", "statement AllowDeploy", for messages. */
export function statementLabel(statement: StatementPosition): string {
  return `statement ${statementId(statement)}`;
}

/**
 * Roles a trust rule judges (service-linked roles are AWS's), with their trust statements. A role
 * whose trust policy could not be decoded is reported not evaluated instead.
 */
export function trustedRoles(
  analysis: AccountAnalysis,
  notEvaluated: RuleContext<unknown>['notEvaluated'],
): Array<{ role: RoleDetail; principal: PrincipalAnalysis; statements: readonly TrustStatement[] }> {
  return analysis.roles.flatMap((principal) => {
    if (isExempt(principal)) return [];
    const role = principal.detail as RoleDetail;
    if (!trustReadable(role, notEvaluated)) return [];
    return [{ role, principal, statements: analysis.trustOf(role) }];
  });
}

/**
 * "a, b, c and 4 more": keeps messages short when a policy grants hundreds of actions. `total`
 * is the full count when `items` holds only the first few.
 */
export function listWithMore(items: readonly string[], shown = 5, total = items.length): string {
  if (total <= shown) return joinWithAnd(items);
  return `${items.slice(0, shown).join(', ')} and ${total - shown} more`;
}

/** Evidence for statements of one document (the document is the finding's resource). */
export function statementEvidence(grants: readonly Grant[]): Array<Record<string, unknown>> {
  return grants.map((grant) => ({
    statement: statementId(grant.statement),
    ...(grant.conditional ? { conditional: true, conditionKeys: grant.conditionKeys } : {}),
  }));
}

/** A finding about a policy document: on the policy ARN, or on the owner with the inline policy's name. */
export function documentFinding(
  entry: PolicyDocumentEntry,
  message: string,
  evidence: Record<string, unknown>,
): Finding {
  const inlinePolicy = entry.subject.policy;
  return {
    resource: entry.resource,
    ...(entry.discriminator !== undefined ? { discriminator: entry.discriminator } : {}),
    message,
    evidence: inlinePolicy !== undefined ? { inlinePolicy, ...evidence } : evidence,
    subject: entry.subject,
  };
}

/** Evidence lists at most this many action names (a NotAction grant can allow thousands). */
const EVIDENCE_ACTIONS = 50;

export interface EverywhereGrant {
  entry: PolicyDocumentEntry;
  /** How many of the wanted actions the document allows on every resource. */
  actionCount: number;
  /** The first EVIDENCE_ACTIONS of their names, sorted. */
  actions: string[];
  /** The statements allowing them. */
  grants: Grant[];
  /** Every granting statement is conditional, or a conditional Deny may take them away. */
  conditional: boolean;
}

/**
 * Policy documents that allow some of `wanted` on every resource (a Deny on every resource in the
 * same document removes them). Documents that are full admin are left out: policy-full-admin
 * already reports them, and listing every narrower problem of `*` would bury that one finding.
 * Documents that could not be decoded are reported not evaluated.
 */
export function documentsAllowingEverywhere(
  analysis: AccountAnalysis,
  wanted: ActionSet,
  notEvaluated: RuleContext<unknown>['notEvaluated'],
  options: { unconditionalOnly?: boolean } = {},
): EverywhereGrant[] {
  const catalog = analysis.env.catalog;
  const out: EverywhereGrant[] = [];
  for (const entry of analysis.policyDocuments()) {
    if (!documentReadable(entry, notEvaluated)) continue;
    const { always, maybe, conditionallyDenied } = entry.permissions.allowedEverywhere();
    const granted = options.unconditionalOnly ? always : maybe;
    if (!granted.intersects(wanted) || entry.permissions.fullAdmin()) continue;
    const allowed = granted.clone().intersectWith(wanted);
    if (options.unconditionalOnly) allowed.subtract(conditionallyDenied);
    if (allowed.isEmpty()) continue;
    const grants = entry.permissions
      .statementsAllowingEverywhere(allowed)
      .filter((grant) => !options.unconditionalOnly || !grant.conditional);
    const indices = allowed.toArray();
    out.push({
      entry,
      actionCount: indices.length,
      // Catalogue order is service, then action, alphabetically.
      actions: indices.slice(0, EVIDENCE_ACTIONS).map((index) => catalog.nameOf(index)),
      grants,
      conditional: !always.containsAll(allowed) || conditionallyDenied.intersects(allowed),
    });
  }
  return out;
}

/**
 * The findings of a rule about actions allowed on every resource: one per document, naming the
 * actions (`phrase` words them) and the statements that allow them.
 */
export function allowedEverywhereFindings(
  { snapshot, notEvaluated }: Pick<RuleContext<unknown>, 'snapshot' | 'notEvaluated'>,
  wanted: (catalog: ActionCatalog) => ActionSet,
  phrase: (actions: readonly string[], count: number) => string,
  options: { unconditionalOnly?: boolean } = {},
): Finding[] {
  const analysis = analyzeAccount(snapshot);
  const documents = documentsAllowingEverywhere(
    analysis,
    wanted(analysis.env.catalog),
    notEvaluated,
    options,
  );
  return documents.map((found) => {
    const keys = [...new Set(found.grants.flatMap((grant) => grant.conditionKeys))];
    return documentFinding(
      found.entry,
      `${found.entry.label} allows ${phrase(found.actions, found.actionCount)}${conditionalSuffix(found.conditional, keys)}.`,
      {
        actionCount: found.actionCount,
        actions: found.actions,
        statements: statementEvidence(found.grants),
        ...(found.conditional ? { conditional: true } : {}),
      },
    );
  });
}

/** The message suffix for a conditional grant: " when its conditions hold (aws:SourceIp)". */
export function conditionalSuffix(conditional: boolean, keys: readonly string[]): string {
  if (!conditional) return '';
  return keys.length > 0 ? ` when its conditions hold (${keys.join(', ')})` : ' under conditions';
}

/** "role deploy (assume-role-trusted-by-arn) -> full admin (rsl-09)": a path with the method of each hop. */
export function pathWithMethods(path: GraphPath): string {
  return [
    path.start.label,
    ...path.hops.map(
      (hop) => `${hop.to.label} (${hop.group.method.id}${hop.conditional ? ', conditional' : ''})`,
    ),
  ].join(' -> ');
}

/** Evidence of a path: every hop with the statements that allow it. */
export function pathEvidence(snapshot: Snapshot, path: GraphPath): Record<string, unknown> {
  return { path: pathProof(accessGraph(snapshot), path) };
}
