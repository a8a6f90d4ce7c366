// Which actions a statement's Resource (or NotResource) can apply to. IAM matches Resource against
// the ARN of the resource a request acts on, so a pattern grants or denies an action only where it
// can match an ARN of a resource type that action takes: `lambda:UpdateFunctionCode` allowed on
// `arn:aws:rds:...:db:test*` grants nothing. An action that takes no resource type is requested on
// `*` itself, and the Service Authorization Reference says such actions need Resource `*`: a
// pattern grants them only if it matches the string `*` (`arn:aws:*` does not). An action whose
// resource types are all optional may be requested either way, so both count.
//
// ARN formats come from the catalogue (`arn:${Partition}:lambda:${Region}:${Account}:function:
// ${FunctionName}`): the partition becomes the audited account's, every other placeholder `*`.
// A statement is narrowed only when it certainly cannot apply, so an Allow is never dropped on a
// guess: patterns meet formats case-insensitively (IAM's documentation does not say how it treats
// the case of the service segment, and the reading that keeps the grant reports more), and a
// NotResource excludes an action only when each of its formats lies wholly inside one excluded
// pattern (matched with case, as IAM matches ARNs). Answers are kept per pattern and per list:
// a few hundred distinct patterns cover the statements of thousands of policies.
import { ActionSet, ActionUnion } from './action-set.js';
import { globMatch } from '../util/glob.js';
import { globCovers, globPairIntersects, hasWildcard } from './glob.js';

/** The resource types one action takes, as the catalogue lists them. */
export interface ActionResources {
  service: string;
  /** Keys (lower-case names) into the service's resource types. */
  types: readonly string[];
  /** Some type is required: the request always names such a resource, never `*` alone. */
  requiresResource: boolean;
}

/** A service's resource types by key (lower-case name), each with its ARN format. */
export type ArnFormatSource = (service: string) => Readonly<Record<string, { arn: string }>>;

interface ArnFormat {
  /** The ARN format as a pattern of one partition (placeholders are `*`). */
  glob: string;
  lowerGlob: string;
  actions: readonly number[];
}

interface PartitionFormats {
  all: readonly ArnFormat[];
  /** By lower-case service segment; formats whose service segment is a placeholder are in `anyService`. */
  byService: ReadonlyMap<string, readonly ArnFormat[]>;
  anyService: readonly ArnFormat[];
  /** Per action index, the formats of its resource types (empty when it takes none). */
  ofAction: ReadonlyArray<readonly ArnFormat[]>;
}

const PLACEHOLDER = /\$\{[^}]*\}/g;

export class ResourceScopes {
  /** Actions whose resource types are not known (undocumented ones): any pattern may apply. */
  private readonly unknown: ActionSet;
  /** Actions a request may make on `*` (no resource type, or none required). */
  private readonly requestableOnStar: ActionSet;
  private readonly partitions = new Map<string, PartitionFormats>();
  private readonly scopes = new Map<string, ActionSet>();
  private readonly intersections = new WeakMap<ActionSet, WeakMap<ActionSet, ActionSet>>();

  /**
   * @param resourcesOf per action index, its resource types; null when unknown
   * @param formatsOf reads a service's ARN formats (only when a question first needs them)
   */
  constructor(
    private readonly size: number,
    private readonly resourcesOf: ReadonlyArray<ActionResources | null>,
    private readonly formatsOf: ArnFormatSource,
  ) {
    const indices = [...resourcesOf.keys()];
    this.unknown = ActionSet.of(
      size,
      indices.filter((i) => resourcesOf[i] === null),
    );
    this.requestableOnStar = ActionSet.of(
      size,
      indices.filter((i) => resourcesOf[i] && !resourcesOf[i].requiresResource),
    );
  }

  /** The actions of `actions` that a statement with these Resource or NotResource patterns can apply to. */
  restrict(
    actions: ActionUnion,
    patterns: readonly string[],
    notResource: boolean,
    partition: string,
  ): ActionUnion {
    const scope = this.scope(patterns, notResource, partition);
    if (actions.parts.every((part) => scope.containsAll(part))) return actions;
    const parts = actions.parts
      .map((part) => this.intersection(part, scope))
      .filter((part) => !part.isEmpty());
    return new ActionUnion(parts);
  }

