// Reads the JSON of `terraform show -json` (a plan or a state; format described at
// https://developer.hashicorp.com/terraform/internals/json-format) as a template: each IAM
// resource of the planned values (or of the state's values), in the root module and every child
// module, becomes the CloudFormation resource it corresponds to, so the same mapping and rules judge
// it. Its logical id is its Terraform address (`module.app.aws_iam_role.worker[0]`).
// - A value only known after apply (`after_unknown`) is unknown, as a CloudFormation value only known
//   at deploy time: `{Ref: "<address>.<attribute>"}` reads as `<address.attribute>`.
// - A reference in the configuration (`role = aws_iam_role.worker.name`) becomes a Ref or GetAtt
//   of that resource, so an attachment finds its policy even when the policy's ARN is unknown; in a
//   state, where there is no configuration, an ARN equal to a declared resource's `arn` does too.
// - Every node of a resource is placed at its `resource "TYPE" "NAME"` line when the .tf files are
//   found (beside the plan, or --tf-dir), else at the resource's entry in the JSON file.
import { dirname } from 'node:path';
import type { NotAnalysed, ResourceDefinition, Template } from '../template.js';
import { TERRAFORM_POLICY_ATTACHMENT } from '../to-snapshot.js';
import type { MapEntry, MapNode, Position, TemplateNode } from '../tree.js';
import { field, isMapNode, literalString } from '../tree.js';
import { localModuleDirectory, resourceBlocks } from './blocks.js';

export interface TerraformOptions {
  /** Where the .tf files of the root module are. */
  tfDir?: string;
  /** Paths are reported relative to it. */
  cwd: string;
}

/** `terraform show -json` output: a map with format_version and terraform_version or values. */
export function isTerraformJson(root: TemplateNode): boolean {
  if (!isMapNode(root) || field(root, 'format_version') === undefined) return false;
  return ['terraform_version', 'planned_values', 'values'].some((key) => field(root, key) !== undefined);
}

interface TfResource {
  address: string;
  /** `aws_iam_role.worker`, as the configuration and the .tf files name it. */
  configAddress: string;
  modulePath: string;
  type: string;
  index: string | undefined;
  values: TemplateNode | undefined;
  unknown: TemplateNode | undefined;
  position: Position;
}

interface ModuleConfig {
  resources: Map<string, TemplateNode>;
  outputs: TemplateNode | undefined;
  directory: string | undefined;
}

function entries(node: TemplateNode | undefined): MapEntry[] {
  return isMapNode(node) ? [...node.entries.values()] : [];
}

function items(node: TemplateNode | undefined): TemplateNode[] {
  return node?.kind === 'list' ? node.items : [];
}

/** Copies a node with every position set to `position` (where the resource is written). */
function placed(node: TemplateNode, position: Position): TemplateNode {
  if (node.kind === 'scalar') return { ...node, position };
  if (node.kind === 'list')
    return { kind: 'list', items: node.items.map((item) => placed(item, position)), position };
  const map = new Map<string, MapEntry>();
  for (const { key, value } of node.entries.values())
    map.set(key, { key, keyPosition: position, value: placed(value, position) });
  return { kind: 'map', entries: map, position };
}

class Builder {
  constructor(readonly position: Position) {}
  scalar(value: string): TemplateNode {
    return { kind: 'scalar', value, position: this.position };
  }
  list(nodes: TemplateNode[]): TemplateNode {
    return { kind: 'list', items: nodes, position: this.position };
  }
  map(properties: Record<string, TemplateNode | undefined>): MapNode {
    const map = new Map<string, MapEntry>();
    for (const [key, value] of Object.entries(properties))
      if (value !== undefined) map.set(key, { key, keyPosition: this.position, value });
    return { kind: 'map', entries: map, position: this.position };
  }
}

/** Which CloudFormation attribute a reference to `attribute` of a resource of `type` reads. */
function referenceNode(target: TfResource, attribute: string, at: Builder): TemplateNode {
  // Ref gives a user's, group's, role's or instance profile's name, and a managed policy's ARN.
  const refIsArn = target.type === 'aws_iam_policy';
  if (attribute === 'arn' && !refIsArn) {
    return at.map({ 'Fn::GetAtt': at.list([at.scalar(target.address), at.scalar('Arn')]) });
  }
  if (attribute === 'arn' || attribute === 'name' || attribute === 'id') {
    return at.map({ Ref: at.scalar(target.address) });
  }
  return at.map({ Ref: at.scalar(`${target.address}.${attribute}`) });
}

/**
 * Attachments of managed policies to one principal: the CloudFormation-style property that lists
 * it, the attribute naming it, and the attribute with the policy ARN (or ARNs).
 */
