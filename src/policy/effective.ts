// Effective permissions of one principal, following IAM's evaluation logic for a request inside
// the account: allowed when some identity policy allows it, every limiting layer present (the
// permissions boundary, the SCPs at each level of the organization path) allows it too, and no
// policy of any layer denies it. Conditions never add a grant: one that can never hold removes its
// statement, one that may hold keeps it and marks the result conditional.
//
// Two kinds of question are asked. Action-set questions ("is every catalogued action allowed on
// every resource?") are answered by combining per-policy bitsets. Resource questions ("is
// iam:CreateAccessKey allowed on some user other than me?") walk the statements that name the
// action and reason about resource patterns: a grant counts when its pattern can match a resource of
// the wanted kind that no unconditional Deny covers.
import { ActionSet } from './action-set.js';
import type {
  AnalysisEnvironment,
  CompiledPolicy,
  CompiledStatement,
  PolicyAggregates,
  ResolvedStatement,
} from './compiled-policy.js';
import type { RequestFacts } from './conditions.js';
import { globCovers, globsIntersect, hasWildcard } from './glob.js';

export interface PermissionLayers {
  /** The principal's own policies (for a user, its groups' too), unioned. */
  identity: readonly CompiledPolicy[];
  /** The permissions boundary, when the principal has one whose document is known. */
  boundary: CompiledPolicy | null;
  /** SCPs per level of the organization path (root, OUs, account): each level must allow. */
  scpLevels: readonly (readonly CompiledPolicy[])[];
}

export interface FullAdmin {
  /** Only under conditions that may or may not hold for a request (or despite a conditional Deny). */
  conditional: boolean;
  conditionKeys: string[];
  /** Identity policies (indices into layers.identity) that grant it: each alone if any does, else together. */
  grantingPolicies: number[];
}

export interface Grant {
  /** Index into layers.identity of the policy that allows the action. */
  policy: number;
  statement: CompiledStatement;
  /** The resource pattern the statement allows the action on. */
  resource: string;
  conditional: boolean;
  conditionKeys: readonly string[];
}

export interface GrantQuery {
  /** Resources that would serve the caller: `arn:aws:iam::123456789012:user/*`, a role ARN, `*`. */
  target: string;
  /** Require the grant to cover every resource of `target` (rules about Resource `*`), not just some. */
  whole?: boolean;
  /** A grant only on exactly this ARN (the principal itself) does not count. */
  excludeArn?: string;
  /** Request keys fixed by the question, e.g. iam:passedtoservice for a PassRole to Lambda. */
  extra?: Readonly<Record<string, string>>;
}

export interface EverywhereSets {
  always: ActionSet;
  maybe: ActionSet;
  conditionallyDenied: ActionSet;
}

interface Limit {
  conditional: boolean;
  conditionKeys: string[];
}

/** Results that depend only on which statements apply, not on resource variables: shareable. */
interface ActionLevelResults {
  somewhere?: ActionSet;
  admin?: FullAdmin | null;
}

const NONE: readonly string[] = [];

/**
 * Scratch space for intermediate unions. Thousands of principals are evaluated in a row, and a
 * fresh 2.8 KB set per intermediate step would mostly feed the garbage collector.
 */
let scratch: ActionSet | undefined;
function scratchSet(size: number): ActionSet {
  if (!scratch || scratch.size !== size) scratch = ActionSet.empty(size);
  return scratch.clear();
}

let empty: ActionSet | undefined;
/** A shared empty set, for read-only results. */
function emptySet(size: number): ActionSet {
  if (!empty || empty.size !== size) empty = ActionSet.empty(size);
  return empty;
}

export class EffectivePermissions {
  /** The boundary and each SCP level: every one of them must allow. */
  private readonly limitingLayers: readonly (readonly CompiledPolicy[])[];
  /** Every policy of every layer: a Deny in any of them wins. */
  private readonly allPolicies: readonly CompiledPolicy[];
  /** This principal's view of statements whose meaning depends on it. */
  private readonly resolutions = new Map<CompiledStatement, ResolvedStatement>();
  /** Answers already given to findGrant (escalation methods share actions). */
  private readonly grants = new Map<string, Grant | null>();

