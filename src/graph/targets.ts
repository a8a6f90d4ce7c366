// Which of many IAM entities a principal may act on with one action: "which roles may it pass to
// Lambda", "which users may it create an access key for". Asked naively, that is one evaluation per
// (principal, action, entity), millions in a large account. Two observations make it cheap, and
// neither changes an answer, because every answer still comes from EffectivePermissions.findGrant:
// - only the policies that name the action matter, and few policies name an IAM write action, so
//   principals whose policies differ elsewhere share one evaluation (a "view" of their permissions);
// - two entities whose ARNs match exactly the same Resource patterns of those statements get the
//   same answer, so one representative per group of entities is evaluated.
import type { AccountAnalysis, PrincipalAnalysis } from '../policy/account-analysis.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { Grant } from '../policy/effective.js';
import { EffectivePermissions } from '../policy/effective.js';
import { hasWildcard } from '../policy/glob.js';
import { globMatch } from '../util/glob.js';

/** A list of candidate entities, named so groupings of it can be remembered. */
export interface Candidates {
  id: string;
  arns: readonly string[];
}

/** The candidates (indices into Candidates.arns) the principal may act on, and which only under conditions. */
export interface Allowed {
  indices: number[];
  conditional: Set<number>;
}

interface View {
  permissions: EffectivePermissions;
  wildcards: string[];
  exact: Set<string>;
}

export class TargetResolver {
  private readonly views = new Map<string, View | null>();
  private readonly groupings = new Map<string, Map<string, number[]>>();
  private readonly answers = new Map<string, Allowed>();

  constructor(private readonly account: AccountAnalysis) {}

  /**
   * The candidates `principal` may perform `action` on (with `extra` request keys fixed, e.g.
   * iam:PassedToService). Boundary, SCPs, Denies and conditions are those of the principal.
   */
  allowedOn(
    principal: PrincipalAnalysis,
    action: number,
    candidates: Candidates,
    extra?: Record<string, string>,
  ): Allowed {
    const view = this.viewOf(principal, action);
    if (!view) return { indices: [], conditional: new Set() };
    const extraKey = extra ? Object.entries(extra).flat().join('=') : '';
    const answerKey = `${this.viewKey(principal, action)}\u0000${candidates.id}\u0000${extraKey}`;
    let answer = this.answers.get(answerKey);
    if (answer) return answer;
    answer = { indices: [], conditional: new Set() };
    const decide = (arn: string): Grant | null =>
      view.permissions.findGrant(action, { target: arn, ...(extra ? { extra } : {}) });
    for (const members of this.grouping(candidates, view).values()) {
      const grant = decide(candidates.arns[members[0]!]!);
      if (!grant) continue;
      for (const index of members) {
        answer.indices.push(index);
        if (grant.conditional) answer.conditional.add(index);
      }
    }
    candidates.arns.forEach((arn, index) => {
      if (!view.exact.has(arn)) return;
      const grant = decide(arn);
      if (!grant) return;
      answer.indices.push(index);
      if (grant.conditional) answer.conditional.add(index);
    });
    answer.indices.sort((a, b) => a - b);
    this.answers.set(answerKey, answer);
    return answer;
  }

  /** Candidates grouped by which wildcard patterns match them; those an exact pattern names are left out (decided one by one). */
  private grouping(candidates: Candidates, view: View): Map<string, number[]> {
    const key = `${candidates.id}\u0000${view.wildcards.join('\u0000')}\u0000${[...view.exact].sort().join('\u0000')}`;
    let groups = this.groupings.get(key);
    if (!groups) {
      groups = new Map();
      candidates.arns.forEach((arn, index) => {
        if (view.exact.has(arn)) return;
        const signature = view.wildcards.map((pattern) => (globMatch(pattern, arn) ? '1' : '0')).join('');
        const members = groups!.get(signature);
        if (members) members.push(index);
        else groups!.set(signature, [index]);
      });
      this.groupings.set(key, groups);
    }
    return groups;
  }

  /** The policies of the principal that name the action (plus boundary and SCPs), or null when none allows it. */
  private viewOf(principal: PrincipalAnalysis, action: number): View | null {
    const key = this.viewKey(principal, action);
    let view = this.views.get(key);
    if (view === undefined) {
      view = this.buildView(principal, action, key);
      this.views.set(key, view);
    }
    return view;
  }

  private readonly viewKeys = new Map<PrincipalAnalysis, Map<number, string>>();

  private viewKey(principal: PrincipalAnalysis, action: number): string {
    let perAction = this.viewKeys.get(principal);
    if (!perAction) {
      perAction = new Map();
      this.viewKeys.set(principal, perAction);
    }
    let key = perAction.get(action);
    if (key === undefined) {
      const naming = principal.policies.filter((p) => names(p.policy, action));
      const dependent = [...naming.map((p) => p.policy), ...this.limits(principal)].some(
        (policy) => policy.conditionDependent || dependsOnPrincipal(policy, action),
      );
      key = [
        action,
        naming.map((p) => p.key).join('\n'),
        principal.boundaryArn ?? '',
        dependent ? principal.arn : principal.kind,
      ].join('|');
      perAction.set(action, key);
    }
    return key;
  }

  private limits(principal: PrincipalAnalysis): CompiledPolicy[] {
    return [...(principal.boundary ? [principal.boundary] : []), ...this.account.scpLevels.flat()];
  }

  private buildView(principal: PrincipalAnalysis, action: number, key: string): View | null {
    const identity = principal.policies.map((p) => p.policy).filter((policy) => names(policy, action));
    if (!identity.some((policy) => policy.statementsNaming(action).allows.length > 0)) return null;
    const permissions = new EffectivePermissions(
      { identity, boundary: principal.boundary, scpLevels: this.account.scpLevels },
      principal.facts,
      key,
      this.account.env,
    );
    const wildcards = new Set<string>();
    const exact = new Set<string>();
    for (const policy of [...identity, ...this.limits(principal)]) {
      const { allows, denies } = policy.statementsNaming(action);
      for (const statement of [...allows, ...denies]) {
        for (const pattern of policy.resolve(statement, principal.facts).patterns) {
          if (hasWildcard(pattern)) wildcards.add(pattern);
          else exact.add(pattern);
        }
      }
    }
    return { permissions, wildcards: [...wildcards].sort(), exact };
  }
}

function names(policy: CompiledPolicy, action: number): boolean {
  const { allows, denies } = policy.statementsNaming(action);
  return allows.length > 0 || denies.length > 0;
}

function dependsOnPrincipal(policy: CompiledPolicy, action: number): boolean {
  const { allows, denies } = policy.statementsNaming(action);
  return [...allows, ...denies].some((s) => s.resourceDependent || s.conditionDependent);
}
