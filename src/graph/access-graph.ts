// The access graph of one account: nodes are its users, roles and groups plus nodes standing for
// "anything within these limits" (full admin when there are none); an edge A -> B says "A can act
// with B's permissions" and names how (an EdgeMethod) so its proof can be rebuilt on demand. Edges
// come from effective permissions (effective.ts: Denies, boundaries, SCPs, conditions), never from
// a second evaluator; a condition that cannot be decided offline marks an edge conditional.
// Only identity-based access is covered: resource-based policies are not collected.
import type { AccountAnalysis, PrincipalAnalysis } from '../policy/account-analysis.js';
import { analyzeAccount } from '../policy/account-analysis.js';
import type { ActionSet } from '../policy/action-set.js';
import { CompiledPolicy } from '../policy/compiled-policy.js';
import { EffectivePermissions } from '../policy/effective.js';
import { ACTION_TARGETS, ESCALATION_METHODS } from '../policy/privesc-methods.js';
import type { RoleDetail, Snapshot } from '../snapshot/schema.js';
import type { TrustStatement } from '../policy/trust.js';
import { constrainedKeys, isAccountPrincipal, requiresMfa } from '../policy/trust.js';
import { ALLOW_EVERYTHING } from '../policy/well-known-policies.js';
import type { EdgeMethod, MethodShape } from './methods.js';
import {
  ASSUME_ROLE,
  ASSUME_TRUSTED_BY_ARN,
  ASSUME_TRUSTING_ACCOUNT,
  PASS_ROLE,
  REMOVE_OWN_BOUNDARY,
  SET_DEFAULT_VERSION,
  edgeMethodOf,
  methodShape,
} from './methods.js';
import { IdSet } from './id-set.js';
import { SubjectSet } from './subject-set.js';
import type { Candidates, ResolverPrincipal } from './targets.js';
import { TargetResolver } from './targets.js';

export type NodeKind = 'user' | 'role' | 'group' | 'limits' | 'policy-version';

export interface GraphNode {
  id: number;
  kind: NodeKind;
  /** The principal's ARN; for the other nodes a stable key (`full-admin`, `limits:BOUNDARY`, `POLICY#VERSION`). */
  arn: string;
  /** "user alice", "role deploy", "full admin", "anything within boundary dev-boundary". */
  label: string;
  principal?: PrincipalAnalysis;
  permissions: EffectivePermissions;
}

/** What the proof of one hop needs beyond the method: the entity acted on and why the edge is conditional. */
export interface HopDetail {
  /** The user, role or group whose policies or credentials the hop uses, when not the target itself. */
  subject?: string;
  /** The customer managed policy rewritten (CreatePolicyVersion, SetDefaultPolicyVersion). */
  policy?: string;
  versionId?: string;
  /** The target role's trust statement that lets the principal in. */
  trust?: TrustStatement;
  /** Whether the hop needs an identity-policy grant of sts:AssumeRole. */
  needsAssumeGrant?: boolean;
  notes?: string[];
}

/**
 * Edges of one method from one node: the targets, which of them are conditional, and per-target
 * details. Groups with many targets (every role trusting Lambda...) are shared by every principal
 * whose permissions give the same answer, so they may include the principal itself: an edge to
 * oneself is never followed.
 */
export interface EdgeGroup {
  method: EdgeMethod;
  targets: number[];
  conditional: IdSet;
  /** Every edge of the group is conditional (an action the method needs anywhere is). */
  allConditional: boolean;
  details: Map<number, HopDetail>;
  /**
   * The detail of every target not in `details`: shared groups hold thousands of targets with
   * the same detail, and a map entry for each would cost more than the targets themselves.
   */
  everyDetail?: HopDetail;
}

/** Does following this edge depend on a condition that cannot be decided offline? */
export function isConditional(group: EdgeGroup, target: number): boolean {
  return group.allConditional || group.conditional.has(target);
}

/** What the proof of the hop to `target` needs beyond the group's method. */
export function hopDetail(group: EdgeGroup, target: number): HopDetail {
  return group.details.get(target) ?? group.everyDetail ?? {};
}

export const FULL_ADMIN_KEY = 'full-admin';

/** What an Identity Center hop assumes when the organization section is missing (unknown is never safe). */
const UNKNOWN_MANAGEMENT_ACCOUNT =
  "if this is the organization's management account (organization data was not collected)";

const graphs = new WeakMap<Snapshot, AccessGraph>();

/** The access graph of a snapshot (needs authorizationDetails); built once, edges computed as asked. */
export function accessGraph(snapshot: Snapshot): AccessGraph {
  let graph = graphs.get(snapshot);
  if (!graph) {
    graph = new AccessGraph(analyzeAccount(snapshot));
    graphs.set(snapshot, graph);
  }
  return graph;
}

interface ShapedMethod {
  method: EdgeMethod;
  shape: MethodShape;
  actions: Array<{ name: string; lower: string; index: number }>;
}

