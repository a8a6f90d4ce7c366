// A policy document turned into what evaluation needs: per statement, the set of catalogue actions
// it names (NotAction already complemented), its resource patterns and its condition.
//
// What may differ between principals holding the same policy is tracked in two parts, because they
// cost very differently. A condition on aws:username or aws:PrincipalArn changes whether a
// statement applies at all, so the policy's action-set aggregates (what full admin and the quick
// escalation filter are computed from) must be per principal. A policy variable in Resource
// (`user/${aws:username}`) only changes *which* resources are granted: it never makes a statement
// apply to every resource, so the aggregates stay shared and only resource-level questions are
// answered per principal. Self-service policies like "manage your own access keys" are attached to
// everyone; treating them as the first kind would make every principal's permissions unique.
import type { ConditionBlock, PolicyDocument, Statement } from '../snapshot/schema.js';
import type { ActionUnion } from './action-set.js';
import { ActionSet } from './action-set.js';
import type { ActionCatalog } from './catalog.js';
import type { RequestFacts, Verdict } from './conditions.js';
import { dependsOnPrincipal, evaluateCondition, substituteVariables } from './conditions.js';
import { globCovers } from './glob.js';

/** What the audit is run against: fixed for one snapshot. */
export interface AnalysisEnvironment {
  catalog: ActionCatalog;
  partition: string;
  accountId: string;
  now: Date;
}

/** Where a policy comes from, for evidence. */
export type PolicyOrigin =
  | { kind: 'managed'; arn: string; name: string; versionId: string | null; awsManaged: boolean }
  | { kind: 'inline'; owner: string; ownerName: string; name: string }
  | { kind: 'scp'; arn: string; name: string };

/** A statement's place in its document. */
export interface StatementPosition {
  index: number;
  sid?: string;
}

/** What evidence calls a statement: its Sid, else its index in the Statement array. */
export function statementId(statement: StatementPosition): string | number {
  return statement.sid ?? statement.index;
}

export interface CompiledStatement {
  /** Position in the document's Statement array (what evidence names when there is no Sid). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** The actions it names (NotAction complemented) that its Resource or NotResource can apply to. */
  actions: ActionUnion;
  notAction: boolean;
  /** Resource or NotResource patterns as written; null when the statement has neither. */
  resources: readonly string[] | null;
  notResource: boolean;
  condition?: ConditionBlock;
  /** Lower-case condition keys it tests. */
  conditionKeys: readonly string[];
  /** Its condition tests a key whose value differs between principals (aws:username...). */
  conditionDependent: boolean;
  /** Its resources hold policy variables that IAM substitutes per request. */
  resourceDependent: boolean;
  /**
   * It applies to every resource of the partition (`*`, `arn:*`, `arn:aws:*`...). A malformed
   * statement without Resource is read the way that reports more: an Allow applies everywhere, a
   * Deny nowhere. A pattern with a policy variable never covers everything.
   */
  coversAllResources: boolean;
}

/** A statement as it applies to one request context. */
export interface ResolvedStatement {
  statement: CompiledStatement;
  verdict: Verdict;
  unresolvedKeys: readonly string[];
  /** Resource (or NotResource) patterns with policy variables substituted. */
  patterns: readonly string[];
  /** A variable in the resources is only known at request time (treated as `*`, conditional). */
  resourcesUnresolved: boolean;
}

/** Per-policy action sets that let principals' permissions be combined with bitset operations (shared: never modify them). */
export interface PolicyAggregates {
  /** Allowed on every resource, unconditionally. */
  allowAllAlways: ActionSet | null;
  /** Allowed on every resource, unconditionally or under a condition that may hold. */
  allowAll: ActionSet | null;
  /** Allowed on at least some resource, under a condition that may hold. */
  allowSomewhere: ActionSet | null;
  /** Denied on every resource, unconditionally. */
  denyAllAlways: ActionSet | null;
  /** Denied on every resource under a condition that may hold. */
  denyAllConditional: ActionSet | null;
}

/** The Allow and Deny statements of a policy that name one action. */
export interface StatementsNaming {
  allows: readonly CompiledStatement[];
  denies: readonly CompiledStatement[];
}

const NAMES_NOTHING: StatementsNaming = { allows: [], denies: [] };

