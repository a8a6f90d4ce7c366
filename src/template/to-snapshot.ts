// Maps one template's IAM resources into a Snapshot, so the same rules that judge an account judge
// the template: AWS::IAM::User, Group, Role, ManagedPolicy, Policy, UserPolicy, GroupPolicy,
// RolePolicy, UserToGroupAddition, InstanceProfile and AccessKey become authorizationDetails (users
// with their groups, inline and attached policies; roles with trust policies and instance
// profiles; customer managed policies), and the facts only a template has (login profiles,
// access keys, outputs, where everything is written) go into the cloudFormation section.
// A login profile is the LoginProfile property of AWS::IAM::User (CloudFormation has no separate
// resource type for it).
import type {
  CloudFormationTemplate,
  GroupDetail,
  InlinePolicy,
  ManagedPolicy,
  PolicyDocument,
  RoleDetail,
  SectionName,
  Snapshot,
  SourceLocation,
  UserDetail,
} from '../snapshot/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/schema.js';
import { TOOL } from '../version.js';
import { IamIdentities, TEMPLATE_ACCOUNT_ID, TEMPLATE_PARTITION, iamArnFor } from './identities.js';
import type { Resolved } from './intrinsics.js';
import { NO_VALUE, Resolver, isSymbolic, textOf } from './intrinsics.js';
import type { PasswordOrigin } from './password.js';
import { classifyPassword } from './password.js';
import { judgedPolicyDocument } from './policy-document.js';
import type { ResourceDefinition, Template } from './template.js';
import type { Position, TemplateNode } from './tree.js';
import { entry, field, intrinsicOf, literalString } from './tree.js';

/** The snapshot sections a template fills: a template scan runs exactly the rules that need no others. */
export const TEMPLATE_SECTIONS = [
  'authorizationDetails',
  'cloudFormation',
] as const satisfies readonly SectionName[];

/** A policy document only known at deploy time grants nothing for certain. */
const UNKNOWN_DOCUMENT: PolicyDocument = { Statement: [] };

type Principal = UserDetail | GroupDetail | RoleDetail;

type PrincipalKind = 'user' | 'group' | 'role';

/**
 * Terraform attaches managed policies with resources of their own (aws_iam_role_policy_attachment,
 * aws_iam_policy_attachment...), which CloudFormation has no type for: `Users`, `Groups`, `Roles`
 * and `PolicyArns`.
 */
export const TERRAFORM_POLICY_ATTACHMENT = 'Terraform::IAM::PolicyAttachment';

/** The kind of principal each naming property of a policy resource lists. */
const PRINCIPAL_KINDS = {
  Users: 'user',
  UserName: 'user',
  Groups: 'group',
  GroupName: 'group',
  Roles: 'role',
  RoleName: 'role',
} as const satisfies Record<string, PrincipalKind>;

interface Item {
  value: Resolved;
  position: Position;
  /** The unknown conditions (`Name` or `!Name`) of the Fn::If branches the item sits in. */
  conditions: string[];
}

/** Condition names of `Name` / `!Name` labels, once each, sorted. */
function conditionNames(labels: readonly string[]): string[] {
  return [...new Set(labels.map((label) => label.replace(/^!/, '')))].sort();
}

/** The access key whose SecretAccessKey a value reads (GetAtt or `${Key.SecretAccessKey}` in Sub). */
function secretKeyReference(
  node: TemplateNode | undefined,
  accessKeys: ReadonlySet<string>,
): string | undefined {
  if (node === undefined || node.kind === 'scalar') return undefined;
  const call = intrinsicOf(node);
  if (call?.name === 'Fn::GetAtt' && call.argument.kind === 'list') {
    const [logicalId, attribute] = call.argument.items.map(literalString);
    if (attribute === 'SecretAccessKey' && logicalId !== undefined && accessKeys.has(logicalId))
      return logicalId;
  }
  if (call?.name === 'Fn::Sub') {
    const text = literalString(call.argument.kind === 'list' ? call.argument.items[0] : call.argument) ?? '';
    for (const match of text.matchAll(/\$\{([^}.!]+)\.SecretAccessKey\}/g)) {
      if (accessKeys.has(match[1]!)) return match[1];
    }
  }
  const children = node.kind === 'list' ? node.items : [...node.entries.values()].map((e) => e.value);
  for (const child of children) {
    const found = secretKeyReference(child, accessKeys);
    if (found) return found;
  }
  return undefined;
}