export class AccessGraph {
  readonly nodes: GraphNode[] = [];
  private readonly byArn = new Map<string, GraphNode>();
  private readonly edges = new Map<number, EdgeGroup[]>();
  private readonly resolver: TargetResolver;
  private readonly candidateLists = new Map<string, Candidates & { nodes: number[] }>();
  private readonly namedBy = new Map<string, Array<{ role: GraphNode; statement: TrustStatement }>>();
  private readonly admittingAccount: Array<{ role: GraphNode; statement: TrustStatement }> = [];
  private readonly methods: ShapedMethod[];
  private readonly allowAll: CompiledPolicy;
  private readonly allowedSets = new Map<number, ActionSet>();
  /** Groups shared by principals that get the same answer, keyed by that answer. */
  private readonly sharedGroups = new WeakMap<object, Map<string, EdgeGroup>>();

  constructor(readonly account: AccountAnalysis) {
    this.resolver = new TargetResolver(account);
    const { catalog } = account.env;
    for (const principal of [...account.users, ...account.roles, ...account.groups]) {
      this.addNode({
        kind: principal.kind,
        arn: principal.arn,
        label: `${principal.kind} ${principal.name}`,
        principal,
        permissions: principal.permissions,
      });
    }
    this.allowAll = new CompiledPolicy(
      {
        kind: 'managed',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        name: 'AdministratorAccess',
        versionId: null,
        awsManaged: true,
      },
      ALLOW_EVERYTHING,
      account.env,
    );
    this.indexTrust();
    this.methods = ESCALATION_METHODS.flatMap((method) => {
      const shape = methodShape(method);
      if (!shape) return [];
      const actions = method.actions.map((name) => ({
        name,
        lower: name.toLowerCase(),
        index: catalog.indexOf(name),
      }));
      if (actions.some((a) => a.index === undefined)) return [];
      return [{ method: edgeMethodOf(method, shape), shape, actions: actions as ShapedMethod['actions'] }];
    });
  }

  node(arn: string): GraphNode | undefined {
    return this.byArn.get(arn);
  }

  /** Users and roles: the principals that make requests (service-linked roles are AWS's: left out). */
  get principals(): GraphNode[] {
    return this.nodes.filter(
      (n) => (n.kind === 'user' || n.kind === 'role') && !n.principal!.isServiceLinked,
    );
  }

  /** Actions the node may perform on some resource: what "more privileged" compares. */
  allowed(node: GraphNode): ActionSet {
    let set = this.allowedSets.get(node.id);
    if (!set) {
      set = node.permissions.allowedSomewhere().clone();
      this.allowedSets.set(node.id, set);
    }
    return set;
  }

  /** Can `to` do something `from` cannot? */
  hasMore(to: GraphNode, from: GraphNode): boolean {
    return !this.allowed(from).containsAll(this.allowed(to));
  }

  isFullAdmin(node: GraphNode): boolean {
    return node.permissions.fullAdmin() !== null;
  }

  /** The edges leaving a node (computed once). Groups and the limits nodes have none. */
  edgesFrom(node: GraphNode): EdgeGroup[] {
    let groups = this.edges.get(node.id);
    if (!groups) {
      groups =
        node.principal && node.kind !== 'group' && !node.principal.isServiceLinked
          ? this.computeEdges(node)
          : [];
      this.edges.set(node.id, groups);
    }
    return groups;
  }

  private addNode(node: Omit<GraphNode, 'id'>): GraphNode {
    const added = { ...node, id: this.nodes.length };
    this.nodes.push(added);
    this.byArn.set(added.arn, added);
    return added;
  }

  /** "Anything within these limits": the permissions of a principal that may rewrite its own policies. */
  limitsNode(boundaryArn: string | null): GraphNode {
    const key = boundaryArn ? `limits:${boundaryArn}` : FULL_ADMIN_KEY;
    const existing = this.byArn.get(key);
    if (existing) return existing;
    const boundary = boundaryArn ? this.account.managedPolicy(boundaryArn) : null;
    const permissions = this.permissionsOf([this.allowAll], boundary, key);
    const label = boundaryArn
      ? `anything within boundary ${boundaryArn.slice(boundaryArn.lastIndexOf('/') + 1)}`
      : permissions.fullAdmin()
        ? 'full admin'
        : 'anything the SCPs allow';
    return this.addNode({ kind: 'limits', arn: key, label, permissions });
  }

  private permissionsOf(
    identity: CompiledPolicy[],
    boundary: CompiledPolicy | null,
    key: string,
  ): EffectivePermissions {
    const facts = { now: this.account.env.now, accountId: this.account.env.accountId };
    return new EffectivePermissions(
      { identity, boundary, scpLevels: this.account.scpLevels },
      facts,
      key,
      this.account.env,
    );
  }

  private versionNode(
    subject: PrincipalAnalysis,
    policyArn: string,
    versionId: string,
    version: CompiledPolicy,
  ): GraphNode {
    const others = subject.policies.filter(
      (p) => !('policyArn' in p.reference) || p.reference.policyArn !== policyArn,
    );
    const key = `${subject.arn}#${policyArn}#${versionId}`;
    const existing = this.byArn.get(key);
    if (existing) return existing;
    return this.addNode({
      kind: 'policy-version',
      arn: key,
      label: `${subject.kind} ${subject.name} with version ${versionId} of ${policyArn.slice(policyArn.lastIndexOf('/') + 1)}`,
      permissions: this.permissionsOf([...others.map((p) => p.policy), version], subject.boundary, key),
    });
  }