export class CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** Some statement's condition depends on the principal: aggregates are per principal. */
  readonly conditionDependent: boolean;
  /** Policy variables are only substituted in documents of version 2012-10-17. */
  private readonly variablesEnabled: boolean;
  private readonly staticResolutions = new Map<CompiledStatement, ResolvedStatement>();
  private readonly aggregatesByPrincipal = new Map<string, PolicyAggregates>();
  private readonly byAction = new Map<number, StatementsNaming>();

  constructor(
    readonly origin: PolicyOrigin,
    readonly document: PolicyDocument,
    private readonly env: AnalysisEnvironment,
  ) {
    this.variablesEnabled = document.Version === '2012-10-17';
    this.statements = document.Statement.flatMap((statement, index) => {
      const compiled = this.compileStatement(statement, index);
      return compiled ? [compiled] : [];
    });
    this.conditionDependent = this.statements.some((s) => s.conditionDependent);
  }

  /** The statement as it applies under `facts` (cached when it cannot vary). */
  resolve(statement: CompiledStatement, facts: RequestFacts): ResolvedStatement {
    const extra = facts.extra;
    const cacheable =
      !statement.conditionDependent &&
      !statement.resourceDependent &&
      !(extra && statement.conditionKeys.some((key) => key in extra));
    if (cacheable) {
      const cached = this.staticResolutions.get(statement);
      if (cached) return cached;
    }
    const resolved = this.computeResolution(statement, facts);
    if (cacheable) this.staticResolutions.set(statement, resolved);
    return resolved;
  }

  /**
   * Action sets for combining with other policies. `principalKey` identifies the principal of
   * `facts`; it only matters (and the result is only cached per principal) when a condition does.
   */
  aggregates(facts: RequestFacts, principalKey: string): PolicyAggregates {
    const key = this.conditionDependent ? principalKey : '';
    let aggregates = this.aggregatesByPrincipal.get(key);
    if (!aggregates) {
      aggregates = this.computeAggregates(facts);
      this.aggregatesByPrincipal.set(key, aggregates);
    }
    return aggregates;
  }

  /** Its statements that name `action` (cached: thousands of principals share a policy). */
  statementsNaming(action: number): StatementsNaming {
    let naming = this.byAction.get(action);
    if (!naming) {
      const allows = this.statements.filter((s) => s.effect === 'Allow' && s.actions.has(action));
      // A Deny without Resource denies nothing (see coversAllResources).
      const denies = this.statements.filter(
        (s) => s.effect === 'Deny' && s.resources !== null && s.actions.has(action),
      );
      naming = allows.length === 0 && denies.length === 0 ? NAMES_NOTHING : { allows, denies };
      this.byAction.set(action, naming);
    }
    return naming;
  }

  private compileStatement(statement: Statement, index: number): CompiledStatement | null {
    // IAM refuses any other Effect; policy-invalid reports such statements.
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return null;
    const catalog = this.env.catalog;
    const notAction = statement.Action === undefined && statement.NotAction !== undefined;
    const entries = statement.Action ?? statement.NotAction ?? [];
    const resources = statement.Resource ?? statement.NotResource ?? null;
    const notResource = statement.Resource === undefined && statement.NotResource !== undefined;
    const hasVariable = (pattern: string) => this.variablesEnabled && pattern.includes('${');
    const everything = `arn:${this.env.partition}:*`;
    const named = notAction ? catalog.allBut(entries) : catalog.named(entries);
    return {
      index,
      ...(statement.Sid !== undefined ? { sid: statement.Sid } : {}),
      effect: statement.Effect,
      // Only the actions its resources can name resources of: a pattern of another service (or
      // an ARN for an action that takes none) applies to nothing (see resource-scope.ts).
      actions:
        resources === null
          ? named
          : catalog.withinResources(named, resources, notResource, this.env.partition),
      notAction,
      resources,
      notResource,
      ...(statement.Condition ? { condition: statement.Condition } : {}),
      conditionKeys: Object.values(statement.Condition ?? {}).flatMap((keys) =>
        Object.keys(keys).map((key) => key.toLowerCase()),
      ),
      conditionDependent: dependsOnPrincipal(statement.Condition),
      resourceDependent: (resources ?? []).some(hasVariable),
      coversAllResources:
        resources === null
          ? statement.Effect === 'Allow'
          : !notResource && resources.some((p) => !hasVariable(p) && globCovers(p, everything)),
    };
  }

  private computeResolution(statement: CompiledStatement, facts: RequestFacts): ResolvedStatement {
    const { verdict, unresolvedKeys } = evaluateCondition(statement.condition, facts);
    if (!statement.resourceDependent) {
      return {
        statement,
        verdict,
        unresolvedKeys,
        patterns: statement.resources ?? [],
        resourcesUnresolved: false,
      };
    }
    const patterns: string[] = [];
    let resourcesUnresolved = false;
    for (const raw of statement.resources ?? []) {
      const substituted = substituteVariables(raw, facts);
      if (substituted === null) continue;
      patterns.push(substituted.value);
      resourcesUnresolved ||= substituted.unresolved;
    }
    return { statement, verdict, unresolvedKeys, patterns, resourcesUnresolved };
  }

  private computeAggregates(facts: RequestFacts): PolicyAggregates {
    const aggregates: PolicyAggregates = {
      allowAllAlways: null,
      allowAll: null,
      allowSomewhere: null,
      denyAllAlways: null,
      denyAllConditional: null,
    };
    // Copy on write: an aggregate fed by one single-entry statement is that entry's shared set.
    const owned = new Set<keyof PolicyAggregates>();
    const add = (key: keyof PolicyAggregates, actions: ActionUnion) => {
      if (actions.parts.length === 0) return;
      const current = aggregates[key];
      if (!current && actions.parts.length === 1) {
        aggregates[key] = actions.parts[0]!;
        return;
      }
      const target =
        current && owned.has(key) ? current : (current?.clone() ?? ActionSet.empty(this.env.catalog.size));
      owned.add(key);
      aggregates[key] = actions.addTo(target);
    };
    for (const statement of this.statements) {
      // Only the condition matters here: resources are summarised by coversAllResources.
      const verdict = statement.condition ? this.resolve(statement, facts).verdict : 'always';
      if (verdict === 'never') continue;
      if (statement.effect === 'Allow') {
        add('allowSomewhere', statement.actions);
        if (statement.coversAllResources) {
          add('allowAll', statement.actions);
          if (verdict === 'always') add('allowAllAlways', statement.actions);
        }
      } else if (statement.coversAllResources) {
        add(verdict === 'always' ? 'denyAllAlways' : 'denyAllConditional', statement.actions);
      }
    }
    return aggregates;
  }
}