const ONE_PRINCIPAL_ATTACHMENTS: Readonly<
  Record<string, readonly [string, string, 'policy_arn' | 'policy_arns']>
> = {
  aws_iam_user_policy_attachment: ['Users', 'user', 'policy_arn'],
  aws_iam_group_policy_attachment: ['Groups', 'group', 'policy_arn'],
  aws_iam_role_policy_attachment: ['Roles', 'role', 'policy_arn'],
  aws_iam_user_policy_attachments_exclusive: ['Users', 'user_name', 'policy_arns'],
  aws_iam_group_policy_attachments_exclusive: ['Groups', 'group_name', 'policy_arns'],
  aws_iam_role_policy_attachments_exclusive: ['Roles', 'role_name', 'policy_arns'],
};

class PlanReader {
  private readonly resources: TfResource[] = [];
  /** The instances of each configuration resource (`module.app.` + `aws_iam_role.worker`). */
  private readonly instances = new Map<string, TfResource[]>();
  private readonly modules = new Map<string, ModuleConfig>();
  private readonly notAnalysed: NotAnalysed[] = [];

  constructor(
    private readonly root: MapNode,
    private readonly options: TerraformOptions,
  ) {}

  read(): Template {
    const changes = new Map(
      items(field(this.root, 'resource_changes')).map((change) => [
        literalString(field(change, 'address')) ?? '',
        field(field(change, 'change'), 'after_unknown'),
      ]),
    );
    const rootConfig = field(field(this.root, 'configuration'), 'root_module');
    this.readConfig('', rootConfig, this.options.tfDir);
    const values = field(this.root, 'planned_values') ?? field(this.root, 'values');
    this.readModule(field(values, 'root_module'), changes);
    for (const resource of this.resources) {
      const key = resource.modulePath + resource.configAddress;
      const instances = this.instances.get(key);
      if (instances) instances.push(resource);
      else this.instances.set(key, [resource]);
    }
    const template: Template = {
      notAnalysed: this.notAnalysed,
      parameters: new Map(),
      mappings: undefined,
      conditions: new Map(),
      resources: new Map(),
      outputs: [],
    };
    for (const resource of this.resources) {
      const definition = this.definition(resource);
      if (definition) template.resources.set(resource.address, definition);
    }
    this.addLoginProfiles(template);
    template.outputs = this.outputs(rootConfig);
    return template;
  }

  private readConfig(path: string, module: TemplateNode | undefined, directory: string | undefined): void {
    const resources = new Map<string, TemplateNode>();
    for (const resource of items(field(module, 'resources'))) {
      const address = literalString(field(resource, 'address'));
      if (address !== undefined) resources.set(address, resource);
    }
    this.modules.set(path, { resources, outputs: field(module, 'outputs'), directory });
    for (const { key, value } of entries(field(module, 'module_calls'))) {
      const childDirectory =
        directory === undefined
          ? undefined
          : localModuleDirectory(directory, literalString(field(value, 'source')));
      this.readConfig(`${path}module.${key}.`, field(value, 'module'), childDirectory);
    }
  }

  private readModule(module: TemplateNode | undefined, changes: Map<string, TemplateNode | undefined>): void {
    for (const resource of items(field(module, 'resources'))) {
      const address = literalString(field(resource, 'address'));
      const type = literalString(field(resource, 'type'));
      const name = literalString(field(resource, 'name'));
      if (address === undefined || type === undefined || name === undefined) continue;
      if (literalString(field(resource, 'mode')) === 'data') continue;
      const configAddress = `${type}.${name}`;
      const modulePath = address.slice(0, address.lastIndexOf(configAddress));
      const blocks = this.blocksOf(modulePath);
      this.resources.push({
        address,
        configAddress,
        modulePath,
        type,
        index: literalString(field(resource, 'index')),
        values: field(resource, 'values'),
        unknown: changes.get(address),
        position: blocks?.get(configAddress) ?? resource.position,
      });
    }
    for (const child of items(field(module, 'child_modules'))) this.readModule(child, changes);
  }

  private readonly blockCache = new Map<string, Map<string, Position> | undefined>();

  /** The resource blocks of a module's .tf files, when its directory is known. */
  private blocksOf(modulePath: string): Map<string, Position> | undefined {
    if (!this.blockCache.has(modulePath)) {
      const directory = this.modules.get(modulePath)?.directory;
      this.blockCache.set(
        modulePath,
        directory === undefined ? undefined : resourceBlocks(directory, this.options.cwd),
      );
    }
    return this.blockCache.get(modulePath);
  }