  /** A named list of candidate nodes, built once (`nodes` is only called the first time). */
  private candidates(id: string, nodes: () => readonly GraphNode[]): Candidates & { nodes: number[] } {
    let list = this.candidateLists.get(id);
    if (!list) {
      const members = nodes();
      list = { id, arns: members.map((n) => n.arn), nodes: members.map((n) => n.id) };
      this.candidateLists.set(id, list);
    }
    return list;
  }

  private users(): GraphNode[] {
    return this.nodes.filter((n) => n.kind === 'user');
  }

  private customerPolicyList?: Candidates & { positions: Map<string, number> };

  /** Every customer managed policy some principal holds (by policy key), as one candidate list. */
  private customerPolicies(): Candidates & { positions: Map<string, number> } {
    if (!this.customerPolicyList) {
      const positions = new Map<string, number>();
      const arns: string[] = [];
      for (const principal of this.account.principals) {
        for (const held of principal.policies) {
          const origin = held.policy.origin;
          if (origin.kind !== 'managed' || origin.awsManaged || positions.has(held.key)) continue;
          positions.set(held.key, arns.length);
          arns.push(origin.arn);
        }
      }
      this.customerPolicyList = { id: 'customer-policies', arns, positions };
    }
    return this.customerPolicyList;
  }

  private roles(): GraphNode[] {
    return this.nodes.filter((n) => n.kind === 'role' && !n.principal!.isServiceLinked);
  }

  private indexTrust(): void {
    const own = `:${this.account.env.accountId}:`;
    for (const role of this.roles()) {
      for (const statement of this.account.trustOf(role.principal!.detail as RoleDetail)) {
        const accountLevel = statement.aws.some(
          (p) => isAccountPrincipal(p) && (p === this.account.env.accountId || p.includes(own)),
        );
        if (accountLevel) this.admittingAccount.push({ role, statement });
        const named = new Set(statement.aws.filter((p) => p.includes(own) && !isAccountPrincipal(p)));
        if (statement.anyPrincipal) named.add('*');
        for (const arn of named) {
          const list = this.namedBy.get(arn) ?? [];
          list.push({ role, statement });
          this.namedBy.set(arn, list);
        }
      }
    }
  }

  private computeEdges(from: GraphNode): EdgeGroup[] {
    const principal = from.principal!;
    const groups: EdgeGroup[] = [];
    const add = (group: EdgeGroup) => {
      if (group.targets.length > 0) groups.push(group);
    };
    add(this.assumeByName(from));
    add(this.assumeByAccountTrust(from));
    const later: ShapedMethod[] = [];
    for (const shaped of this.applicableMethods(principal)) {
      if (
        shaped.shape.shape === 'service' ||
        (shaped.shape.shape === 'user-credentials' && !shaped.shape.changesPolicies)
      ) {
        add(this.methodEdges(from, shaped, () => []));
      } else later.push(shaped);
    }
    // Whose policies a principal may change and then use: itself, and whoever it reaches in one
    // hop by assuming a role or by taking a user's credentials (the groups, shared, stand for
    // their targets). Taken once, before the later methods add groups of their own.
    let oneHop: EdgeGroup[] | undefined;
    const actAs = () =>
      (oneHop ??= groups.filter(
        (g) => g.method.kind === 'assume-role' || g.method.kind === 'user-credentials',
      ));
    for (const shaped of later) add(this.methodEdges(from, shaped, actAs));
    if (principal.boundary) add(this.ownBoundaryRemoval(from));
    return groups;
  }

  private readonly applicable = new WeakMap<ActionSet, ShapedMethod[]>();

  /**
   * The methods whose every action (sts:AssumeRole aside: a trust can stand in for it) the
   * principal may be allowed somewhere: a cheap superset test that rules out most methods for
   * most principals. Principals with the same policies share the set, so the list is made once
   * per distinct set of permissions.
   */
  private applicableMethods(principal: PrincipalAnalysis): ShapedMethod[] {
    const somewhere = principal.permissions.allowedSomewhere();
    let methods = this.applicable.get(somewhere);
    if (!methods) {
      methods = this.methods.filter((shaped) =>
        shaped.actions.every((a) => a.lower === ASSUME_ROLE || somewhere.has(a.index)),
      );
      this.applicable.set(somewhere, methods);
    }
    return methods;
  }

  private newGroup(method: EdgeMethod): EdgeGroup {
    return { method, targets: [], conditional: new IdSet(), allConditional: false, details: new Map() };
  }

  /** Targets already in each group (a group can hold thousands: `includes` would be quadratic). */
  private static readonly members = new WeakMap<EdgeGroup, Set<number>>();

  private static addTarget(
    group: EdgeGroup,
    target: GraphNode,
    conditional: boolean,
    detail?: HopDetail,
  ): void {
    let members = AccessGraph.members.get(group);
    if (!members) {
      members = new Set();
      AccessGraph.members.set(group, members);
    }
    if (members.has(target.id)) {
      if (!conditional) group.conditional.delete(target.id);
      return;
    }
    members.add(target.id);
    group.targets.push(target.id);
    if (conditional) group.conditional.add(target.id);
    if (detail) group.details.set(target.id, detail);
  }