  constructor(
    readonly layers: PermissionLayers,
    readonly facts: RequestFacts,
    /** Identifies the principal for policies whose conditions depend on it. */
    private readonly principalKey: string,
    private readonly env: AnalysisEnvironment,
    private readonly results: ActionLevelResults = {},
  ) {
    this.limitingLayers = layers.boundary ? [[layers.boundary], ...layers.scpLevels] : layers.scpLevels;
    this.allPolicies = [...layers.identity, ...this.limitingLayers.flat()];
  }

  /**
   * The same permissions for another principal whose conditions evaluate the same way (so the
   * action-level results are shared) but whose resource variables and own ARN may differ.
   */
  forPrincipal(facts: RequestFacts, principalKey: string): EffectivePermissions {
    return new EffectivePermissions(this.layers, facts, principalKey, this.env, this.results);
  }

  /**
   * Actions allowed on at least some resource, ignoring resource-scoped Denies: a cheap superset
   * used to skip escalation methods that cannot apply.
   */
  allowedSomewhere(): ActionSet {
    if (!this.results.somewhere) {
      const set = this.union(this.layers.identity, 'allowSomewhere', ActionSet.empty(this.env.catalog.size));
      for (const layer of this.limitingLayers) set.intersectWith(this.union(layer, 'allowSomewhere'));
      set.subtract(this.union(this.allPolicies, 'denyAllAlways'));
      this.results.somewhere = set;
    }
    return this.results.somewhere;
  }

  /**
   * Might `action` be allowed on some resource? The same superset test as allowedSomewhere, for
   * one action, without building the whole set (most principals fail it for most methods).
   */
  mayAllow(action: number): boolean {
    const aggregates = (policy: CompiledPolicy) => policy.aggregates(this.facts, this.principalKey);
    const allows = (policy: CompiledPolicy) => aggregates(policy).allowSomewhere?.has(action) ?? false;
    return (
      this.layers.identity.some(allows) &&
      this.limitingLayers.every((layer) => layer.some(allows)) &&
      !this.allPolicies.some((policy) => aggregates(policy).denyAllAlways?.has(action))
    );
  }

  /** What one policy (say another version of an attached one) allows somewhere, for this principal. */
  allowedSomewhereBy(policy: CompiledPolicy): ActionSet | null {
    return policy.aggregates(this.facts, this.principalKey).allowSomewhere;
  }

  /**
   * Actions allowed on every resource (Resource `*`): `always` unconditionally, `maybe` possibly
   * under conditions; `conditionallyDenied` are denied on every resource when some condition holds.
   * A Deny scoped to particular resources does not remove an action here. The sets may be shared
   * with the policies': never modify them.
   */
  allowedEverywhere(): EverywhereSets {
    const size = this.env.catalog.size;
    const [only, ...others] = this.layers.identity;
    if (only && others.length === 0 && this.limitingLayers.length === 0) {
      // One policy alone (policy-level rules ask this of every document): its own aggregates
      // already are the answer unless it denies something everywhere.
      const own = only.aggregates(this.facts, this.principalKey);
      if (!own.denyAllAlways) {
        const none = emptySet(size);
        return {
          always: own.allowAllAlways ?? none,
          maybe: own.allowAll ?? none,
          conditionallyDenied: own.denyAllConditional ?? none,
        };
      }
    }
    const always = this.union(this.layers.identity, 'allowAllAlways', ActionSet.empty(size));
    const maybe = this.union(this.layers.identity, 'allowAll', ActionSet.empty(size));
    for (const layer of this.limitingLayers) {
      always.intersectWith(this.union(layer, 'allowAllAlways'));
      maybe.intersectWith(this.union(layer, 'allowAll'));
    }
    const denied = this.union(this.allPolicies, 'denyAllAlways');
    always.subtract(denied);
    maybe.subtract(denied);
    const conditionallyDenied = this.union(this.allPolicies, 'denyAllConditional', ActionSet.empty(size));
    return { always, maybe, conditionallyDenied };
  }

  /** Full admin: every catalogued action allowed on every resource. Null when not. */
  fullAdmin(): FullAdmin | null {
    if (this.results.admin === undefined) this.results.admin = this.computeFullAdmin();
    return this.results.admin;
  }