  /** The value of an attribute: a reference, the known value, or unknown until apply. */
  private attribute(resource: TfResource, name: string, at: Builder): TemplateNode | undefined {
    const reference = this.reference(resource, name, at);
    if (reference) return reference;
    if (literalString(field(resource.unknown, name)) === 'true') {
      return at.map({ Ref: at.scalar(`${resource.address}.${name}`) });
    }
    const value = field(resource.values, name);
    if (value === undefined || (value.kind === 'scalar' && value.value === null)) return undefined;
    const known = this.knownArn(literalString(value), at);
    return known ?? placed(value, at.position);
  }

  /** A list attribute, each member as `attribute` reads it. */
  private listAttribute(resource: TfResource, name: string, at: Builder): TemplateNode | undefined {
    const reference = this.reference(resource, name, at);
    if (reference) return at.list([reference]);
    const value = this.attribute(resource, name, at);
    if (value?.kind !== 'list') return value;
    return at.list(value.items.map((item) => this.knownArn(literalString(item), at) ?? item));
  }

  /** Declared resources by their `arn` (known in a state), the first one for an ARN given twice. */
  private byArn: Map<string, TfResource> | undefined;

  /** A declared resource whose `arn` (in a state: known) is this value. */
  private knownArn(value: string | undefined, at: Builder): TemplateNode | undefined {
    if (value === undefined || !value.startsWith('arn:')) return undefined;
    if (!this.byArn) {
      this.byArn = new Map();
      for (const resource of this.resources) {
        const arn = literalString(field(resource.values, 'arn'));
        if (arn !== undefined && !this.byArn.has(arn)) this.byArn.set(arn, resource);
      }
    }
    const target = this.byArn.get(value);
    return target ? referenceNode(target, 'arn', at) : undefined;
  }

