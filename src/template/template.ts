// The sections of a CloudFormation template that iamspect reads: Parameters (for defaults and
// NoEcho), Mappings, Conditions, Resources and Outputs. A document is a CloudFormation template when
// its Resources declare at least one `AWS::` type; anything else (a workflow file, a Helm values
// file) is not ours to judge and is skipped.
import { SAM_TRANSFORM, expandServerless, usesSam } from './sam/expand.js';
import type { MapNode, Position, TemplateNode } from './tree.js';
import { entry, field, isMapNode, literalString } from './tree.js';

export interface ParameterDefinition {
  name: string;
  /** `String`, `Number`, `CommaDelimitedList`, `List<...>`, `AWS::SSM::Parameter::Value<...>`... */
  type: string;
  noEcho: boolean;
  /** The Default as written (absent when the value must be given at deploy time). */
  default?: TemplateNode;
  defaultPosition?: Position;
  position: Position;
}

export interface ResourceDefinition {
  logicalId: string;
  type: string;
  properties: TemplateNode | undefined;
  /** The resource's `Condition` (created only when it holds). */
  condition?: string;
  /** Where the logical id is written. */
  position: Position;
}

export interface OutputDefinition {
  name: string;
  value: TemplateNode | undefined;
  exportName: TemplateNode | undefined;
  position: Position;
}

/** A part of a template iamspect cannot judge: said in the report, never skipped silently. */
export interface NotAnalysed {
  message: string;
  position: Position;
}

export interface Template {
  /** Transforms, nested stacks and resources iamspect cannot read. */
  notAnalysed: NotAnalysed[];
  parameters: Map<string, ParameterDefinition>;
  mappings: TemplateNode | undefined;
  conditions: Map<string, TemplateNode>;
  resources: Map<string, ResourceDefinition>;
  outputs: OutputDefinition[];
}

/** `NoEcho: true` or `"true"` (CloudFormation accepts the string too). */
function isTrue(node: TemplateNode | undefined): boolean {
  return literalString(node)?.toLowerCase() === 'true';
}

function mapEntries(node: TemplateNode | undefined) {
  return isMapNode(node) ? [...node.entries.values()] : [];
}

/** Transforms whose effect iamspect knows (SAM's is expanded; the language extensions' functions resolve as unknown values). */
export const KNOWN_TRANSFORMS: ReadonlySet<string> = new Set(['AWS::LanguageExtensions', SAM_TRANSFORM]);

/** `AWS::IAM::User`, `Org::Service::Resource::MODULE`, `Custom::Name`: anything else is not a type CloudFormation accepts. */
const RESOURCE_TYPE = /^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+(?:::MODULE)?|Custom::[A-Za-z0-9_@-]+)$/;

/** Resource types that are templates of their own. */
/** Resource types that generate IAM policies iamspect does not model. */
const UNMODELLED_TYPES: ReadonlySet<string> = new Set(['AWS::Serverless::Connector']);

const NESTED_STACK_TYPES: ReadonlySet<string> = new Set([
  'AWS::CloudFormation::Stack',
  'AWS::Serverless::Application',
]);

/** The macros a template names in `Transform` that iamspect cannot run. */
function unknownTransforms(root: MapNode): NotAnalysed[] {
  const transform = entry(root, 'Transform');
  if (!transform) return [];
  const names =
    transform.value.kind === 'list'
      ? transform.value.items.map(literalString)
      : [literalString(transform.value)];
  return names
    .filter((name) => name === undefined || !KNOWN_TRANSFORMS.has(name))
    .map((name) => ({
      message:
        `Transform ${name ?? '(not a name)'} is a macro iamspect cannot run; what it adds or changes is ` +
        'not judged',
      position: transform.keyPosition,
    }));
}

/** Why a resource cannot be judged, if it cannot. */
function unreadableResource(logicalId: string, type: string | undefined): string | undefined {
  if (type === undefined)
    return `resource ${logicalId} has no Type iamspect can read (Fn::ForEach or a function)`;
  if (!RESOURCE_TYPE.test(type)) {
    return `resource ${logicalId} has type ${JSON.stringify(type)}, which is not a valid resource type`;
  }
  if (NESTED_STACK_TYPES.has(type)) {
    return `nested stack ${logicalId} (${type}) is another template; scan that template too`;
  }
  if (UNMODELLED_TYPES.has(type))
    return `${type} ${logicalId} generates IAM policies iamspect does not model`;
  return undefined;
}

/** The template's parts, or undefined when the document is not a CloudFormation template. */
export function readTemplate(root: TemplateNode): Template | undefined {
  if (!isMapNode(root)) return undefined;
  const resources = new Map<string, ResourceDefinition>();
  const notAnalysed = unknownTransforms(root);
  for (const { key, keyPosition, value } of mapEntries(field(root, 'Resources'))) {
    const type = literalString(field(value, 'Type'));
    const unreadable = unreadableResource(key, type);
    if (unreadable) notAnalysed.push({ message: unreadable, position: keyPosition });
    if (type === undefined) continue;
    const resource: ResourceDefinition = {
      logicalId: key,
      type,
      properties: field(value, 'Properties'),
      position: keyPosition,
    };
    const condition = literalString(field(value, 'Condition'));
    if (condition !== undefined) resource.condition = condition;
    resources.set(key, resource);
  }
  if (![...resources.values()].some((resource) => resource.type.startsWith('AWS::'))) return undefined;
  const template: Template = {
    notAnalysed,
    parameters: readParameters(root),
    mappings: field(root, 'Mappings'),
    conditions: new Map(mapEntries(field(root, 'Conditions')).map((e) => [e.key, e.value])),
    resources,
    outputs: mapEntries(field(root, 'Outputs')).map((e) => ({
      name: e.key,
      value: field(e.value, 'Value'),
      exportName: field(field(e.value, 'Export'), 'Name'),
      position: e.keyPosition,
    })),
  };
  return usesSam(root) ? expandServerless(template, root) : template;
}

function readParameters(root: MapNode): Map<string, ParameterDefinition> {
  const parameters = new Map<string, ParameterDefinition>();
  for (const { key, keyPosition, value } of mapEntries(field(root, 'Parameters'))) {
    const parameter: ParameterDefinition = {
      name: key,
      type: literalString(field(value, 'Type')) ?? 'String',
      noEcho: isTrue(field(value, 'NoEcho')),
      position: keyPosition,
    };
    const defaultEntry = entry(value, 'Default');
    if (defaultEntry) {
      parameter.default = defaultEntry.value;
      parameter.defaultPosition = defaultEntry.keyPosition;
    }
    parameters.set(key, parameter);
  }
  return parameters;
}