class TemplateMapper {
  private readonly resolver: Resolver;
  private readonly identities: IamIdentities;
  private readonly active: ResourceDefinition[];
  private readonly passwords = new Map<string, PasswordOrigin>();
  private readonly users = new Map<string, UserDetail>();
  private readonly groups = new Map<string, GroupDetail>();
  private readonly roles = new Map<string, RoleDetail>();
  private readonly policies = new Map<string, ManagedPolicy>();
  private readonly facts: CloudFormationTemplate;
  /** Per ARN of a principal or managed policy, the unknown conditions its permissions depend on. */
  private readonly conditions = new Map<string, Set<string>>();

  private readonly placement: { accountId: string; partition: string };

  constructor(
    private readonly template: Template,
    private readonly file: string,
    accountId: string,
  ) {
    this.placement = { accountId, partition: TEMPLATE_PARTITION };
    this.facts = {
      file,
      resources: [],
      inlinePolicies: [],
      loginProfiles: [],
      accessKeys: [],
      secretOutputs: [],
      managedPolicyAttachments: [],
      externalPrincipals: [],
    };
    // Passwords first: every parameter a password is built from is a secret wherever else it is used.
    const secretParameters = new Set(
      [...template.parameters.values()]
        .filter((parameter) => parameter.noEcho)
        .map((parameter) => parameter.name),
    );
    for (const resource of template.resources.values()) {
      if (resource.type !== 'AWS::IAM::User') continue;
      const origin = classifyPassword(field(resource.properties, 'LoginProfile'), template, this.placement);
      this.passwords.set(resource.logicalId, origin);
      for (const parameter of origin.parameters) secretParameters.add(parameter.name);
    }
    this.identities = new IamIdentities(template.resources, accountId);
    this.resolver = new Resolver(template, {
      ...this.placement,
      identityOf: (logicalId) => this.identities.refAndAttributes(logicalId),
      secretParameters,
    });
    this.identities.useResolver(this.resolver);
    this.identities.separateDuplicates();
    // A resource whose Condition is known to be false is not created; an unknown one may be.
    this.active = [...template.resources.values()].filter(
      (resource) => resource.condition === undefined || this.resolver.condition(resource.condition) !== false,
    );
  }

