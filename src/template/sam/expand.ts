// What the SAM transform (AWS::Serverless-2016-10-31) does to IAM, done before the template is
// mapped, so the same mapping and rules judge it: an AWS::Serverless::Function or StateMachine
// without a `Role` gets the role SAM generates, `<LogicalId>Role`, trusting lambda.amazonaws.com
// (states.amazonaws.com for a state machine), with the function's `Policies`: AWS managed policy
// names or ARNs become ManagedPolicyArns, policy documents and SAM policy templates become inline
// policies `<LogicalId>RolePolicy<N>`. A function also gets AWSLambdaBasicExecutionRole, as SAM gives
// it. A function with a `Role` uses that role, judged where it is declared.
import type { NotAnalysed, ResourceDefinition, Template } from '../template.js';
import type { MapEntry, MapNode, Position, TemplateNode } from '../tree.js';
import { entry, field, intrinsicOf, isMapNode, literalString } from '../tree.js';
import { SAM_POLICY_TEMPLATES } from './policy-templates.js';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** SAM resource types that get a generated role, and the service that assumes it. */
const ROLE_SERVICES: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'lambda.amazonaws.com',
  'AWS::Serverless::StateMachine': 'states.amazonaws.com',
};

/** AWS managed policies SAM names without their `service-role/` path. */
const SERVICE_ROLE_POLICIES: ReadonlySet<string> = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
]);

/** Builds synthetic nodes at the position of what they stand for, so findings point at it. */
class NodeBuilder {
  constructor(private readonly position: Position) {}

  scalar(value: string): TemplateNode {
    return { kind: 'scalar', value, position: this.position };
  }

  list(items: TemplateNode[]): TemplateNode {
    return { kind: 'list', items, position: this.position };
  }

  map(entries: Record<string, TemplateNode>): MapNode {
    const map = new Map<string, MapEntry>();
    for (const [key, value] of Object.entries(entries))
      map.set(key, { key, keyPosition: this.position, value });
    return { kind: 'map', entries: map, position: this.position };
  }
}

function managedPolicyArn(name: string): string {
  if (name.startsWith('arn:')) return name;
  return `arn:aws:iam::aws:policy/${SERVICE_ROLE_POLICIES.has(name) ? 'service-role/' : ''}${name}`;
}

/** The statements of a SAM policy template, with its parameters substituted by CloudFormation's Sub. */
function policyTemplateDocument(
  name: string,
  parameters: TemplateNode,
  at: NodeBuilder,
): TemplateNode | undefined {
  const statements = SAM_POLICY_TEMPLATES[name];
  if (!statements) return undefined;
  return at.map({
    Statement: at.list(
      statements.map((statement) =>
        at.map({
          Effect: at.scalar('Allow'),
          Action: at.list(statement.actions.map((action) => at.scalar(action))),
          Resource: at.list(
            statement.resources.map((resource) =>
              at.map({
                'Fn::Sub': at.list([at.scalar(resource), isMapNode(parameters) ? parameters : at.map({})]),
              }),
            ),
          ),
        }),
      ),
    ),
  });
}

interface RolePolicies {
  managed: TemplateNode[];
  inline: TemplateNode[];
}

/** Sorts a `Policies` property into managed policy ARNs and inline policy documents. */
function readPolicies(
  logicalId: string,
  node: TemplateNode | undefined,
  notAnalysed: NotAnalysed[],
): RolePolicies {
  const out: RolePolicies = { managed: [], inline: [] };
  const items = node === undefined ? [] : node.kind === 'list' ? node.items : [node];
  for (const item of items) {
    const at = new NodeBuilder(item.position);
    const name = literalString(item);
    if (name !== undefined) {
      out.managed.push(at.scalar(managedPolicyArn(name)));
      continue;
    }
    // Ref, Sub, GetAtt...: an ARN computed by CloudFormation.
    if (intrinsicOf(item)) {
      out.managed.push(item);
      continue;
    }
    if (field(item, 'Statement') !== undefined) {
      out.inline.push(item);
      continue;
    }
    const [only] = isMapNode(item) && item.entries.size === 1 ? item.entries.values() : [];
    const expanded = only && policyTemplateDocument(only.key, only.value, at);
    if (expanded) out.inline.push(expanded);
    else {
      notAnalysed.push({
        message:
          `policy ${only ? `template ${only.key}` : 'entry'} of ${logicalId} is not one iamspect knows; ` +
          'the permissions it grants are not judged',
        position: item.position,
      });
    }
  }
  return out;
}

/** The role SAM generates for a function or state machine. */
function generatedRole(
  resource: ResourceDefinition,
  service: string,
  template: Template,
  globals: TemplateNode | undefined,
): ResourceDefinition {
  const at = new NodeBuilder(resource.position);
  const properties = resource.properties;
  const policies = readPolicies(resource.logicalId, field(properties, 'Policies'), template.notAnalysed);
  const trust =
    field(properties, 'AssumeRolePolicyDocument') ??
    at.map({
      Version: at.scalar('2012-10-17'),
      Statement: at.list([
        at.map({
          Effect: at.scalar('Allow'),
          Principal: at.map({ Service: at.list([at.scalar(service)]) }),
          Action: at.list([at.scalar('sts:AssumeRole')]),
        }),
      ]),
    });
  const basic =
    resource.type === 'AWS::Serverless::Function'
      ? [at.scalar(managedPolicyArn('AWSLambdaBasicExecutionRole'))]
      : [];
  const roleProperties: Record<string, TemplateNode> = {
    AssumeRolePolicyDocument: trust,
    ManagedPolicyArns: at.list([...basic, ...policies.managed]),
    Policies: at.list(
      policies.inline.map((document, index) => {
        const here = new NodeBuilder(document.position);
        return here.map({
          PolicyName: here.scalar(`${resource.logicalId}RolePolicy${index}`),
          PolicyDocument: document,
        });
      }),
    ),
  };
  const boundary = field(properties, 'PermissionsBoundary') ?? field(globals, 'PermissionsBoundary');
  if (boundary) roleProperties.PermissionsBoundary = boundary;
  const role: ResourceDefinition = {
    logicalId: `${resource.logicalId}Role`,
    type: 'AWS::IAM::Role',
    properties: at.map(roleProperties),
    position: resource.position,
  };
  if (resource.condition !== undefined) role.condition = resource.condition;
  return role;
}

/** Whether the template's Transform includes SAM's. */
export function usesSam(root: TemplateNode): boolean {
  const transform = field(root, 'Transform');
  const names = transform?.kind === 'list' ? transform.items.map(literalString) : [literalString(transform)];
  return names.includes(SAM_TRANSFORM);
}

/** The template with the IAM resources SAM would generate added (the SAM resources themselves stay). */
export function expandServerless(template: Template, root: TemplateNode): Template {
  const globals = field(field(root, 'Globals'), 'Function');
  const resources = new Map(template.resources);
  for (const resource of template.resources.values()) {
    const service = ROLE_SERVICES[resource.type];
    if (!service || entry(resource.properties, 'Role')) continue;
    const role = generatedRole(resource, service, template, globals);
    if (!resources.has(role.logicalId)) resources.set(role.logicalId, role);
  }
  return { ...template, resources };
}