  /** The group `build` makes for an answer object (and key), made once and shared. */
  private shared(answer: object, key: string, build: () => EdgeGroup): EdgeGroup {
    let byKey = this.sharedGroups.get(answer);
    if (!byKey) {
      byKey = new Map();
      this.sharedGroups.set(answer, byKey);
    }
    let group = byKey.get(key);
    if (!group) {
      group = build();
      byKey.set(key, group);
    }
    return group;
  }

  /** Notes and conditionality of a trust statement: ExternalId, MFA, any other condition. */
  private static trustTerms(statement: TrustStatement): { conditional: boolean; notes: string[] } {
    const notes: string[] = [];
    if (constrainedKeys(statement.condition).has('sts:externalid'))
      notes.push('the trust policy requires an external id');
    if (requiresMfa(statement.condition)) notes.push('the trust policy requires MFA');
    return { conditional: statement.condition !== undefined, notes };
  }

  /**
   * Same account, trust naming the principal's ARN (or `*`): no identity-policy grant is needed,
   * but an explicit Deny, the SCPs and (for a role) its permissions boundary still apply. Most
   * principals are named by no trust: their group (the roles trusting `*`) is shared by all whose
   * Denies and limits give the same answer, and so may hold the principal itself.
   */
  private assumeByName(from: GraphNode): EdgeGroup {
    const own = this.namedBy.get(from.arn) ?? [];
    const anyone = this.namedBy.get('*') ?? [];
    if (own.length === 0 && anyone.length === 0) return this.newGroup(ASSUME_TRUSTED_BY_ARN);
    const entries = [...own, ...anyone];
    const roles = () => [...new Set(entries.map((e) => e.role))];
    const list =
      own.length === 0
        ? this.candidates('roles-trusting-anyone', roles)
        : this.candidates(`roles-trusting:${from.arn}`, roles);
    const assume = this.account.env.catalog.requireIndex('sts:AssumeRole');
    const allowed = this.resolver.allowedOn(this.trustedAs(from.principal!), assume, list);
    const shared = own.length === 0;
    const build = () => {
      const group = this.newGroup(ASSUME_TRUSTED_BY_ARN);
      const position = new Map(list.nodes.map((id, index) => [id, index]));
      const granted = new Set(allowed.indices);
      for (const { role, statement } of entries) {
        if (!shared && role.id === from.id) continue;
        const index = position.get(role.id)!;
        if (!granted.has(index)) continue;
        const terms = AccessGraph.trustTerms(statement);
        AccessGraph.addTarget(group, role, terms.conditional || allowed.conditional.has(index), {
          trust: statement,
          ...(terms.notes.length > 0 ? { notes: terms.notes } : {}),
        });
      }
      return group;
    };
    return shared ? this.shared(allowed, ASSUME_TRUSTED_BY_ARN.id, build) : build();
  }

  private readonly trusted = new WeakMap<PrincipalAnalysis, ResolverPrincipal>();

  /**
   * The principal as a trust naming it sees it: allowed everything by identity (the trust grants
   * it), still held by its Denies, the SCPs and, for a role, its permissions boundary.
   */
  private trustedAs(principal: PrincipalAnalysis): ResolverPrincipal {
    let derived = this.trusted.get(principal);
    if (!derived) {
      const role = principal.kind === 'role';
      derived = {
        arn: principal.arn,
        kind: principal.kind,
        facts: principal.facts,
        policies: [{ key: 'trust-grants-everything', policy: this.allowAll }, ...principal.policies],
        boundary: role ? principal.boundary : null,
        boundaryArn: role ? principal.boundaryArn : null,
      };
      this.trusted.set(principal, derived);
    }
    return derived;
  }

  /** Trust naming the account: the principal's own policies must allow sts:AssumeRole on the role. */
  private assumeByAccountTrust(from: GraphNode): EdgeGroup {
    if (this.admittingAccount.length === 0) return this.newGroup(ASSUME_TRUSTING_ACCOUNT);
    const roles = this.candidates('roles-admitting-account', () => [
      ...new Set(this.admittingAccount.map((e) => e.role)),
    ]);
    const assume = this.account.env.catalog.requireIndex('sts:AssumeRole');
    const allowed = this.resolver.allowedOn(from.principal!, assume, roles);
    return this.shared(allowed, ASSUME_TRUSTING_ACCOUNT.id, () => {
      const group = this.newGroup(ASSUME_TRUSTING_ACCOUNT);
      const statements = new Map(this.admittingAccount.map((e) => [e.role.id, e.statement]));
      for (const index of allowed.indices) {
        const role = this.nodes[roles.nodes[index]!]!;
        const statement = statements.get(role.id)!;
        const terms = AccessGraph.trustTerms(statement);
        AccessGraph.addTarget(group, role, terms.conditional || allowed.conditional.has(index), {
          trust: statement,
          needsAssumeGrant: true,
          ...(terms.notes.length > 0 ? { notes: terms.notes } : {}),
        });
      }
      return group;
    });
  }

