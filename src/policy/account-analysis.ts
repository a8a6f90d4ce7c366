// Policy analysis of one snapshot, shared by every policy and trust rule. The engine calls each rule
// separately, so the analysis is memoised per snapshot object; inside it, effective permissions are
// computed once per distinct set of policies (plus boundary, plus SCP chain), because in a real
// account thousands of users share a handful of group combinations.
import type { Subject, SubjectKind } from '../model/subject.js';
import { optionalSectionData, sectionData } from '../snapshot/access.js';
import type {
  AttachedPolicy,
  AuthorizationDetails,
  GroupDetail,
  InlinePolicy,
  ManagedPolicy,
  PolicyDocument,
  RoleDetail,
  Snapshot,
  UserDetail,
} from '../snapshot/schema.js';
import { actionCatalog } from './catalog.js';
import type { AnalysisEnvironment, PolicyOrigin } from './compiled-policy.js';
import { CompiledPolicy, statementId } from './compiled-policy.js';
import type { PrincipalKind, RequestFacts } from './conditions.js';
import type { FullAdmin, Grant } from './effective.js';
import { EffectivePermissions } from './effective.js';
import type { TrustStatement } from './trust.js';
import { isServiceLinkedRole, trustStatements } from './trust.js';
import { ALLOW_EVERYTHING, wellKnownPolicyDocument } from './well-known-policies.js';

/** How evidence names a policy: a managed policy by ARN, an inline one by owner and name. */
export type PolicyReference = { policyArn: string } | { inlinePolicy: string; owner: string };

/** One of a principal's policies, and what it is attached through (the principal, or a group). */
export interface PrincipalPolicy {
  key: string;
  policy: CompiledPolicy;
  reference: PolicyReference;
  /** ARNs of the principal or groups the policy reaches it through. */
  attachedThrough: string[];
}

/** Evidence for one granting statement. */
export interface GrantEvidence {
  policy: PolicyReference;
  /** The statement's Sid, or its index in the Statement array when it has none. */
  statement: string | number;
  resource: string;
  attachedThrough?: string[];
  conditional?: true;
  conditionKeys?: readonly string[];
}

/** A customer managed policy (default version) or an inline policy, judged on its own. */
export interface PolicyDocumentEntry {
  kind: 'managed' | 'inline';
  /** Managed: the policy ARN. Inline: the owning user, group or role. */
  resource: string;
  /** Inline: the policy name (tells apart several inline policies of one owner). */
  discriminator?: string;
  /** The managed policy, or the owner and the inline policy's name. */
  subject: Subject;
  /** "Policy deploy-all", "Inline policy s3-access of role app", for messages. */
  label: string;
  compiled: CompiledPolicy;
  /** The document alone: no principal, no boundary, no SCP. */
  permissions: EffectivePermissions;
}

const analyses = new WeakMap<Snapshot, AccountAnalysis>();

/** The shared policy analysis of a snapshot (needs authorizationDetails). */
export function analyzeAccount(snapshot: Snapshot): AccountAnalysis {
  let analysis = analyses.get(snapshot);
  if (!analysis) {
    analysis = new AccountAnalysis(snapshot);
    analyses.set(snapshot, analysis);
  }
  return analysis;
}

export class AccountAnalysis {
  readonly env: AnalysisEnvironment;
  readonly details: AuthorizationDetails;
  readonly users: readonly PrincipalAnalysis[];
  readonly groups: readonly PrincipalAnalysis[];
  readonly roles: readonly PrincipalAnalysis[];
  /** SCPs per level of the account's organization path, when collected and binding. */
  readonly scpLevels: readonly (readonly CompiledPolicy[])[];
  /** SCPs whose document is missing: they could not be taken into account. */
  readonly unknownScps: readonly string[];

  private readonly managedByArn = new Map<string, ManagedPolicy>();
  private readonly compiledManaged = new Map<string, CompiledPolicy | null>();
  private readonly compiledInline = new Map<string, CompiledPolicy>();
  private readonly groupCollections = new Map<string, PolicyCollection>();
  private readonly compiledVersions = new Map<string, Array<{ versionId: string; policy: CompiledPolicy }>>();
  private readonly groupsByName = new Map<string, GroupDetail>();
  private readonly policySets = new Map<string, EffectivePermissions>();
  private readonly trustByRole = new Map<string, TrustStatement[]>();
  private servicesToRoles: Map<string, string[]> | undefined;
  private documents: PolicyDocumentEntry[] | undefined;

