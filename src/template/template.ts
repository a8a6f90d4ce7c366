// The sections of a CloudFormation template that iamspect reads: Parameters (for defaults and
// NoEcho), Mappings, Conditions, Resources and Outputs. A document is a CloudFormation template when
// its Resources declare at least one `AWS::` type; anything else (a workflow file, a Helm values
// file) is not ours to judge and is skipped.
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

export interface Template {
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

/** The template's parts, or undefined when the document is not a CloudFormation template. */
export function readTemplate(root: TemplateNode): Template | undefined {
  if (!isMapNode(root)) return undefined;
  const resources = new Map<string, ResourceDefinition>();
  for (const { key, keyPosition, value } of mapEntries(field(root, 'Resources'))) {
    const type = literalString(field(value, 'Type'));
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
  return {
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