  /** Is every action of the method that is not aimed at a user, group, role or policy allowed somewhere? */
  private freeActionsAllowed(
    principal: PrincipalAnalysis,
    shaped: ShapedMethod,
  ): { ok: boolean; conditional: boolean } {
    let conditional = false;
    for (const action of shaped.actions) {
      const target = ACTION_TARGETS[action.lower];
      if (target !== undefined && target !== 'instance-profile') continue;
      const pattern = target === 'instance-profile' ? this.iamArn('instance-profile/*') : '*';
      const allowed = this.resolver.allowedOn(principal, action.index, anywhereIn(pattern));
      if (allowed.indices.length === 0) return { ok: false, conditional };
      if (allowed.conditional.size > 0) conditional = true;
    }
    return { ok: true, conditional };
  }

  private iamArn(resource: string): string {
    return `arn:${this.account.env.partition}:iam::${this.account.env.accountId}:${resource}`;
  }

  /**
   * Which of `subjects` the principal may perform every action of `kinds` on. Returns, per
   * allowed subject, whether some grant is conditional.
   */
  private allowedOnAll(
    principal: PrincipalAnalysis,
    shaped: ShapedMethod,
    kinds: ReadonlySet<string>,
    list: Candidates & { nodes: number[] },
    extraFor?: (action: string) => Record<string, string> | undefined,
  ): SubjectSet {
    // The same answers give the same subjects: one set per sequence of answers (each prefix
    // cached too), so groups built from it are shared and the intersection is made once.
    let result: SubjectSet | null = null;
    let key = '';
    for (const action of shaped.actions) {
      const target = ACTION_TARGETS[action.lower];
      if (target === undefined || !kinds.has(target) || action.lower === ASSUME_ROLE) continue;
      const allowed = this.resolver.allowedOn(principal, action.index, list, extraFor?.(action.lower));
      key += `${key === '' ? '' : ','}${this.answerId(allowed)}`;
      let next = this.subjectMaps.get(key);
      if (!next) {
        const nodes: number[] = [];
        const conditional = new IdSet();
        for (const index of allowed.indices) {
          const node = list.nodes[index]!;
          const before = result ? result.conditionalOf(node) : false;
          if (before === undefined) continue;
          nodes.push(node);
          if (before || allowed.conditional.has(index)) conditional.add(node);
        }
        next = new SubjectSet(Int32Array.from(nodes), (node) => conditional.has(node));
        this.subjectMaps.set(key, next);
      }
      result = next;
      if (result.size === 0) break;
    }
    return result ?? this.everyone(list);
  }

  private readonly subjectMaps = new Map<string, SubjectSet>();
  private readonly answerIds = new WeakMap<object, number>();
  private answerCount = 0;

  /** A number per distinct answer object (answers are shared by the resolver), for keys. */
  private answerId(answer: object): number {
    let id = this.answerIds.get(answer);
    if (id === undefined) {
      id = this.answerCount++;
      this.answerIds.set(answer, id);
    }
    return id;
  }
  private readonly everyoneOf = new Map<string, SubjectSet>();

  /** Every candidate of a list, unconditionally (one set per list). */
  private everyone(list: Candidates & { nodes: number[] }): SubjectSet {
    let all = this.everyoneOf.get(list.id);
    if (!all) {
      all = new SubjectSet(Int32Array.from(list.nodes), () => false);
      this.everyoneOf.set(list.id, all);
    }
    return all;
  }

  /** The node a principal reaches by rewriting `subject`'s policies: anything within its limits, unless it can drop its boundary too. */
  private ceilingFor(from: GraphNode, subject: PrincipalAnalysis): GraphNode {
    if (!subject.boundaryArn) return this.limitsNode(null);
    return this.mayRemoveBoundary(from.principal!, subject)
      ? this.limitsNode(null)
      : this.limitsNode(subject.boundaryArn);
  }

  /**
   * The users a principal acts as, in order and lazily (most callers stop at the first): itself
   * when a user, then the users whose credentials it takes (the targets of `oneHop`).
   */
  private *usersActedAs(from: GraphNode, oneHop: readonly EdgeGroup[]): Generator<GraphNode> {
    const seen = new Set<number>();
    if (from.kind === 'user') {
      seen.add(from.id);
      yield from;
    }
    for (const group of oneHop) {
      for (const id of group.targets) {
        const node = this.nodes[id]!;
        if (node.kind !== 'user' || seen.has(id)) continue;
        seen.add(id);
        yield node;
      }
    }
  }

  private readonly groupsWithMoreOf = new WeakMap<
    EffectivePermissions,
    WeakMap<SubjectSet, ReadonlyArray<[number, boolean]>>
  >();

  /**
   * The groups of `allowed` (with their conditionality, in order) that can do something `from`
   * cannot. That depends only on from's permissions, which principals with the same policies
   * share: decided once per permission set and answer, not once per principal.
   */
  private groupsWithMore(from: GraphNode, allowed: SubjectSet): ReadonlyArray<[number, boolean]> {
    let byAnswer = this.groupsWithMoreOf.get(from.permissions);
    if (!byAnswer) {
      byAnswer = new WeakMap();
      this.groupsWithMoreOf.set(from.permissions, byAnswer);
    }
    let groups = byAnswer.get(allowed);
    if (!groups) {
      groups = [...allowed].filter(([id]) => this.hasMore(this.nodes[id]!, from));
      byAnswer.set(allowed, groups);
    }
    return groups;
  }

