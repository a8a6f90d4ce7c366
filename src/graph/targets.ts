// Which of many IAM entities a principal may act on with one action: "which roles may it pass to
// Lambda", "which users may it create an access key for". Asked naively, that is one evaluation per
// (principal, action, entity), millions in a large account. Two observations make it cheap, and
// neither changes an answer, because every answer still comes from EffectivePermissions.findGrant:
// - only the policies that name the action matter, and few policies name an IAM write action, so
//   principals whose policies differ elsewhere share one evaluation (a "view" of their permissions);
// - two entities whose ARNs match exactly the same Resource patterns of those statements get the
//   same answer, so one representative per group of entities is evaluated;
// - a policy variable in Resource (`user/${aws:username}`) makes each principal's patterns its own,
//   but an exact ARN that names none of the candidates can match none of them (patterns are case
//   sensitive), so principals whose patterns differ only there share the answer: without this,
//   every holder of a self-service policy would get its own answer, and its own edge group.
import type { AccountAnalysis, PrincipalAnalysis, PrincipalPolicy } from '../policy/account-analysis.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { Grant } from '../policy/effective.js';
import { EffectivePermissions } from '../policy/effective.js';
import { hasWildcard } from '../policy/glob.js';
import { globMatch } from '../util/glob.js';
import { IdSet } from './id-set.js';

/** A list of candidate entities, named so groupings of it can be remembered. */
export interface Candidates {
  id: string;
  arns: readonly string[];
}

/**
 * The candidates (indices into Candidates.arns, ascending) the principal may act on, and which only
 * under conditions. Shared: never modify. Typed, not a number[]: at 15,000 principals the answers
 * hold 14 million indices, and an Int32Array takes half the memory of an array of small integers.
 */
export interface Allowed {
  indices: Int32Array;
  conditional: IdSet;
}

/** What the resolver reads of a principal (the graph also asks for principals it derives). */
export interface ResolverPrincipal extends Pick<
  PrincipalAnalysis,
  'arn' | 'kind' | 'boundary' | 'boundaryArn' | 'facts'
> {
  policies: ReadonlyArray<Pick<PrincipalPolicy, 'key' | 'policy'>>;
}

/** The resource patterns one statement resolves to when they depend on the principal. */
interface ResolvedPatterns {
  statement: string;
  unresolved: boolean;
  wildcards: readonly string[];
  exact: readonly string[];
}

interface View {
  permissions: EffectivePermissions;
  wildcards: string[];
  exact: Set<string>;
  /**
   * Principals whose views have the same share key and the same `varying` patterns (exact ones
   * limited to the candidates) get the same answer. Null when conditions depend on the principal:
   * then the answer is its own.
   */
  shareKey: string | null;
  varying: readonly ResolvedPatterns[];
}

const NOTHING: Allowed = { indices: new Int32Array(0), conditional: new IdSet() };

export class TargetResolver {
  private readonly views = new Map<string, View | null>();
  private readonly groupings = new Map<string, number[][]>();
  private readonly answers = new Map<string, Allowed>();

  constructor(private readonly account: AccountAnalysis) {}

  /**
   * The candidates `principal` may perform `action` on (with `extra` request keys fixed, e.g.
   * iam:PassedToService). Boundary, SCPs, Denies and conditions are those of the principal.
   */
  allowedOn(
    principal: ResolverPrincipal,
    action: number,
    candidates: Candidates,
    extra?: Record<string, string>,
  ): Allowed {
    const view = this.viewOf(principal, action);
    if (!view) return NOTHING;
    const extraKey = extra ? Object.entries(extra).flat().join('=') : '';
    const named = this.namedExactly(candidates);
    const answerKey = [
      named && view.shareKey !== null
        ? `${view.shareKey}\u0000${varyingKey(view.varying, named)}`
        : this.viewKey(principal, action),
      candidates.id,
      extraKey,
    ].join('\u0000');
    let answer = this.answers.get(answerKey);
    if (answer) return answer;
    const indices: number[] = [];
    const conditional = new IdSet();
    const exact = named ? new Set([...view.exact].filter((arn) => named.has(arn))) : view.exact;
    // Candidates an exact pattern names are decided one by one; the others by one representative
    // of their group.
    const oneByOne = this.positionsOf(candidates, exact);
    const grantOn = (index: number): Grant | null =>
      view.permissions.findGrant(action, { target: candidates.arns[index]!, ...(extra ? { extra } : {}) });
    const allow = (index: number, grant: Grant): void => {
      indices.push(index);
      if (grant.conditional) conditional.add(index);
    };
    for (const members of this.grouping(candidates, view.wildcards)) {
      const representative = oneByOne.size === 0 ? members[0] : members.find((index) => !oneByOne.has(index));
      if (representative === undefined) continue;
      const grant = grantOn(representative);
      if (!grant) continue;
      for (const index of members) if (!oneByOne.has(index)) allow(index, grant);
    }
    for (const index of oneByOne) {
      const grant = grantOn(index);
      if (grant) allow(index, grant);
    }
    answer = { indices: Int32Array.from(indices).sort(), conditional };
    this.answers.set(answerKey, answer);
    return answer;
  }