  constructor(readonly snapshot: Snapshot) {
    this.env = {
      catalog: actionCatalog(),
      partition: snapshot.partition,
      accountId: snapshot.accountId,
      now: new Date(snapshot.collectedAt),
    };
    this.details = sectionData(snapshot, 'authorizationDetails');
    for (const policy of this.details.policies) this.managedByArn.set(policy.arn, policy);
    for (const group of this.details.groups) this.groupsByName.set(group.name, group);
    const scps = this.compileScps();
    this.scpLevels = scps.levels;
    this.unknownScps = scps.unknown;
    this.users = this.details.users.map(
      (user) => new PrincipalAnalysis(this, 'user', user, this.userPolicies(user)),
    );
    this.groups = this.details.groups.map(
      (group) => new PrincipalAnalysis(this, 'group', group, this.ownPolicies(group)),
    );
    this.roles = this.details.roles.map(
      (role) => new PrincipalAnalysis(this, 'role', role, this.ownPolicies(role)),
    );
  }

  /** Users, groups and roles. */
  get principals(): PrincipalAnalysis[] {
    return [...this.users, ...this.groups, ...this.roles];
  }

  /** How many distinct policy sets had their permissions evaluated so far (the benchmark reports it). */
  get distinctPolicySets(): number {
    return this.policySets.size;
  }

  /** Customer managed policies (default version, attached or not) and inline policies (not of service-linked roles). */
  policyDocuments(): PolicyDocumentEntry[] {
    this.documents ??= this.collectPolicyDocuments();
    return this.documents;
  }

  /** The compiled default version of a managed policy, or a well-known AWS policy by ARN; null when unknown. */
  managedPolicy(arn: string): CompiledPolicy | null {
    let compiled = this.compiledManaged.get(arn);
    if (compiled === undefined) {
      compiled = this.compileManaged(arn);
      this.compiledManaged.set(arn, compiled);
    }
    return compiled;
  }

  /** The Allow statements of a role's trust policy (cached). */
  trustOf(role: RoleDetail): readonly TrustStatement[] {
    let statements = this.trustByRole.get(role.arn);
    if (!statements) {
      statements = trustStatements(role, this.env.catalog);
      this.trustByRole.set(role.arn, statements);
    }
    return statements;
  }

  rolesTrusting(service: string): readonly string[] {
    if (!this.servicesToRoles) {
      this.servicesToRoles = new Map();
      for (const role of this.details.roles) {
        if (isServiceLinkedRole(role)) continue;
        for (const trusted of new Set(this.trustOf(role).flatMap((s) => s.services))) {
          const list = this.servicesToRoles.get(trusted) ?? [];
          list.push(role.arn);
          this.servicesToRoles.set(trusted, list);
        }
      }
    }
    return this.servicesToRoles.get(service) ?? [];
  }

  isManagementAccount(): boolean | undefined {
    const organization = optionalSectionData(this.snapshot, 'organization');
    if (organization === undefined) return undefined;
    // null: the account is in no organization, so it manages none.
    return organization?.managementAccountId === this.snapshot.accountId;
  }

  nonDefaultVersions(policy: CompiledPolicy): ReadonlyArray<{ versionId: string; policy: CompiledPolicy }> {
    const managedOrigin = policy.origin;
    if (managedOrigin.kind !== 'managed') return [];
    const arn = managedOrigin.arn;
    let versions = this.compiledVersions.get(arn);
    if (!versions) {
      const managed = this.managedByArn.get(arn);
      versions = (managed?.versions ?? []).flatMap((version) => {
        if (isDefaultVersion(managed!, version) || !version.document) return [];
        const origin: PolicyOrigin = { ...managedOrigin, versionId: version.versionId };
        return [
          { versionId: version.versionId, policy: new CompiledPolicy(origin, version.document, this.env) },
        ];
      });
      this.compiledVersions.set(arn, versions);
    }
    return versions;
  }

  /**
   * Memoised effective permissions for a principal's set of policies. Principals share them unless
   * a condition depends on who they are; `principalKey` then names the principal.
   */
  permissionsOf(principal: PrincipalAnalysis): EffectivePermissions {
    const key = principal.policySetKey;
    let permissions = this.policySets.get(key);
    if (!permissions) {
      permissions = new EffectivePermissions(
        {
          identity: principal.policies.map((p) => p.policy),
          boundary: principal.boundary,
          scpLevels: this.scpLevels,
        },
        principal.facts,
        principal.arn,
        this.env,
      );
      this.policySets.set(key, permissions);
    }
    return permissions;
  }

