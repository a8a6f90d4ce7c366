// Role trust policies: who may assume a role. A trust policy is a resource policy on the role; its
// Allow statements for sts:AssumeRole (or the SAML / web identity variants) name principals: `*`,
// AWS accounts and IAM ARNs, service principals, federated identity providers. Conditions can narrow
// them, but only a positive test does: a negated operator, `...IfExists` (which passes when the key
// is absent, as aws:MultiFactorAuthPresent is for long-term keys) or a bare `*` value restrict nothing.
import type { ConditionBlock, PolicyDocument, Principal, RoleDetail } from '../snapshot/schema.js';
import type { ActionCatalog } from './catalog.js';

export interface TrustStatement {
  index: number;
  sid?: string;
  /** `"Principal": "*"`, `{"AWS": "*"}`, or an Allow with NotPrincipal (everyone but a few). */
  anyPrincipal: boolean;
  /** Account ids and IAM ARNs from Principal.AWS. */
  aws: string[];
  /** Service principals, lower-case, without the China `.cn` suffix: `lambda.amazonaws.com`. */
  services: string[];
  federated: string[];
  condition?: ConditionBlock;
}

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** The Allow statements of a role's trust policy that let someone assume it. */
export function trustStatements(role: RoleDetail, catalog: ActionCatalog): TrustStatement[] {
  return role.trustPolicy ? trustStatementsOf(role.trustPolicy, catalog) : [];
}

export function trustStatementsOf(document: PolicyDocument, catalog: ActionCatalog): TrustStatement[] {
  const assume = ASSUME_ACTIONS.map((action) => catalog.requireIndex(action));
  const out: TrustStatement[] = [];
  document.Statement.forEach((statement, index) => {
    if (statement.Effect !== 'Allow') return;
    const named = catalog.named(statement.Action ?? statement.NotAction ?? []);
    const grants = statement.Action ? assume.some((a) => named.has(a)) : assume.some((a) => !named.has(a));
    if (!grants) return;
    const principal: Principal | undefined = statement.Principal;
    const list = (type: string) => (principal && principal !== '*' ? (principal[type] ?? []) : []);
    const aws = list('AWS');
    out.push({
      index,
      ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
      anyPrincipal: principal === '*' || aws.includes('*') || statement.NotPrincipal !== undefined,
      aws: aws.filter((p) => p !== '*'),
      services: list('Service').map(normalizeServicePrincipal),
      federated: list('Federated'),
      ...(statement.Condition ? { condition: statement.Condition } : {}),
    });
  });
  return out;
}

export function normalizeServicePrincipal(service: string): string {
  const lower = service.toLowerCase();
  return lower.endsWith('.amazonaws.com.cn') ? lower.slice(0, -'.cn'.length) : lower;
}

/** Account id of an AWS principal (`123456789012`, `arn:aws:iam::123456789012:root`, a user or role ARN). */
export function accountOfPrincipal(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal);
  return match ? match[1]! : null;
}

/** Does the principal entry stand for a whole account (`123456789012` or `...:root`)? */
export function isAccountPrincipal(principal: string): boolean {
  return /^\d{12}$/.test(principal) || /^arn:[^:]+:iam::\d{12}:root$/.test(principal);
}

/** Key/values pairs under positive operators: the tests a request must pass by bringing a matching value. */
function positiveTests(condition: ConditionBlock | undefined): Array<[key: string, values: string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const [operator, entries] of Object.entries(condition ?? {})) {
    const base = operator.slice(operator.indexOf(':') + 1).toLowerCase();
    if (base.endsWith('ifexists') || base.includes('not') || base === 'null') continue;
    for (const [key, values] of Object.entries(entries)) out.push([key.toLowerCase(), values]);
  }
  return out;
}

/**
 * Condition keys (lower-case) the block tests positively, so a request must bring a matching
 * value: StringEquals, StringLike, ArnLike, Bool, Numeric*... on a value other than `*`.
 */
export function constrainedKeys(condition: ConditionBlock | undefined): Set<string> {
  return new Set(
    positiveTests(condition)
      .filter(([, values]) => values.length > 0 && values.every((v) => v !== '*'))
      .map(([key]) => key),
  );
}

/** The values a condition requires for a key under a positive operator (e.g. the org ids of aws:PrincipalOrgID). */
export function requiredValues(condition: ConditionBlock | undefined, key: string): string[] {
  const wanted = key.toLowerCase();
  return positiveTests(condition).flatMap(([name, values]) => (name === wanted ? values : []));
}

/** Is MFA required to assume through this statement (aws:MultiFactorAuthPresent true, or an MFA age limit)? */
export function requiresMfa(condition: ConditionBlock | undefined): boolean {
  if (constrainedKeys(condition).has('aws:multifactorauthage')) return true;
  return requiredValues(condition, 'aws:MultiFactorAuthPresent').some((v) => v.toLowerCase() === 'true');
}

/** Path of service-linked roles: AWS owns them, their policies cannot be changed, SCPs do not apply. */
export function isServiceLinkedRole(role: { path: string }): boolean {
  return role.path.startsWith('/aws-service-role/');
}

/**
 * Service principals that run the account's own code as the role they are given: an instance, a
 * function, a task, a build. Such a role only ever reaches the service through iam:PassRole by a
 * principal of this account, which cannot happen across accounts, so the cross-service confused
 * deputy problem does not arise for them; and a powerful role here hands its power to whatever
 * code runs.
 */
export const COMPUTE_SERVICE_PRINCIPALS: readonly string[] = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'edgelambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'pods.eks.amazonaws.com',
  'batch.amazonaws.com',
  'codebuild.amazonaws.com',
  'glue.amazonaws.com',
  'sagemaker.amazonaws.com',
  'elasticmapreduce.amazonaws.com',
  'tasks.apprunner.amazonaws.com',
  'bedrock-agentcore.amazonaws.com',
];