  snapshot(collectedAt: string): Snapshot {
    for (const resource of this.active) this.declare(resource);
    for (const resource of this.active) this.relate(resource);
    this.readOutputs();
    this.countAttachments();
    this.recordConditions();
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL.name, version: TOOL.version },
      collectedAt,
      partition: TEMPLATE_PARTITION,
      accountId: this.placement.accountId,
      accountAlias: null,
      source: { kind: 'template', path: this.file },
      sections: {
        authorizationDetails: {
          status: 'ok',
          data: {
            users: [...this.users.values()],
            groups: [...this.groups.values()],
            roles: [...this.roles.values()],
            policies: [...this.policies.values()],
          },
        },
        cloudFormation: { status: 'ok', data: { templates: [this.facts] } },
      },
    };
  }

  private location(position: Position): SourceLocation {
    return { file: position.file ?? this.file, line: position.line, column: position.column };
  }

  private text(node: TemplateNode | undefined): string | undefined {
    const value = this.resolver.value(node);
    return value === undefined || value === null ? undefined : textOf(value);
  }

  /**
   * The items of a list property with where each is written, through Fn::If on the list or its
   * items (both branches when the condition is unknown); a list only known at deploy time has none.
   */
  private items(node: TemplateNode | undefined): Item[] {
    const listed = node?.kind === 'list' || intrinsicOf(node)?.name === 'Fn::If';
    return this.resolver.listItems(node).flatMap(({ node: item, conditions }) => {
      const value = this.resolver.resolve(item);
      if (value === NO_VALUE || value === null) return [];
      if (listed && item.kind !== 'list') return [{ value, position: item.position, conditions }];
      if (!Array.isArray(value)) return [];
      return value.map((member) => ({ value: member, position: item.position, conditions }));
    });
  }

  /** Adds conditions to what the permissions of `arn` depend on. */
  private dependsOn(arn: string, conditions: readonly string[]): void {
    if (conditions.length === 0) return;
    const set = this.conditions.get(arn) ?? new Set<string>();
    conditionNames(conditions).forEach((name) => set.add(name));
    this.conditions.set(arn, set);
  }

  /** Names listed in a property (Groups, Users, Roles...), symbolic ones as their `<...>` text. */
  private names(
    node: TemplateNode | undefined,
  ): Array<{ name: string; position: Position; conditions: string[] }> {
    return this.items(node).map((item) => ({ ...item, name: textOf(item.value) }));
  }

  /** Step 1: principals and managed policies, with what their own properties say. */
  private declare(resource: ResourceDefinition): void {
    const identity = this.identities.identity(resource.logicalId);
    const arn = identity ? textOf(identity.arn) : null;
    this.facts.resources.push({
      logicalId: resource.logicalId,
      type: resource.type,
      arn,
      location: this.location(resource.position),
      name: identity?.physicalName ?? null,
      conditions: [],
    });
    if (!identity || arn === null) return;
    const properties = resource.properties;
    const common = {
      name: textOf(identity.name),
      id: resource.logicalId,
      arn,
      path: textOf(identity.path),
      createDate: null,
    };
    switch (resource.type) {
      case 'AWS::IAM::User': {
        const user: UserDetail = {
          ...common,
          inlinePolicies: this.inlinePolicies(properties, arn),
          attachedPolicies: this.attachedPolicies(properties, arn),
          groups: this.names(field(properties, 'Groups')).map((group) => group.name),
          permissionsBoundaryArn: this.text(field(properties, 'PermissionsBoundary')) ?? null,
          tags: this.tags(field(properties, 'Tags')),
        };
        this.declarePrincipal(this.users, user);
        this.readLoginProfile(resource, user);
        break;
      }
      case 'AWS::IAM::Group': {
        const group: GroupDetail = {
          ...common,
          inlinePolicies: this.inlinePolicies(properties, arn),
          attachedPolicies: this.attachedPolicies(properties, arn),
        };
        this.declarePrincipal(this.groups, group);
        break;
      }
      case 'AWS::IAM::Role': {
        const role: RoleDetail = {
          ...common,
          trustPolicy: this.judged(arn, field(properties, 'AssumeRolePolicyDocument')),
          inlinePolicies: this.inlinePolicies(properties, arn),
          attachedPolicies: this.attachedPolicies(properties, arn),
          permissionsBoundaryArn: this.text(field(properties, 'PermissionsBoundary')) ?? null,
          tags: this.tags(field(properties, 'Tags')),
          lastUsed: null,
          instanceProfileArns: [],
        };
        this.declarePrincipal(this.roles, role);
        break;
      }
      case 'AWS::IAM::ManagedPolicy':
        this.policies.set(arn, {
          ...common,
          awsManaged: false,
          defaultVersionId: 'v1',
          attachmentCount: 0,
          permissionsBoundaryUsageCount: 0,
          isAttachable: true,
          description: this.text(field(properties, 'Description')) ?? null,
          updateDate: null,
          versions: [
            {
              versionId: 'v1',
              isDefault: true,
              createDate: null,
              document: this.judged(arn, field(properties, 'PolicyDocument')) ?? UNKNOWN_DOCUMENT,
            },
          ],
        });
        break;
    }
  }

  /**
   * Principals are found by name; one that shares its name with another (the template cannot be
   * deployed) is kept under its ARN, so it is judged on its own, and the first keeps the name.
   */
  private declarePrincipal<P extends Principal>(byName: Map<string, P>, principal: P): void {
    byName.set(byName.has(principal.name) ? principal.arn : principal.name, principal);
  }

  /** Step 2: resources that connect principals to policies, groups and instance profiles. */
  private relate(resource: ResourceDefinition): void {
    const properties = resource.properties;
    const here = resource.position;
    switch (resource.type) {
      case 'AWS::IAM::ManagedPolicy': {
        const arn = textOf(this.identities.identity(resource.logicalId)!.arn);
        const policy = this.policies.get(arn)!;
        for (const principal of this.principalsNamedIn(properties)) {
          this.attach(principal.principal, { name: policy.name, arn }, principal.position);
          this.dependsOn(principal.principal.arn, principal.conditions);
        }
        break;
      }
      case 'AWS::IAM::Policy': {
        const policy = this.inlinePolicy(properties);
        for (const { principal, conditions } of this.principalsNamedIn(properties))
          this.addInline(principal, { ...policy, conditions: [...policy.conditions, ...conditions] }, here);
        break;
      }
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy':
      case 'AWS::IAM::RolePolicy': {
        const property = (
          {
            'AWS::IAM::UserPolicy': 'UserName',
            'AWS::IAM::GroupPolicy': 'GroupName',
            'AWS::IAM::RolePolicy': 'RoleName',
          } as const
        )[resource.type];
        const name = this.text(field(properties, property));
        if (name === undefined) break;
        const principal = this.principalNamed(PRINCIPAL_KINDS[property], name, here);
        this.addInline(principal, this.inlinePolicy(properties), here);
        break;
      }
      case 'AWS::IAM::UserToGroupAddition': {
        // CloudFormation names one group; a Terraform membership may name several (Groups).
        const groupName = this.text(field(properties, 'GroupName'));
        const groups = [
          ...(groupName === undefined ? [] : [groupName]),
          ...this.names(field(properties, 'Groups')).map(({ name }) => name),
        ];
        for (const { name } of this.names(field(properties, 'Users'))) {
          const user = this.users.get(name);
          for (const group of groups) if (user && !user.groups.includes(group)) user.groups.push(group);
        }
        break;
      }
      case TERRAFORM_POLICY_ATTACHMENT: {
        const arns = this.items(field(properties, 'PolicyArns')).map(({ value }) => textOf(value));
        for (const { principal, position } of this.principalsNamedIn(properties)) {
          for (const arn of arns) {
            const name = this.policies.get(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
            this.attach(principal, { name, arn }, position);
          }
        }
        break;
      }
      case 'AWS::IAM::InstanceProfile': {
        const arn = textOf(this.identities.identity(resource.logicalId)!.arn);
        for (const { name } of this.names(field(properties, 'Roles')))
          this.roles.get(name)?.instanceProfileArns.push(arn);
        break;
      }
      case 'AWS::IAM::AccessKey': {
        const userName = this.text(field(properties, 'UserName')) ?? '';
        this.facts.accessKeys.push({
          logicalId: resource.logicalId,
          userArn:
            this.users.get(userName)?.arn ??
            textOf(iamArnFor('user', userName, '/', this.placement.accountId)),
          userName,
          status: this.text(field(properties, 'Status')) ?? 'Active',
          location: this.location(here),
        });
        break;
      }
    }
  }

  /** The users, groups and roles a policy resource lists by name, declared or not. */
  private principalsNamedIn(
    properties: TemplateNode | undefined,
  ): Array<{ principal: Principal; position: Position; conditions: string[] }> {
    return (['Users', 'Groups', 'Roles'] as const).flatMap((property) =>
      this.names(field(properties, property)).map(({ name, position, conditions }) => ({
        principal: this.principalNamed(PRINCIPAL_KINDS[property], name, position),
        position,
        conditions,
      })),
    );
  }

  /**
   * The principal of that kind and name: the template's own, or else an external one (it exists
   * outside the template), created the first time it is named. Its policies from the template are
   * judged like any other; what it has besides them is unknown.
   */
  private principalNamed(kind: PrincipalKind, name: string, position: Position): Principal {
    const byName: Map<string, Principal> = { user: this.users, group: this.groups, role: this.roles }[kind];
    const known = byName.get(name);
    if (known) return known;
    const arn = textOf(iamArnFor(kind, name, '/', this.placement.accountId));
    const common = {
      name,
      id: name,
      arn,
      path: '/',
      createDate: null,
      inlinePolicies: [],
      attachedPolicies: [],
    };
    const principal: Principal =
      kind === 'user'
        ? { ...common, groups: [], permissionsBoundaryArn: null, tags: [] }
        : kind === 'group'
          ? common
          : {
              ...common,
              trustPolicy: null,
              permissionsBoundaryArn: null,
              tags: [],
              lastUsed: null,
              instanceProfileArns: [],
            };
    byName.set(name, principal);
    this.facts.externalPrincipals.push({ arn, kind, name, location: this.location(position) });
    return principal;
  }

  /** A policy document (both branches of an unknown If judged), recording what `arn` then depends on. */
  private judged(arn: string, node: TemplateNode | undefined): PolicyDocument | null {
    const { document, conditions } = judgedPolicyDocument(this.resolver.value(node));
    this.dependsOn(arn, conditions);
    return document;
  }

  private inlinePolicy(properties: TemplateNode | undefined): InlinePolicy & { conditions: string[] } {
    const { document, conditions } = judgedPolicyDocument(
      this.resolver.value(field(properties, 'PolicyDocument')),
    );
    return {
      name: this.text(field(properties, 'PolicyName')) ?? '',
      document: document ?? UNKNOWN_DOCUMENT,
      conditions,
    };
  }

  private addInline(
    principal: Principal,
    { conditions, ...policy }: InlinePolicy & { conditions: string[] },
    position: Position,
  ): void {
    principal.inlinePolicies.push(policy);
    this.dependsOn(principal.arn, conditions);
    this.facts.inlinePolicies.push({
      principalArn: principal.arn,
      policyName: policy.name,
      location: this.location(position),
      conditions: conditionNames(conditions),
    });
  }

  /** The `Policies` property of a user, group or role: entries behind an unknown If count. */
  private inlinePolicies(properties: TemplateNode | undefined, principalArn: string): InlinePolicy[] {
    return this.resolver.listItems(field(properties, 'Policies')).flatMap(({ node, conditions }) => {
      if (isSymbolic(this.resolver.value(node))) return [];
      const { conditions: inDocument, ...policy } = this.inlinePolicy(node);
      const all = [...conditions, ...inDocument];
      this.dependsOn(principalArn, all);
      this.facts.inlinePolicies.push({
        principalArn,
        policyName: policy.name,
        location: this.location(node.position),
        conditions: conditionNames(all),
      });
      return [policy];
    });
  }

  /** The `ManagedPolicyArns` property of a user, group or role. */
  private attachedPolicies(
    properties: TemplateNode | undefined,
    principalArn: string,
  ): UserDetail['attachedPolicies'] {
    return this.items(field(properties, 'ManagedPolicyArns')).map(({ value, position, conditions }) => {
      const arn = textOf(value);
      this.dependsOn(principalArn, conditions);
      this.facts.managedPolicyAttachments.push({
        principalArn,
        policyArn: arn,
        location: this.location(position),
      });
      return { name: arn.slice(arn.lastIndexOf('/') + 1), arn };
    });
  }

  private attach(principal: Principal, policy: { name: string; arn: string }, position: Position): void {
    if (principal.attachedPolicies.some((attached) => attached.arn === policy.arn)) return;
    principal.attachedPolicies.push(policy);
    this.facts.managedPolicyAttachments.push({
      principalArn: principal.arn,
      policyArn: policy.arn,
      location: this.location(position),
    });
  }

  private tags(node: TemplateNode | undefined): UserDetail['tags'] {
    return this.items(node).flatMap(({ value }) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || isSymbolic(value)) return [];
      const { Key: key, Value: tagValue } = value;
      return key === undefined || tagValue === undefined
        ? []
        : [{ Key: textOf(key), Value: textOf(tagValue) }];
    });
  }

  private readLoginProfile(resource: ResourceDefinition, user: UserDetail): void {
    const profileEntry = entry(resource.properties, 'LoginProfile');
    const profile = this.resolver.branch(profileEntry?.value);
    if (!profileEntry || profile === undefined) return;
    const origin = this.passwords.get(resource.logicalId)!;
    const passwordPosition = entry(profile, 'Password')?.keyPosition ?? profileEntry.keyPosition;
    // The literal sits in the parameter's Default when the password comes from one.
    const defaultPosition = origin.parameters.find((parameter) => parameter.defaultPosition)?.defaultPosition;
    const reset = this.resolver.value(field(profile, 'PasswordResetRequired'));
    this.facts.loginProfiles.push({
      userArn: user.arn,
      userName: user.name,
      passwordSource: origin.source,
      parameter: origin.parameters[0]?.name ?? null,
      passwordResetRequired: isSymbolic(reset) ? null : String(reset).toLowerCase() === 'true',
      location: this.location(profileEntry.keyPosition),
      passwordLocation: this.location(
        origin.source === 'parameter-literal-default' && defaultPosition ? defaultPosition : passwordPosition,
      ),
    });
  }

  private readOutputs(): void {
    const accessKeys = new Set(this.facts.accessKeys.map((key) => key.logicalId));
    for (const output of this.template.outputs) {
      const accessKeyLogicalId = secretKeyReference(output.value, accessKeys);
      if (!accessKeyLogicalId) continue;
      this.facts.secretOutputs.push({
        outputName: output.name,
        accessKeyLogicalId,
        exportName: this.text(output.exportName) ?? null,
        location: this.location(output.position),
      });
    }
  }

  /**
   * Each principal also depends on the conditions of the template's managed policies attached to
   * it; then every resource's facts get their conditions.
   */
  private recordConditions(): void {
    for (const principal of [...this.users.values(), ...this.groups.values(), ...this.roles.values()]) {
      for (const attached of principal.attachedPolicies) {
        this.dependsOn(principal.arn, [...(this.conditions.get(attached.arn) ?? [])]);
      }
    }
    for (const resource of this.facts.resources) {
      if (resource.arn !== null) resource.conditions = [...(this.conditions.get(resource.arn) ?? [])].sort();
    }
  }

  /**
   * AttachmentCount and PermissionsBoundaryUsageCount as IAM would report them for this template
   * alone, in one pass over the principals. A principal counts once per policy, even when its
   * ManagedPolicyArns names the policy twice.
   */
  private countAttachments(): void {
    const principals: Array<Principal & { permissionsBoundaryArn?: string | null }> = [
      ...this.users.values(),
      ...this.groups.values(),
      ...this.roles.values(),
    ];
    for (const principal of principals) {
      for (const arn of new Set(principal.attachedPolicies.map((attached) => attached.arn))) {
        const policy = this.policies.get(arn);
        if (policy) policy.attachmentCount = (policy.attachmentCount ?? 0) + 1;
      }
      const boundary = principal.permissionsBoundaryArn;
      const boundaryPolicy = boundary ? this.policies.get(boundary) : undefined;
      if (boundaryPolicy)
        boundaryPolicy.permissionsBoundaryUsageCount =
          (boundaryPolicy.permissionsBoundaryUsageCount ?? 0) + 1;
    }
  }
}

/**
 * The snapshot of one template, file being its path relative to the working directory, placed in
 * the account it is deployed to when known, else in the placeholder account.
 */
export function templateSnapshot(
  template: Template,
  file: string,
  collectedAt: string,
  accountId = TEMPLATE_ACCOUNT_ID,
): Snapshot {
  return new TemplateMapper(template, file, accountId).snapshot(collectedAt);
}