  /** The positions in `candidates` of the ARNs in `arns`. */
  private positionsOf(candidates: Candidates, arns: ReadonlySet<string>): Set<number> {
    const found = new Set<number>();
    if (arns.size === 0) return found;
    let positions = this.positions.get(candidates.id);
    if (!positions) {
      positions = new Map();
      for (const [index, arn] of candidates.arns.entries()) {
        const list = positions.get(arn);
        if (list) list.push(index);
        else positions.set(arn, [index]);
      }
      this.positions.set(candidates.id, positions);
    }
    for (const arn of arns) for (const index of positions.get(arn) ?? []) found.add(index);
    return found;
  }

  private readonly positions = new Map<string, Map<string, number[]>>();

  /**
   * The candidates' ARNs when none holds a wildcard (an exact pattern then matches one only by
   * naming it); null for lists like "some role" (`role/*`).
   */
  private namedExactly(candidates: Candidates): ReadonlySet<string> | null {
    let named = this.exactNames.get(candidates.id);
    if (named === undefined) {
      named = candidates.arns.some(hasWildcard) ? null : new Set(candidates.arns);
      this.exactNames.set(candidates.id, named);
    }
    return named;
  }

  private readonly exactNames = new Map<string, ReadonlySet<string> | null>();

  /**
   * Candidates grouped by which wildcard patterns match them (members in candidate order). Made
   * once per list and distinct set of patterns: exact patterns are left out of the key, so a
   * `user/${aws:username}` that names each holder does not make a grouping per holder.
   */
  private grouping(candidates: Candidates, wildcards: readonly string[]): Iterable<number[]> {
    const key = `${candidates.id}\u0000${wildcards.join('\u0000')}`;
    let groups = this.groupings.get(key);
    if (!groups) {
      const bySignature = new Map<string, number[]>();
      candidates.arns.forEach((arn, index) => {
        const signature = wildcards.map((pattern) => (globMatch(pattern, arn) ? '1' : '0')).join('');
        const members = bySignature.get(signature);
        if (members) members.push(index);
        else bySignature.set(signature, [index]);
      });
      groups = [...bySignature.values()];
      this.groupings.set(key, groups);
    }
    return groups;
  }

  /** The policies of the principal that name the action (plus boundary and SCPs), or null when none allows it. */
  private viewOf(principal: ResolverPrincipal, action: number): View | null {
    const key = this.viewKey(principal, action);
    let view = this.views.get(key);
    if (view === undefined) {
      view = this.buildView(principal, action, key);
      this.views.set(key, view);
    }
    return view;
  }

  private readonly viewKeys = new Map<ResolverPrincipal, Map<number, string>>();

  private viewKey(principal: ResolverPrincipal, action: number): string {
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

  private limits(principal: ResolverPrincipal): CompiledPolicy[] {
    return [...(principal.boundary ? [principal.boundary] : []), ...this.account.scpLevels.flat()];
  }

  private buildView(principal: ResolverPrincipal, action: number, key: string): View | null {
    const naming = principal.policies.filter((p) => names(p.policy, action));
    const identity = naming.map((p) => p.policy);
    if (!identity.some((policy) => policy.statementsNaming(action).allows.length > 0)) return null;
    const permissions = new EffectivePermissions(
      { identity, boundary: principal.boundary, scpLevels: this.account.scpLevels },
      principal.facts,
      key,
      this.account.env,
    );
    const layers = [...identity, ...this.limits(principal)];
    const wildcards = new Set<string>();
    const exact = new Set<string>();
    const varying: ResolvedPatterns[] = [];
    layers.forEach((policy, policyIndex) => {
      const { allows, denies } = policy.statementsNaming(action);
      for (const statement of [...allows, ...denies]) {
        const resolved = policy.resolve(statement, principal.facts);
        const own: ResolvedPatterns = {
          statement: `${policyIndex}.${statement.index}`,
          unresolved: resolved.resourcesUnresolved,
          wildcards: resolved.patterns.filter(hasWildcard),
          exact: resolved.patterns.filter((pattern) => !hasWildcard(pattern)),
        };
        own.wildcards.forEach((pattern) => wildcards.add(pattern));
        own.exact.forEach((pattern) => exact.add(pattern));
        if (statement.resourceDependent) varying.push(own);
      }
    });
    // The view key with the principal's kind instead of its ARN, unless a condition depends on it.
    const shareKey = layers.some((policy) => policy.conditionDependent)
      ? null
      : [action, naming.map((p) => p.key).join('\n'), principal.boundaryArn ?? '', principal.kind].join('|');
    return { permissions, wildcards: [...wildcards].sort(), exact, shareKey, varying };
  }
}

/** The varying patterns that can decide something about these candidates (an exact ARN naming none of them cannot). */
function varyingKey(varying: readonly ResolvedPatterns[], named: ReadonlySet<string>): string {
  return varying
    .map(
      (v) =>
        `${v.statement}:${v.unresolved ? 1 : 0}:${v.wildcards.join(',')}:${v.exact.filter((arn) => named.has(arn)).join(',')}`,
    )
    .join('\u0000');
}

function names(policy: CompiledPolicy, action: number): boolean {
  const { allows, denies } = policy.statementsNaming(action);
  return allows.length > 0 || denies.length > 0;
}

function dependsOnPrincipal(policy: CompiledPolicy, action: number): boolean {
  const { allows, denies } = policy.statementsNaming(action);
  return [...allows, ...denies].some((s) => s.resourceDependent || s.conditionDependent);
}