  /** The identity statements that allow some of `actions` on every resource, for evidence. */
  statementsAllowingEverywhere(actions: ActionSet): Grant[] {
    const grants: Grant[] = [];
    this.layers.identity.forEach((policy, index) => {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.coversAllResources) continue;
        if (!statement.actions.intersects(actions)) continue;
        const resolved = this.resolve(policy, statement, this.facts);
        if (resolved.verdict === 'never') continue;
        grants.push({
          policy: index,
          statement,
          resource: '*',
          conditional: resolved.verdict === 'conditional',
          conditionKeys: resolved.unresolvedKeys,
        });
      }
    });
    return grants;
  }

  /**
   * The statement that allows `action` on resources the query wants, preferring an unconditional
   * one; null when none survives the boundary, the SCPs and the Denies.
   */
  findGrant(action: number, query: GrantQuery): Grant | null {
    const extra = query.extra ? Object.values(query.extra).join(',') : '';
    const key = `${action}|${query.target}|${query.whole ? 1 : 0}|${query.excludeArn ?? ''}|${extra}`;
    let grant = this.grants.get(key);
    if (grant === undefined) {
      grant = this.searchGrant(action, query);
      this.grants.set(key, grant);
    }
    return grant;
  }

  private searchGrant(action: number, query: GrantQuery): Grant | null {
    const facts = query.extra ? { ...this.facts, extra: query.extra } : this.facts;
    let best: Grant | null = null;
    for (let policyIndex = 0; policyIndex < this.layers.identity.length; policyIndex++) {
      const policy = this.layers.identity[policyIndex]!;
      for (const statement of policy.statementsNaming(action).allows) {
        const resolved = this.resolve(policy, statement, facts);
        if (resolved.verdict === 'never') continue;
        for (const region of allowedRegions(resolved, query)) {
          const limit = this.limitsAllow(action, region, query, facts);
          if (!limit) continue;
          const keys =
            limit.conditionKeys.length > 0 ? [...resolved.unresolvedKeys, ...limit.conditionKeys] : null;
          const grant: Grant = {
            policy: policyIndex,
            statement,
            resource: region,
            conditional:
              resolved.verdict === 'conditional' || resolved.resourcesUnresolved || limit.conditional,
            conditionKeys: keys ? [...new Set(keys)] : resolved.unresolvedKeys,
          };
          if (!grant.conditional) return grant;
          best ??= grant;
        }
      }
    }
    return best;
  }

  /** Do the boundary, the SCPs and the Denies let an allow of `action` on `region` stand? */
  private limitsAllow(action: number, region: string, query: GrantQuery, facts: RequestFacts): Limit | null {
    const limit: Limit = { conditional: false, conditionKeys: [] };
    const note = (resolved: ResolvedStatement) => {
      limit.conditional = true;
      limit.conditionKeys.push(...resolved.unresolvedKeys);
    };
    for (const layer of this.limitingLayers) {
      const allowed = this.layerAllows(layer, action, region, query, facts);
      if (!allowed) return null;
      if (allowed.verdict !== 'always' || allowed.resourcesUnresolved) note(allowed);
    }
    for (const policy of this.allPolicies) {
      for (const statement of policy.statementsNaming(action).denies) {
        const resolved = this.resolve(policy, statement, facts);
        if (resolved.verdict === 'never' || !denyCovers(resolved, region, query.target)) continue;
        if (resolved.verdict === 'always' && !resolved.resourcesUnresolved) return null;
        note(resolved);
      }
    }
    return limit;
  }

  /** The first statement of a limiting layer (boundary, one SCP level) that allows the action there. */
  private layerAllows(
    layer: readonly CompiledPolicy[],
    action: number,
    region: string,
    query: GrantQuery,
    facts: RequestFacts,
  ): ResolvedStatement | null {
    let best: ResolvedStatement | null = null;
    for (const policy of layer) {
      for (const statement of policy.statementsNaming(action).allows) {
        const resolved = this.resolve(policy, statement, facts);
        if (resolved.verdict === 'never') continue;
        const within = allowedRegions(resolved, query).some(
          (pattern) => query.whole || globsIntersect([pattern, region, query.target]),
        );
        if (!within) continue;
        if (resolved.verdict === 'always' && !resolved.resourcesUnresolved) return resolved;
        best ??= resolved;
      }
    }
    return best;
  }

  /** A statement under `facts`, remembered for this principal unless the request adds keys. */
  private resolve(
    policy: CompiledPolicy,
    statement: CompiledStatement,
    facts: RequestFacts,
  ): ResolvedStatement {
    if (facts !== this.facts) return policy.resolve(statement, facts);
    let resolved = this.resolutions.get(statement);
    if (!resolved) {
      resolved = policy.resolve(statement, facts);
      this.resolutions.set(statement, resolved);
    }
    return resolved;
  }

  /** The union of one aggregate over policies, into `into` (by default the shared scratch set). */
  private union(
    policies: readonly CompiledPolicy[],
    key: keyof PolicyAggregates,
    into: ActionSet = scratchSet(this.env.catalog.size),
  ): ActionSet {
    for (const policy of policies) {
      const part = policy.aggregates(this.facts, this.principalKey)[key];
      if (part) into.unionWith(part);
    }
    return into;
  }

  private computeFullAdmin(): FullAdmin | null {
    const catalog = this.env.catalog;
    const catalogued = catalog.catalogued;
    // Cheap tests first, since limits and Denies only take away: a few actions spread over the
    // catalogue, then all of it, allowed everywhere by the identity policies. Most principals
    // stop at the first.
    const allowedEverywhereBy = (policy: CompiledPolicy, action: number) =>
      policy.aggregates(this.facts, this.principalKey).allowAll?.has(action) ?? false;
    const sample = catalog.spreadSample();
    if (
      !sample.every((action) => this.layers.identity.some((policy) => allowedEverywhereBy(policy, action)))
    ) {
      return null;
    }
    if (!this.union(this.layers.identity, 'allowAll').containsAll(catalogued)) return null;
    const { always, maybe, conditionallyDenied } = this.allowedEverywhere();
    if (!maybe.containsAll(catalogued)) return null;

    const conditional = !always.containsAll(catalogued) || conditionallyDenied.intersects(catalogued);
    const allowAllOf = (policy: CompiledPolicy) => policy.aggregates(this.facts, this.principalKey).allowAll;
    const granting = this.layers.identity.flatMap((policy, index) =>
      allowAllOf(policy)?.containsAll(catalogued) ? [index] : [],
    );
    const contributing = this.layers.identity.flatMap((policy, index) => (allowAllOf(policy) ? [index] : []));
    return {
      conditional,
      conditionKeys: conditional ? this.conditionKeysOfWholeAccountStatements() : [],
      grantingPolicies: granting.length > 0 ? granting : contributing,
    };
  }

  /** Keys of the conditional statements that apply to every resource: what full admin hinges on. */
  private conditionKeysOfWholeAccountStatements(): string[] {
    const keys = new Set<string>();
    for (const policy of this.allPolicies) {
      for (const statement of policy.statements) {
        if (!statement.coversAllResources || !statement.condition) continue;
        const resolved = this.resolve(policy, statement, this.facts);
        if (resolved.verdict === 'conditional') {
          for (const key of resolved.unresolvedKeys) keys.add(key);
        }
      }
    }
    return [...keys];
  }
}