  private readonly memberships = new Map<number, number[]>();

  /** The group nodes a user is a member of, in node order. */
  private groupsOf(user: GraphNode): number[] {
    let ids = this.memberships.get(user.id);
    if (!ids) {
      ids = (user.principal!.detail as { groups: string[] }).groups
        .flatMap((name) => this.groupIds().get(name) ?? [])
        .sort((a, b) => a - b);
      this.memberships.set(user.id, ids);
    }
    return ids;
  }

  private groupIdsByName?: Map<string, number>;

  private groupIds(): Map<string, number> {
    this.groupIdsByName ??= new Map(
      this.nodes.filter((n) => n.kind === 'group').map((n) => [n.principal!.name, n.id]),
    );
    return this.groupIdsByName;
  }

  private mayRemoveBoundary(actor: PrincipalAnalysis, subject: PrincipalAnalysis): boolean {
    const kind = subject.kind === 'user' ? 'User' : 'Role';
    const list = this.candidates(`subject:${subject.arn}`, () => [this.node(subject.arn)!]);
    return [`iam:Delete${kind}PermissionsBoundary`, `iam:Put${kind}PermissionsBoundary`].some((name) => {
      const index = this.account.env.catalog.indexOf(name);
      return index !== undefined && this.resolver.allowedOn(actor, index, list).indices.length > 0;
    });
  }

  private ownBoundaryRemoval(from: GraphNode): EdgeGroup {
    const group = this.newGroup(REMOVE_OWN_BOUNDARY);
    const principal = from.principal!;
    if (!this.mayRemoveBoundary(principal, principal)) return group;
    const key = `${from.arn}#no-boundary`;
    const target =
      this.byArn.get(key) ??
      this.addNode({
        kind: 'limits',
        arn: key,
        label: `${principal.kind} ${principal.name} without its permissions boundary`,
        permissions: this.permissionsOf(
          principal.policies.map((p) => p.policy),
          null,
          key,
        ),
      });
    AccessGraph.addTarget(group, target, false, { subject: from.arn });
    return group;
  }

  private readonly rewritableSubjects = new WeakMap<SubjectSet, Subject[]>();
  private readonly subjectsByGroup = new Map<string, Subject[]>();

  /**
   * The subjects a method may rewrite among the principal itself and whom it becomes in one hop
   * (the targets of `oneHop`), in that order and condensed. What a group's targets give for one
   * method and `answer` is made once and shared by every principal holding the group.
   */
  private actedAs(
    from: GraphNode,
    oneHop: readonly EdgeGroup[],
    method: EdgeMethod,
    answer: object,
    subjectOf: (node: GraphNode, own: boolean) => Subject | null,
  ): Subject[][] {
    const own = subjectOf(from, true);
    const lists = [own ? [own] : []];
    for (const group of oneHop) {
      const key = `${method.id}|${this.answerId(answer)}|${this.answerId(group)}`;
      let subjects = this.subjectsByGroup.get(key);
      if (!subjects) {
        subjects = this.condensed(group.targets, (node) => subjectOf(node, false));
        this.subjectsByGroup.set(key, subjects);
      }
      lists.push(subjects);
    }
    return lists;
  }

  /**
   * What `subjectOf` makes of `nodes`, in order, condensed. Subjects without a permissions
   * boundary all lead to the same node (full admin, whoever acts): the first names the hop, which
   * is conditional only if every one of them is, so the scan for them stops at the first
   * unconditional one. The others, each with a boundary the acting principal may or may not be
   * able to remove, are all kept in order.
   */
  private condensed(nodes: readonly number[], subjectOf: (node: GraphNode) => Subject | null): Subject[] {
    let unbounded: Subject | undefined;
    let at = -1;
    for (let i = 0; i < nodes.length && (!unbounded || unbounded.conditional); i++) {
      const node = this.nodes[nodes[i]!]!;
      if (node.principal!.boundaryArn) continue;
      const subject = subjectOf(node);
      if (!subject) continue;
      if (!unbounded) {
        unbounded = { ...subject };
        at = i;
      } else if (!subject.conditional) unbounded.conditional = false;
    }
    const kept: Subject[] = [];
    let placed = !unbounded;
    for (const position of this.boundedAmong(nodes)) {
      if (!placed && at < position) {
        kept.push(unbounded!);
        placed = true;
      }
      const subject = subjectOf(this.nodes[nodes[position]!]!);
      if (subject) kept.push(subject);
    }
    if (!placed) kept.push(unbounded!);
    return kept;
  }

  private readonly bounded = new WeakMap<readonly number[], number[]>();

  /** Positions in `nodes` of principals with a permissions boundary (few). */
  private boundedAmong(nodes: readonly number[]): number[] {
    let positions = this.bounded.get(nodes);
    if (!positions) {
      positions = [];
      for (let i = 0; i < nodes.length; i++)
        if (this.nodes[nodes[i]!]!.principal!.boundaryArn) positions.push(i);
      this.bounded.set(nodes, positions);
    }
    return positions;
  }