  private layersOf(principal: PrincipalAnalysis): CompiledPolicy[] {
    return [
      ...principal.policies.map((p) => p.policy),
      ...(principal.boundary ? [principal.boundary] : []),
      ...this.scpLevels.flat(),
    ];
  }

  /** What identifies a principal's permissions: its policies, boundary, and itself if conditions ask. */
  policySetKey(principal: PrincipalAnalysis): string {
    const conditionDependent = this.layersOf(principal).some((policy) => policy.conditionDependent);
    return [
      principal.kind,
      principal.policies.map((p) => p.key).join('\n'),
      `boundary:${principal.boundary ? principal.boundaryArn : ''}`,
      conditionDependent ? `principal:${principal.arn}` : '',
    ].join('|');
  }

  private compileManaged(arn: string): CompiledPolicy | null {
    const managed = this.managedByArn.get(arn);
    const version = managed?.versions.find((v) => isDefaultVersion(managed, v));
    const document: PolicyDocument | undefined = version?.document ?? wellKnownPolicyDocument(arn);
    if (!document) return null;
    const origin: PolicyOrigin = {
      kind: 'managed',
      arn,
      name: managed?.name ?? arn.slice(arn.lastIndexOf('/') + 1),
      versionId: version?.document ? version.versionId : null,
      awsManaged: managed?.awsManaged ?? arn.split(':')[4] === 'aws',
    };
    return new CompiledPolicy(origin, document, this.env);
  }

  /** An inline policy, compiled once however many group members share it. */
  private inlinePolicy(owner: UserDetail | GroupDetail | RoleDetail, inline: InlinePolicy): CompiledPolicy {
    const key = inlineKey(owner, inline);
    let compiled = this.compiledInline.get(key);
    if (!compiled) {
      const origin: PolicyOrigin = {
        kind: 'inline',
        owner: owner.arn,
        ownerName: owner.name,
        name: inline.name,
      };
      compiled = new CompiledPolicy(origin, inline.document, this.env);
      this.compiledInline.set(key, compiled);
    }
    return compiled;
  }

  /** A principal's own inline and attached policies. */
  private ownPolicies(owner: UserDetail | GroupDetail | RoleDetail): PolicyCollection {
    const collection = new PolicyCollection();
    for (const inline of owner.inlinePolicies) {
      collection.add(inlineKey(owner, inline), this.inlinePolicy(owner, inline), {
        reference: { inlinePolicy: inline.name, owner: owner.arn },
        through: owner.arn,
      });
    }
    for (const attached of owner.attachedPolicies) this.addManaged(collection, attached, owner.arn);
    return collection;
  }

  /** A group's own policies, collected once for all its members. */
  private groupPolicies(group: GroupDetail): PolicyCollection {
    let collection = this.groupCollections.get(group.arn);
    if (!collection) {
      collection = this.ownPolicies(group);
      this.groupCollections.set(group.arn, collection);
    }
    return collection;
  }

  /** A user's own policies plus those of each of its groups. */
  private userPolicies(user: UserDetail): PolicyCollection {
    const collection = this.ownPolicies(user);
    for (const name of user.groups) {
      const group = this.groupsByName.get(name);
      if (!group) {
        collection.notes.push(`group ${name} is not in the snapshot`);
        continue;
      }
      collection.merge(this.groupPolicies(group));
    }
    return collection;
  }

  private addManaged(collection: PolicyCollection, attached: AttachedPolicy, through: string): void {
    const compiled = this.managedPolicy(attached.arn);
    if (!compiled) {
      collection.unknown.add(attached.arn);
      return;
    }
    collection.add(`managed:${attached.arn}`, compiled, { reference: { policyArn: attached.arn }, through });
  }

  private compileScps(): { levels: CompiledPolicy[][]; unknown: string[] } {
    const scps = optionalSectionData(this.snapshot, 'serviceControlPolicies');
    const organization = optionalSectionData(this.snapshot, 'organization');
    // SCPs never restrict the management account.
    if (!scps || organization?.managementAccountId === this.snapshot.accountId)
      return { levels: [], unknown: [] };
    const unknown: string[] = [];
    const levels: CompiledPolicy[][] = [];
    for (const level of scps.accountPath) {
      const attached = scps.policies.filter((policy) => policy.targetIds.includes(level.id));
      const compiled = attached.flatMap((policy) => {
        // The only AWS managed SCP is FullAWSAccess, which allows everything.
        const document = policy.document ?? (policy.awsManaged ? ALLOW_EVERYTHING : undefined);
        if (!document) {
          unknown.push(policy.arn);
          return [];
        }
        return [new CompiledPolicy({ kind: 'scp', arn: policy.arn, name: policy.name }, document, this.env)];
      });
      // Every level has at least one SCP in a real organization; a level without a known one means
      // the data is incomplete, and guessing "deny everything" would hide findings.
      if (compiled.length > 0) levels.push(compiled);
    }
    return { levels, unknown };
  }