  /** The configuration's reference for an attribute (`aws_iam_role.worker.name`), as a Ref or GetAtt. */
  private reference(resource: TfResource, name: string, at: Builder): TemplateNode | undefined {
    const config = this.modules.get(resource.modulePath)?.resources.get(resource.configAddress);
    const references = items(field(field(field(config, 'expressions'), name), 'references'))
      .map(literalString)
      .filter((reference): reference is string => reference !== undefined);
    for (const reference of references) {
      const match = /^([a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.([a-z_]+)$/.exec(reference);
      if (!match) continue;
      const [, targetAddress, targetAttribute] = match as unknown as [string, string, string];
      const candidates = this.instances.get(resource.modulePath + targetAddress) ?? [];
      const target =
        candidates.length === 1
          ? candidates[0]
          : candidates.find((candidate) => candidate.index === resource.index);
      if (target) return referenceNode(target, targetAttribute, at);
    }
    return undefined;
  }

  private definition(resource: TfResource): ResourceDefinition | undefined {
    const at = new Builder(resource.position);
    const get = (name: string) => this.attribute(resource, name, at);
    const list = (name: string) => this.listAttribute(resource, name, at);
    const single = (name: string) => {
      const value = get(name);
      return value === undefined ? undefined : at.list([value]);
    };
    const define = (
      type: string,
      properties: Record<string, TemplateNode | undefined>,
    ): ResourceDefinition => ({
      logicalId: resource.address,
      type,
      properties: at.map(properties),
      position: resource.position,
    });
    const inlinePolicy = (principalProperty: string, principalAttribute: string) => ({
      [principalProperty]: get(principalAttribute),
      PolicyName: get('name'),
      PolicyDocument: get('policy'),
    });
    const attachment = ONE_PRINCIPAL_ATTACHMENTS[resource.type];
    if (attachment) {
      const [property, principal, arns] = attachment;
      return define(TERRAFORM_POLICY_ATTACHMENT, {
        [property]: single(principal),
        PolicyArns: arns === 'policy_arn' ? single(arns) : list(arns),
      });
    }
    switch (resource.type) {
      case 'aws_iam_user':
        return define('AWS::IAM::User', {
          UserName: get('name'),
          Path: get('path'),
          PermissionsBoundary: get('permissions_boundary'),
        });
      case 'aws_iam_group':
        return define('AWS::IAM::Group', { GroupName: get('name'), Path: get('path') });
      case 'aws_iam_role':
        return define('AWS::IAM::Role', {
          RoleName: get('name'),
          Path: get('path'),
          AssumeRolePolicyDocument: get('assume_role_policy'),
          PermissionsBoundary: get('permissions_boundary'),
          ManagedPolicyArns: list('managed_policy_arns'),
          Policies: at.list(
            items(field(resource.values, 'inline_policy')).flatMap((policy) =>
              literalString(field(policy, 'policy')) === undefined
                ? []
                : [
                    at.map({
                      PolicyName: placed(field(policy, 'name')!, at.position),
                      PolicyDocument: placed(field(policy, 'policy')!, at.position),
                    }),
                  ],
            ),
          ),
        });
      case 'aws_iam_policy':
        return define('AWS::IAM::ManagedPolicy', {
          ManagedPolicyName: get('name'),
          Path: get('path'),
          PolicyDocument: get('policy'),
        });
      case 'aws_iam_user_policy':
        return define('AWS::IAM::UserPolicy', inlinePolicy('UserName', 'user'));
      case 'aws_iam_group_policy':
        return define('AWS::IAM::GroupPolicy', inlinePolicy('GroupName', 'group'));
      case 'aws_iam_role_policy':
        return define('AWS::IAM::RolePolicy', inlinePolicy('RoleName', 'role'));
      case 'aws_iam_policy_attachment':
        return define(TERRAFORM_POLICY_ATTACHMENT, {
          Users: list('users'),
          Groups: list('groups'),
          Roles: list('roles'),
          PolicyArns: single('policy_arn'),
        });
      case 'aws_iam_user_group_membership':
        return define('AWS::IAM::UserToGroupAddition', { Users: single('user'), Groups: list('groups') });
      case 'aws_iam_group_membership':
        return define('AWS::IAM::UserToGroupAddition', { GroupName: get('group'), Users: list('users') });
      case 'aws_iam_access_key':
        return define('AWS::IAM::AccessKey', { UserName: get('user'), Status: get('status') });
      case 'aws_iam_instance_profile':
        return define('AWS::IAM::InstanceProfile', {
          InstanceProfileName: get('name'),
          Roles: single('role'),
        });
      default:
        return undefined;
    }
  }

  /**
   * aws_iam_user_login_profile becomes the LoginProfile of its user (CloudFormation's form). AWS
   * generates the password, so it is never a literal.
   */
  private addLoginProfiles(template: Template): void {
    for (const resource of this.resources.filter(
      (candidate) => candidate.type === 'aws_iam_user_login_profile',
    )) {
      const at = new Builder(resource.position);
      const user = this.attribute(resource, 'user', at);
      const userAddress = literalString(field(user, 'Ref'));
      const target = [...template.resources.values()].find(
        (candidate) =>
          candidate.type === 'AWS::IAM::User' &&
          (candidate.logicalId === userAddress ||
            literalString(field(candidate.properties, 'UserName')) === literalString(user)),
      );
      if (!target || !isMapNode(target.properties)) {
        this.notAnalysed.push({
          message: `login profile ${resource.address} is for a user the plan does not declare`,
          position: resource.position,
        });
        continue;
      }
      const profile = at.map({
        Password: at.map({ Ref: at.scalar(`${resource.address}.password`) }),
        PasswordResetRequired: this.attribute(resource, 'password_reset_required', at),
      });
      target.properties.entries.set('LoginProfile', {
        key: 'LoginProfile',
        keyPosition: at.position,
        value: profile,
      });
    }
  }

  /**
   * Root module outputs whose expression reads an access key's secret: `aws_iam_access_key.ci.secret`,
   * or of one instance, `aws_iam_access_key.ci[0].secret` (a reference names the instance as its
   * address does).
   */
  private outputs(rootConfig: TemplateNode | undefined): Template['outputs'] {
    const accessKeys = new Map(
      this.resources
        .filter((resource) => resource.modulePath === '' && resource.type === 'aws_iam_access_key')
        .map((resource) => [`${resource.address}.secret`, resource]),
    );
    return entries(field(rootConfig, 'outputs')).flatMap(({ key, keyPosition, value }) => {
      const references = items(field(field(value, 'expression'), 'references')).map(literalString);
      const accessKey = references
        .map((reference) => (reference === undefined ? undefined : accessKeys.get(reference)))
        .find((resource) => resource !== undefined);
      if (!accessKey) return [];
      const at = new Builder(keyPosition);
      return [
        {
          name: key,
          value: at.map({
            'Fn::GetAtt': at.list([at.scalar(accessKey.address), at.scalar('SecretAccessKey')]),
          }),
          exportName: undefined,
          position: keyPosition,
        },
      ];
    });
  }
}

/** The template a Terraform plan or state stands for; `file` is the JSON file's path. */
export function readTerraform(
  root: TemplateNode,
  file: string | undefined,
  options: { tfDir?: string; cwd: string },
): Template {
  const tfDir = options.tfDir ?? (file === undefined ? undefined : dirname(file));
  return new PlanReader(
    root as MapNode,
    tfDir === undefined ? { cwd: options.cwd } : { tfDir, cwd: options.cwd },
  ).read();
}