  /**
   * A shared group of edges to each of `subjects` (node id -> conditional). Its targets are
   * distinct already and nothing is added to it later, so it is built directly, without the set
   * of members addTarget keeps (millions of entries at 15,000 principals).
   */
  private sharedTargets(
    method: EdgeMethod,
    subjects: SubjectSet,
    allConditional: boolean,
    detail?: HopDetail,
  ): EdgeGroup {
    return this.shared(subjects, `${method.id}|${allConditional}`, () => {
      const group: EdgeGroup = {
        ...this.newGroup(method),
        allConditional,
        targets: Array.from(subjects.nodes),
        ...(detail ? { everyDetail: detail } : {}),
      };
      for (const [id, conditional] of subjects) if (conditional) group.conditional.add(id);
      return group;
    });
  }

  /** `actAs`: the groups of whom the principal can become in one hop, for methods that change their policies. */
  private methodEdges(from: GraphNode, shaped: ShapedMethod, actAs: () => readonly EdgeGroup[]): EdgeGroup {
    const group = this.newGroup(shaped.method);
    const principal = from.principal!;
    const { catalog } = this.account.env;
    const free = this.freeActionsAllowed(principal, shaped);
    if (!free.ok) return group;
    const add = (target: GraphNode, conditional: boolean, detail?: HopDetail) =>
      target.id !== from.id && AccessGraph.addTarget(group, target, conditional || free.conditional, detail);
    // Rewriting a subject's policies leads to anything within its limits.
    const addCeilings = (subjects: readonly Subject[]) => {
      for (const { node, conditional, policy, detail } of subjects)
        add(
          this.ceilingFor(from, node.principal!),
          conditional,
          detail ?? { subject: node.arn, ...(policy ? { policy } : {}) },
        );
    };
    const shape = shaped.shape;
    switch (shape.shape) {
      case 'service': {
        const service = shaped.method.service!;
        const list = this.candidates(`service:${service}`, () =>
          this.account.rolesTrusting(service).flatMap((arn) => this.node(arn) ?? []),
        );
        const passable = shape.passRole
          ? this.allowedOnAll(principal, shaped, new Set(['role']), list, (action) =>
              action === PASS_ROLE ? { 'iam:passedtoservice': service } : undefined,
            )
          : this.everyone(list);
        const note = shape.passRole
          ? undefined
          : { notes: [`needs an existing ${service} resource that runs as the role`] };
        return this.sharedTargets(shaped.method, passable, free.conditional, note);
      }
      case 'new-role': {
        const someRole = anywhereIn(this.iamArn('role/*'));
        const ok = shaped.actions.every((a) => {
          if (ACTION_TARGETS[a.lower] !== 'role') return true;
          return this.resolver.allowedOn(principal, a.index, someRole).indices.length > 0;
        });
        if (ok) add(this.limitsNode(null), false, { subject: 'a new role trusting itself' });
        break;
      }
      case 'trust-rewrite': {
        const roles = this.candidates('roles', () => this.roles());
        const rewritable = this.allowedOnAll(principal, shaped, new Set(['role']), roles);
        if (!shape.changesPolicies) {
          return this.sharedTargets(shaped.method, rewritable, free.conditional, {
            notes: ['same account: a trust naming the principal needs no identity grant'],
          });
        }
        let subjects = this.rewritableSubjects.get(rewritable);
        if (!subjects) {
          subjects = this.condensed(Array.from(rewritable.nodes), (node) => ({
            node,
            conditional: rewritable.conditionalOf(node.id)!,
          }));
          this.rewritableSubjects.set(rewritable, subjects);
        }
        addCeilings(subjects);
        break;
      }
      case 'role-policy':
      case 'user-policy': {
        // A principal's own policies, or those of a principal it can become in one hop.
        // Asked of every user (or role) at once, so the answer is shared by principals with the
        // same policies; a list of its own per principal would be evaluated per principal.
        const kind = shape.shape === 'role-policy' ? 'role' : 'user';
        const everyOne =
          kind === 'role'
            ? this.candidates('roles', () => this.roles())
            : this.candidates('users', () => this.users());
        const allowed = this.allowedOnAll(principal, shaped, new Set([kind]), everyOne);
        const subjectOf = (node: GraphNode): Subject | null => {
          const conditional = node.kind === kind ? allowed.conditionalOf(node.id) : undefined;
          return conditional === undefined ? null : { node, conditional };
        };
        for (const subjects of this.actedAs(from, actAs(), shaped.method, allowed, subjectOf))
          addCeilings(subjects);
        break;
      }
      case 'user-credentials': {
        const users = this.candidates('users', () => this.users());
        const allowed = this.allowedOnAll(principal, shaped, new Set(['user', 'other-user']), users);
        if (!shape.changesPolicies) return this.sharedTargets(shaped.method, allowed, free.conditional);
        // Users with the same boundary (or none) all lead to the same node: the first names the
        // hop, a later one matters only to make it unconditional, and after an unconditional one
        // none does.
        const settled = new Set<string | null>();
        for (const [id, conditional] of allowed) {
          const user = this.nodes[id]!.principal!;
          if (user.arn === from.arn || settled.has(user.boundaryArn)) continue;
          if (!conditional) settled.add(user.boundaryArn);
          add(this.ceilingFor(from, user), conditional, { subject: user.arn });
        }
        break;
      }
      case 'join-group':
      case 'group-policy': {
        // Only users join groups or hold group policies: the principal itself when a user, and
        // the users whose credentials it takes (a role gains from group methods only that way).
        const oneHop = actAs().filter((group) => group.method.kind === 'user-credentials');
        if (from.kind !== 'user' && oneHop.length === 0) break;
        const groups = this.candidates('groups', () => this.nodes.filter((n) => n.kind === 'group'));
        const allowed = this.allowedOnAll(principal, shaped, new Set(['group']), groups);
        if (allowed.size === 0) break;
        const as = (user: GraphNode, own: boolean): HopDetail =>
          own ? {} : { notes: [`as ${user.label}, whose credentials it takes`] };
        if (shape.shape === 'join-group') {
          // Joining helps only a group that can do something the principal cannot: decided once
          // per group. A group is reached through the first user (in order) not yet in it, so
          // each user looks only at the groups no earlier user could join, and most principals
          // stop at the first.
          let open = this.groupsWithMore(from, allowed);
          for (const user of this.usersActedAs(from, oneHop)) {
            if (open.length === 0) break;
            const member = this.groupsOf(user);
            open = open.filter(([id, conditional]) => {
              if (member.includes(id)) return true;
              add(this.nodes[id]!, conditional, as(user, user.id === from.id));
              return false;
            });
          }
        } else {
          // Rewriting a group's policies leads to anything within the limits of a user in it: a
          // user is a subject through the first of its groups (node order, the order of
          // `allowed`) the principal may rewrite, conditional only if every such grant is.
          const subjectOf = (user: GraphNode, own: boolean): Subject | null => {
            if (user.kind !== 'user') return null;
            let via: number | undefined;
            let conditional = true;
            for (const id of this.groupsOf(user)) {
              const grant = allowed.conditionalOf(id);
              if (grant === undefined) continue;
              via ??= id;
              conditional &&= grant;
            }
            if (via === undefined) return null;
            return { node: user, conditional, detail: { subject: this.nodes[via]!.arn, ...as(user, own) } };
          };
          for (const subjects of this.actedAs(from, oneHop, shaped.method, allowed, subjectOf))
            addCeilings(subjects);
        }
        break;
      }
      case 'policy-version': {
        // Which customer managed policies it may version, asked once of all of them; then, per
        // principal it can act as, the first such policy that one holds.
        const customer = this.customerPolicies();
        const index = catalog.requireIndex('iam:CreatePolicyVersion');
        const allowed = this.resolver.allowedOn(principal, index, customer);
        if (allowed.indices.length === 0) break;
        let granted: Set<number> | undefined;
        const subjectOf = (node: GraphNode): Subject | null => {
          granted ??= new Set(allowed.indices);
          for (const held of node.principal!.policies) {
            const position = customer.positions.get(held.key);
            if (position === undefined || !granted.has(position)) continue;
            const policy = customer.arns[position]!;
            return { node, conditional: allowed.conditional.has(position), policy };
          }
          return null;
        };
        for (const subjects of this.actedAs(from, actAs(), shaped.method, allowed, subjectOf))
          addCeilings(subjects);
        break;
      }
      case 'organization-admin': {
        // Identity Center's organization instance is run from the management account; a member
        // account that is its delegated administrator could too, but delegations are not collected.
        const management = this.account.isManagementAccount();
        if (management === false) break;
        add(this.limitsNode(null), management === undefined, {
          subject: 'a permission set assigned to an IAM Identity Center user it signs in as',
          ...(management === undefined ? { notes: [UNKNOWN_MANAGEMENT_ACCOUNT] } : {}),
        });
        break;
      }
      case 'default-version': {
        const setDefault = catalog.requireIndex(SET_DEFAULT_VERSION);
        const current = this.allowed(from);
        for (const held of principal.policies) {
          const origin = held.policy.origin;
          if (origin.kind !== 'managed' || origin.awsManaged) continue;
          for (const version of this.account.nonDefaultVersions(held.policy)) {
            const grants = principal.permissions.allowedSomewhereBy(version.policy);
            if (!grants || current.containsAll(grants)) continue;
            const allowed = this.resolver.allowedOn(principal, setDefault, {
              id: `policy:${origin.arn}`,
              arns: [origin.arn],
            });
            if (allowed.indices.length === 0) continue;
            add(
              this.versionNode(principal, origin.arn, version.versionId, version.policy),
              allowed.conditional.size > 0,
              {
                policy: origin.arn,
                versionId: version.versionId,
              },
            );
          }
        }
        break;
      }
    }
    return group;
  }
}

/** A principal whose policies a method may rewrite, and the managed policy it would rewrite. */
interface Subject {
  node: GraphNode;
  conditional: boolean;
  policy?: string;
  /** The hop's detail when it is not "rewrite this subject's (and `policy`'s) policies". */
  detail?: HopDetail;
}

/** One candidate standing for "some resource matching this pattern" (`*`, `role/*`). */
function anywhereIn(pattern: string): Candidates {
  return { id: `pattern:${pattern}`, arns: [pattern] };
}