  private collectPolicyDocuments(): PolicyDocumentEntry[] {
    const facts: RequestFacts = { now: this.env.now, accountId: this.env.accountId };
    const alone = (compiled: CompiledPolicy) =>
      new EffectivePermissions(
        { identity: [compiled], boundary: null, scpLevels: [] },
        facts,
        'policy-alone',
        this.env,
      );
    const entries: PolicyDocumentEntry[] = [];
    for (const policy of this.details.policies) {
      if (policy.awsManaged) continue;
      const compiled = this.managedPolicy(policy.arn);
      if (!compiled || compiled.origin.kind !== 'managed' || compiled.origin.versionId === null) continue;
      entries.push({
        kind: 'managed',
        resource: policy.arn,
        subject: { kind: 'policy', name: policy.name },
        label: policyLabel(compiled.origin),
        compiled,
        permissions: alone(compiled),
      });
    }
    const owners: Array<readonly [SubjectKind, UserDetail | GroupDetail | RoleDetail]> = [
      ...this.details.users.map((user) => ['user', user] as const),
      ...this.details.groups.map((group) => ['group', group] as const),
      // A service-linked role's policies belong to AWS: nobody in the account can change them.
      ...this.details.roles
        .filter((role) => !isServiceLinkedRole(role))
        .map((role) => ['role', role] as const),
    ];
    for (const [ownerKind, owner] of owners) {
      for (const inline of owner.inlinePolicies) {
        const compiled = this.inlinePolicy(owner, inline);
        entries.push({
          kind: 'inline',
          resource: owner.arn,
          discriminator: inline.name,
          subject: { kind: ownerKind, name: owner.name, policy: inline.name },
          label: policyLabel(compiled.origin),
          compiled,
          permissions: alone(compiled),
        });
      }
    }
    return entries;
  }
}

/** "Policy deploy-all", "Inline policy s3-access of role app": how messages name a policy. */
function policyLabel(origin: PolicyOrigin): string {
  if (origin.kind !== 'inline') return `Policy ${origin.name}`;
  // arn:aws:iam::123456789012:role/path/app -> role
  const ownerKind = origin.owner.split(':')[5]?.split('/')[0];
  return `Inline policy ${origin.name} of ${ownerKind} ${origin.ownerName}`;
}

/**
 * "Inline policy limits of user alice could not be decoded (policy document is not valid JSON ...)"
 * for a document nothing could be read from (its empty Statement says nothing); null otherwise.
 */
export function undecodableDocument(label: string, document: PolicyDocument | null): string | null {
  return document?.decodeError ? `${label} could not be decoded (${document.decodeError})` : null;
}

function inlineKey(owner: { arn: string }, inline: InlinePolicy): string {
  return `inline:${owner.arn}:${inline.name}`;
}

function isDefaultVersion(policy: ManagedPolicy, version: ManagedPolicy['versions'][number]): boolean {
  return (
    version.isDefault || (policy.defaultVersionId !== null && version.versionId === policy.defaultVersionId)
  );
}

/** A principal's policies, deduplicated by identity (a policy attached twice grants once). */
class PolicyCollection {
  private readonly byKey = new Map<string, PrincipalPolicy>();
  readonly unknown = new Set<string>();
  readonly notes: string[] = [];

  add(key: string, policy: CompiledPolicy, how: { reference: PolicyReference; through: string }): void {
    const existing = this.byKey.get(key);
    if (existing) {
      if (!existing.attachedThrough.includes(how.through)) existing.attachedThrough.push(how.through);
      return;
    }
    this.byKey.set(key, { key, policy, reference: how.reference, attachedThrough: [how.through] });
  }

  merge(other: PolicyCollection): void {
    for (const entry of other.byKey.values()) {
      for (const through of entry.attachedThrough)
        this.add(entry.key, entry.policy, { reference: entry.reference, through });
    }
    for (const arn of other.unknown) this.unknown.add(arn);
    this.notes.push(...other.notes);
  }