  /** Every action the patterns can apply to (shared: never modify it). */
  scope(patterns: readonly string[], notResource: boolean, partition: string): ActionSet {
    const key = `${partition}\u0000${notResource ? 'not' : ''}\u0000${patterns.join('\u0000')}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = notResource
        ? this.excludedBy(patterns, partition).complement()
        : patterns.length === 1
          ? this.patternScope(patterns[0]!, partition)
          : patterns.reduce(
              (union, pattern) => union.unionWith(this.patternScope(pattern, partition)),
              ActionSet.empty(this.size),
            );
      this.scopes.set(key, scope);
    }
    return scope;
  }

  private patternScope(pattern: string, partition: string): ActionSet {
    if (pattern === '*') return ActionSet.full(this.size);
    // A policy variable may stand for anything.
    const lower = pattern.toLowerCase().replace(PLACEHOLDER, '*');
    const scope = this.unknown.clone();
    if (globMatch(lower, '*')) scope.unionWith(this.requestableOnStar);
    for (const format of this.candidates(lower, partition)) {
      if (globPairIntersects(lower, format.lowerGlob)) for (const action of format.actions) scope.add(action);
    }
    return scope;
  }

  /** Actions a NotResource list certainly leaves out: each of their ARNs is inside one excluded pattern. */
  private excludedBy(patterns: readonly string[], partition: string): ActionSet {
    const formats = this.formats(partition);
    // A policy variable may stand for anything, so a pattern holding one excludes nothing for sure.
    const literal = patterns.filter((pattern) => !pattern.includes('${'));
    const starExcluded = literal.some((pattern) => globMatch(pattern, '*'));
    const covered = new Set<ArnFormat>();
    for (const pattern of literal) {
      for (const format of this.candidates(pattern.toLowerCase(), partition)) {
        if (globCovers(pattern, format.glob)) covered.add(format);
      }
    }
    const excluded = ActionSet.empty(this.size);
    this.resourcesOf.forEach((resources, action) => {
      if (!resources) return;
      const own = formats.ofAction[action]!;
      const onStarExcluded = resources.requiresResource || starExcluded;
      if (own.length === 0 ? starExcluded : onStarExcluded && own.every((f) => covered.has(f))) {
        excluded.add(action);
      }
    });
    return excluded;
  }

  /** Formats a lower-case pattern might meet: those of its service segment when that is literal. */
  private candidates(lowerPattern: string, partition: string): readonly ArnFormat[] {
    const formats = this.formats(partition);
    const [prefix, partitionSegment, service] = lowerPattern.split(':', 3);
    if (service === undefined || [prefix!, partitionSegment!, service].some(hasWildcard)) return formats.all;
    return [...(formats.byService.get(service) ?? []), ...formats.anyService];
  }

  private formats(partition: string): PartitionFormats {
    let formats = this.partitions.get(partition);
    if (!formats) {
      formats = this.buildFormats(partition);
      this.partitions.set(partition, formats);
    }
    return formats;
  }

  private buildFormats(partition: string): PartitionFormats {
    const byKey = new Map<string, { arn: string; actions: number[] }>();
    const keysOfAction: string[][] = [];
    const loaded = new Map<string, Readonly<Record<string, { arn: string }>>>();
    this.resourcesOf.forEach((resources, action) => {
      keysOfAction[action] = [];
      if (!resources) return;
      let types = loaded.get(resources.service);
      if (!types) {
        types = this.formatsOf(resources.service);
        loaded.set(resources.service, types);
      }
      for (const type of resources.types) {
        const arn = types[type]?.arn;
        // A type without a format (not seen in the published data) may be anything.
        const key = arn === undefined ? '*' : `${resources.service}\u0000${type}`;
        let entry = byKey.get(key);
        if (!entry) {
          entry = { arn: arn ?? '*', actions: [] };
          byKey.set(key, entry);
        }
        entry.actions.push(action);
        keysOfAction[action]!.push(key);
      }
    });
    const byFormatKey = new Map<string, ArnFormat>();
    const byService = new Map<string, ArnFormat[]>();
    const anyService: ArnFormat[] = [];
    for (const [key, { arn, actions }] of byKey) {
      const glob = arn.split('${Partition}').join(partition).replace(PLACEHOLDER, '*');
      const format: ArnFormat = { glob, lowerGlob: glob.toLowerCase(), actions };
      byFormatKey.set(key, format);
      const service = format.lowerGlob.split(':', 3)[2];
      if (service === undefined || hasWildcard(service)) anyService.push(format);
      else {
        const list = byService.get(service) ?? [];
        list.push(format);
        byService.set(service, list);
      }
    }
    return {
      all: [...byFormatKey.values()],
      byService,
      anyService,
      ofAction: keysOfAction.map((keys) => keys.map((key) => byFormatKey.get(key)!)),
    };
  }

  private intersection(part: ActionSet, scope: ActionSet): ActionSet {
    let byScope = this.intersections.get(part);
    if (!byScope) {
      byScope = new WeakMap();
      this.intersections.set(part, byScope);
    }
    let result = byScope.get(scope);
    if (!result) {
      result = part.clone().intersectWith(scope);
      byScope.set(scope, result);
    }
    return result;
  }
}