/** The resource patterns within the query's target that an Allow statement grants. */
function allowedRegions(resolved: ResolvedStatement, query: GrantQuery): readonly string[] {
  const { statement, patterns } = resolved;
  if (statement.resources === null) return [query.target];
  if (statement.notResource) {
    // Everything but the listed patterns: the target survives unless an exclusion takes it away.
    const excluded = patterns.some((x) =>
      query.whole ? globsIntersect([x, query.target]) : globCovers(x, query.target),
    );
    return excluded ? NONE : [query.target];
  }
  return patterns.filter((pattern) => {
    if (query.excludeArn !== undefined && !hasWildcard(pattern) && pattern === query.excludeArn) return false;
    // `${...}` left in a pattern was not substituted (the document is not version 2012-10-17), so
    // it is matched literally; IAM names cannot hold `$`, `{` or `}`, so it names no IAM resource.
    if (pattern.includes('${') && query.target.includes(':iam::')) return false;
    return query.whole ? globCovers(pattern, query.target) : globsIntersect([pattern, query.target]);
  });
}

/** Does a Deny take away all of `region` (or all of the target)? Sound: never a wrong "yes". */
function denyCovers(resolved: ResolvedStatement, region: string, target: string): boolean {
  if (resolved.statement.notResource) {
    // Denies everything except the listed patterns: all of the region when none of them reaches it.
    return resolved.patterns.every((x) => !globsIntersect([x, region, target]));
  }
  return resolved.patterns.some((d) => globCovers(d, region) || globCovers(d, target));
}