  /** In canonical order, so principals with the same policies share one evaluation. */
  sorted(): PrincipalPolicy[] {
    return [...this.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** One user, group or role, with its policies and (lazily) its effective permissions. */
export class PrincipalAnalysis {
  readonly arn: string;
  readonly name: string;
  readonly isServiceLinked: boolean;
  readonly policies: readonly PrincipalPolicy[];
  /** Managed policies attached to it whose document is not in the snapshot (never guessed). */
  readonly unknownPolicies: readonly string[];
  readonly boundaryArn: string | null;
  readonly boundary: CompiledPolicy | null;
  /** Things that could not be taken into account (missing groups, unknown boundary or SCPs). */
  readonly notes: readonly string[];
  /**
   * Its policies (own, through groups, boundary) whose document could not be decoded, described.
   * What they grant or deny is unknown, so its permissions cannot be judged from the others.
   */
  readonly undecodablePolicies: readonly string[];
  readonly facts: RequestFacts;

  constructor(
    private readonly account: AccountAnalysis,
    readonly kind: PrincipalKind,
    readonly detail: UserDetail | GroupDetail | RoleDetail,
    collection: PolicyCollection,
  ) {
    this.arn = detail.arn;
    this.name = detail.name;
    this.isServiceLinked = kind === 'role' && isServiceLinkedRole(detail);
    this.policies = collection.sorted();
    this.unknownPolicies = [...collection.unknown];
    this.boundaryArn = 'permissionsBoundaryArn' in detail ? detail.permissionsBoundaryArn : null;
    this.boundary = this.boundaryArn ? account.managedPolicy(this.boundaryArn) : null;
    const notes = [...collection.notes];
    if (this.boundaryArn && !this.boundary)
      notes.push(`permissions boundary ${this.boundaryArn} is not in the snapshot`);
    for (const scp of account.unknownScps) notes.push(`SCP ${scp} has no document in the snapshot`);
    this.notes = notes;
    this.undecodablePolicies = [
      ...this.policies.map(({ policy }) => undecodableDocument(policyLabel(policy.origin), policy.document)),
      this.boundary &&
        undecodableDocument(`Permissions boundary ${this.boundary.origin.name}`, this.boundary.document),
    ].filter((description): description is string => Boolean(description));
    this.facts = {
      now: account.env.now,
      accountId: account.env.accountId,
      principal: { kind, arn: detail.arn, name: detail.name },
    };
  }

  private setKey: string | undefined;
  private shared: EffectivePermissions | undefined;

  get policySetKey(): string {
    this.setKey ??= this.account.policySetKey(this);
    return this.setKey;
  }

  get permissions(): EffectivePermissions {
    this.shared ??= this.account.permissionsOf(this);
    return this.shared;
  }

  get fullAdmin(): FullAdmin | null {
    return this.permissions.fullAdmin();
  }

  /** Evidence naming the policy and statement of a grant. */
  grantEvidence(grant: Grant): GrantEvidence {
    const attachment = this.policies[grant.policy]!;
    return {
      policy: attachment.reference,
      statement: statementId(grant.statement),
      resource: grant.resource,
      ...this.attachedThrough(attachment),
      ...(grant.conditional ? { conditional: true as const } : {}),
      ...(grant.conditionKeys.length > 0 ? { conditionKeys: grant.conditionKeys } : {}),
    };
  }

  /** The policies that make it full admin, for evidence. */
  fullAdminEvidence(admin: FullAdmin): Record<string, unknown> {
    return {
      grantedBy: admin.grantingPolicies.map((index) => {
        const attachment = this.policies[index]!;
        return { policy: attachment.reference, ...this.attachedThrough(attachment) };
      }),
      ...(admin.conditional ? { conditional: true, conditionKeys: admin.conditionKeys } : {}),
      ...this.limitsEvidence(),
    };
  }

  /** `{ attachedThrough: [group ARNs] }` when a policy reaches it through groups, else nothing. */
  private attachedThrough(attachment: PrincipalPolicy): { attachedThrough?: string[] } {
    const through = attachment.attachedThrough.filter((arn) => arn !== this.arn);
    return through.length > 0 ? { attachedThrough: through } : {};
  }

  /** What the analysis could not see, for evidence (empty when nothing was missing). */
  limitsEvidence(): Record<string, unknown> {
    return {
      ...(this.unknownPolicies.length > 0 ? { unknownPolicies: this.unknownPolicies } : {}),
      ...(this.notes.length > 0 ? { notes: this.notes } : {}),
    };
  }
}
