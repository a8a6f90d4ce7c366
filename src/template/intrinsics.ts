// Resolves CloudFormation intrinsic functions as far as the template alone allows: Ref and GetAtt
// between resources of the template, parameter defaults, pseudo parameters that do not depend on
// where the stack is deployed, Sub, Join, Select, Split, FindInMap, If (with the template's
// Conditions), Base64. Whatever is only known at deploy time (a parameter without a Default, the
// region, another stack's export, an attribute AWS generates) stays a Symbolic value: it reads as
// `<Name>` and is never treated as any concrete value, so it cannot turn into a finding. The angle
// brackets are deliberate: `${...}` would read as an IAM policy variable in a policy document, and
// a `*` would read as a wildcard.
import type { ParameterDefinition, Template } from './template.js';
import type { TemplateNode } from './tree.js';
import { field, intrinsicOf, literalString } from './tree.js';

/** A value known only at deploy time. `text` is how it reads (`<BucketName>`, `arn:aws:s3:::<BucketName>/*`). */
export class Symbolic {
  constructor(readonly text: string) {}

  /** The unknown value of a parameter, attribute or function: `<what>`. */
  static of(what: string): Symbolic {
    return new Symbolic(`<${what}>`);
  }
}

/** `AWS::NoValue`: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * An `Fn::If` on a condition only known at deploy time. It reads as the unknown value `<Fn::If Name>`
 * wherever a single value is needed; code that can judge both branches (policy documents, list
 * properties) looks inside it.
 */
export class Alternatives extends Symbolic {
  constructor(
    readonly condition: string,
    readonly whenTrue: Resolved | typeof NO_VALUE,
    readonly whenFalse: Resolved | typeof NO_VALUE,
  ) {
    super(`<Fn::If ${condition}>`);
  }
}

/** A node an `Fn::If` may stand for, with the conditions (`Name`, or `!Name` for its false branch) that choose it. */
export interface Choice {
  node: TemplateNode;
  conditions: string[];
}

export type Resolved = string | number | boolean | null | Symbolic | Resolved[] | { [key: string]: Resolved };

/** What Ref and GetAtt return for a resource of the template (undefined: known only once deployed). */
export interface ResourceIdentity {
  ref: Resolved;
  attributes: Readonly<Record<string, Resolved>>;
}

export interface ResolverOptions {
  accountId: string;
  partition: string;
  identityOf: (logicalId: string) => ResourceIdentity | undefined;
  /**
   * Parameters whose value is a secret (NoEcho, or a password's source): their Default is never
   * used, so the secret cannot reach the snapshot or a report; Ref gives `<Name>` as if it had none.
   */
  secretParameters: ReadonlySet<string>;
  /** Told about every parameter a resolved value is built from (not those its conditions test). */
  onParameter?: (parameter: ParameterDefinition) => void;
  /**
   * Pseudo parameters known only at deploy time (`AWS::Region`, `AWS::StackName`...) read as their
   * name, as plain text: a value built from them and literals is then a literal, which is what a
   * password built that way is (anyone who reads the template can work it out).
   */
  pseudoParametersAsText?: boolean;
}

function isPresent(value: Resolved | typeof NO_VALUE): value is Resolved {
  return value !== NO_VALUE;
}

export function isSymbolic(value: unknown): value is Symbolic {
  return value instanceof Symbolic;
}

/** True when the value holds no Symbolic part anywhere. */
export function isFullyKnown(value: Resolved): boolean {
  if (isSymbolic(value)) return false;
  if (Array.isArray(value)) return value.every(isFullyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isFullyKnown);
  return true;
}

/** How a resolved value reads in a message or a name: Symbolic parts as their `<...>` text. */
export function textOf(value: Resolved): string {
  if (isSymbolic(value)) return value.text;
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(toPlain(value));
  return String(value);
}

/** The JSON form (Symbolic parts become their text), for the snapshot once uncertainty is handled. */
export function toPlain(value: Resolved): unknown {
  if (isSymbolic(value)) return value.text;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item)]));
  }
  return value;
}

/** Joins scalar parts into a string; Symbolic when any part is. */
export function concat(parts: Resolved[], separator = ''): Resolved {
  const text = parts.map(textOf).join(separator);
  return parts.every((part) => !isSymbolic(part) && (part === null || typeof part !== 'object'))
    ? text
    : new Symbolic(text);
}

/**
 * A `{{resolve:service:...}}` dynamic reference: CloudFormation fetches the value at deploy time
 * from Secrets Manager or Systems Manager, so the text in the template is not the value.
 */
export function hasDynamicReference(text: string): boolean {
  return text.includes('{{resolve:');
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/** Pseudo parameters that do not depend on where or as what the stack is deployed. */
function pseudoParameter(name: string, options: ResolverOptions): Resolved | typeof NO_VALUE | undefined {
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::AccountId':
      return options.accountId;
    case 'AWS::Partition':
      return options.partition;
    case 'AWS::URLSuffix':
      return options.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    default:
      if (!name.startsWith('AWS::')) return undefined;
      return options.pseudoParametersAsText ? `<${name}>` : Symbolic.of(name);
  }
}

export class Resolver {
  /** Conditions being evaluated: a condition that refers back to itself is unknown, not a hang. */
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly template: Template,
    private readonly options: ResolverOptions,
  ) {}

  /** Resolves a node; NO_VALUE when it is `!Ref AWS::NoValue` (or an If that chose it). */
  resolve(node: TemplateNode | undefined): Resolved | typeof NO_VALUE {
    if (node === undefined) return null;
    const call = intrinsicOf(node);
    if (call) return this.call(call.name, call.argument);
    switch (node.kind) {
      case 'scalar':
        return typeof node.value === 'string' && hasDynamicReference(node.value)
          ? new Symbolic(node.value)
          : node.value;
      case 'list':
        return node.items.map((item) => this.resolve(item)).filter(isPresent);
      case 'map': {
        const out: Record<string, Resolved> = {};
        for (const { key, value } of node.entries.values()) {
          const resolved = this.resolve(value);
          if (resolved !== NO_VALUE) out[key] = resolved;
        }
        return out;
      }
    }
  }

  /** Like resolve, with an absent value (NoValue) as undefined. */
  value(node: TemplateNode | undefined): Resolved | undefined {
    const resolved = this.resolve(node);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /**
   * A template Condition: true, false, or undefined when it depends on deploy-time values. Secret
   * parameters' defaults count here: the answer is a boolean, which reveals nothing, and resolving
   * `HasPassword: !Not [!Equals [!Ref Password, ""]]` the same way everywhere keeps the password
   * classification and the snapshot in agreement about which branch of an If exists.
   */
  condition(name: string): boolean | undefined {
    const definition = this.template.conditions.get(name);
    if (!definition || this.evaluating.has(name)) return undefined;
    this.evaluating.add(name);
    try {
      return this.conditionValue(definition);
    } finally {
      this.evaluating.delete(name);
    }
  }

  /**
   * The nodes a property may stand for: the branch of an `Fn::If` whose condition is known, both
   * branches (recursively) when it is not, none for AWS::NoValue; else the node itself.
   */
  choices(node: TemplateNode | undefined, conditions: string[] = []): Choice[] {
    if (node === undefined) return [];
    const call = intrinsicOf(node);
    if (call?.name === 'Ref' && literalString(call.argument) === 'AWS::NoValue') return [];
    if (call?.name !== 'Fn::If' || call.argument.kind !== 'list') return [{ node, conditions }];
    const [conditionNode, whenTrue, whenFalse] = call.argument.items;
    const name = literalString(conditionNode);
    const holds = name === undefined ? undefined : this.condition(name);
    if (holds !== undefined) return this.choices(holds ? whenTrue : whenFalse, conditions);
    if (name === undefined) return [{ node, conditions }];
    return [
      ...this.choices(whenTrue, [...conditions, name]),
      ...this.choices(whenFalse, [...conditions, `!${name}`]),
    ];
  }

  /** The items of a list property, each with the conditions it depends on, through `Fn::If` at either level. */
  listItems(node: TemplateNode | undefined): Choice[] {
    return this.choices(node).flatMap((list) =>
      list.node.kind === 'list'
        ? list.node.items.flatMap((item) => this.choices(item, list.conditions))
        : [list],
    );
  }

  /** The node an `Fn::If` with a known condition chooses (undefined for AWS::NoValue); else the node itself. */
  branch(node: TemplateNode | undefined): TemplateNode | undefined {
    const call = intrinsicOf(node);
    if (call?.name === 'Ref' && literalString(call.argument) === 'AWS::NoValue') return undefined;
    if (call?.name !== 'Fn::If' || call.argument.kind !== 'list') return node;
    const [conditionNode, whenTrue, whenFalse] = call.argument.items;
    const name = literalString(conditionNode);
    const holds = name === undefined ? undefined : this.condition(name);
    return holds === undefined ? node : this.branch(holds ? whenTrue : whenFalse);
  }

  private conditionValue(node: TemplateNode): boolean | undefined {
    const call = intrinsicOf(node);
    const conditionName = literalString(field(node, 'Condition'));
    if (conditionName !== undefined && node.kind === 'map' && node.entries.size === 1) {
      return this.condition(conditionName);
    }
    if (!call) return undefined;
    const operands = call.argument.kind === 'list' ? call.argument.items : [];
    switch (call.name) {
      case 'Fn::Equals': {
        if (operands.length !== 2) return undefined;
        const [left, right] = operands.map((operand) => this.value(operand));
        if (left === undefined || right === undefined || !isFullyKnown(left) || !isFullyKnown(right))
          return undefined;
        return textOf(left) === textOf(right);
      }
      case 'Fn::Not': {
        const inner = operands[0] && this.conditionValue(operands[0]);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = operands.map((operand) => this.conditionValue(operand));
        const decisive = call.name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      default:
        return undefined;
    }
  }

  private call(name: string, argument: TemplateNode): Resolved | typeof NO_VALUE {
    const args = argument.kind === 'list' ? argument.items : [];
    switch (name) {
      case 'Ref':
        return this.ref(literalString(argument) ?? '');
      case 'Fn::GetAtt':
        return this.getAtt(argument);
      case 'Fn::Sub':
        return this.sub(argument);
      case 'Fn::Join': {
        const separator = this.value(args[0]);
        const list = this.value(args[1]);
        if (typeof separator !== 'string' || !Array.isArray(list)) return Symbolic.of('Fn::Join');
        return concat(list, separator);
      }
      case 'Fn::Select': {
        const index = Number(textOf(this.value(args[0]) ?? ''));
        const list = this.value(args[1]);
        if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
          return Symbolic.of('Fn::Select');
        }
        return list[index]!;
      }
      case 'Fn::Split': {
        const separator = this.value(args[0]);
        const source = this.value(args[1]);
        if (typeof separator !== 'string' || typeof source !== 'string') return Symbolic.of('Fn::Split');
        return source.split(separator);
      }
      case 'Fn::FindInMap':
        return this.findInMap(args);
      case 'Fn::If': {
        const conditionName = literalString(args[0]);
        const holds = conditionName === undefined ? undefined : this.condition(conditionName);
        if (conditionName === undefined) return Symbolic.of('Fn::If ');
        if (holds === undefined)
          return new Alternatives(conditionName, this.resolve(args[1]), this.resolve(args[2]));
        return this.resolve(holds ? args[1] : args[2]);
      }
      case 'Fn::Base64': {
        const source = this.value(argument);
        return typeof source === 'string'
          ? Buffer.from(source, 'utf8').toString('base64')
          : Symbolic.of('Fn::Base64');
      }
      case 'Fn::ImportValue':
        return Symbolic.of(`Fn::ImportValue ${textOf(this.value(argument) ?? '')}`);
      default:
        // GetAZs, Cidr, Transform, Length, ToJsonString...: values only the deployment knows.
        return Symbolic.of(name);
    }
  }

  private ref(name: string): Resolved | typeof NO_VALUE {
    const parameter = this.template.parameters.get(name);
    if (parameter) return this.parameterValue(parameter);
    const pseudo = pseudoParameter(name, this.options);
    if (pseudo !== undefined) return pseudo;
    return this.options.identityOf(name)?.ref ?? Symbolic.of(name);
  }

  private parameterValue(parameter: ParameterDefinition): Resolved {
    // Inside a condition the value decides a branch; it is not part of what is being resolved.
    const inCondition = this.evaluating.size > 0;
    if (!inCondition) this.options.onParameter?.(parameter);
    const secret = this.options.secretParameters.has(parameter.name) && !inCondition;
    const value = secret ? undefined : literalString(parameter.default);
    if (value === undefined) return Symbolic.of(parameter.name);
    if (hasDynamicReference(value)) return new Symbolic(value);
    // List parameters are given as one comma-separated string; CloudFormation trims each member.
    if (parameter.type === 'CommaDelimitedList' || parameter.type.startsWith('List<')) {
      return value.split(',').map((member) => member.trim());
    }
    // Number parameters are strings wherever they are used.
    return value;
  }

  private getAtt(argument: TemplateNode): Resolved {
    const parts = argument.kind === 'list' ? argument.items.map((item) => this.value(item)) : [];
    const [logicalId, attribute] = parts.map((part) => (typeof part === 'string' ? part : undefined));
    if (logicalId === undefined || attribute === undefined) return Symbolic.of('Fn::GetAtt');
    return this.attribute(logicalId, attribute);
  }

  private attribute(logicalId: string, attribute: string): Resolved {
    return (
      this.options.identityOf(logicalId)?.attributes[attribute] ?? Symbolic.of(`${logicalId}.${attribute}`)
    );
  }

  /** `${Name}`, `${Resource.Attribute}`, `${!Literal}`, with an optional variable map. */
  private sub(argument: TemplateNode): Resolved {
    const source = argument.kind === 'list' ? argument.items[0] : argument;
    const variables = argument.kind === 'list' ? argument.items[1] : undefined;
    const text = literalString(source);
    if (text === undefined) return Symbolic.of('Fn::Sub');
    const parts: Resolved[] = [];
    let last = 0;
    for (const match of text.matchAll(SUB_VARIABLE)) {
      parts.push(text.slice(last, match.index));
      last = match.index + match[0].length;
      parts.push(this.subVariable(match[1]!, variables));
    }
    parts.push(text.slice(last));
    const joined = concat(parts);
    return typeof joined === 'string' && hasDynamicReference(joined) ? new Symbolic(joined) : joined;
  }

  private subVariable(name: string, variables: TemplateNode | undefined): Resolved {
    // `${!Literal}` writes `${Literal}` itself.
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const variable = field(variables, name);
    if (variable !== undefined) return this.value(variable) ?? '';
    const dot = name.indexOf('.');
    if (dot > 0 && !this.template.parameters.has(name)) {
      return this.attribute(name.slice(0, dot), name.slice(dot + 1));
    }
    const value = this.ref(name);
    return value === NO_VALUE ? '' : value;
  }

  private findInMap(args: TemplateNode[]): Resolved {
    const keys = args.slice(0, 3).map((arg) => this.value(arg));
    if (keys.length === 3 && keys.every((key) => typeof key === 'string')) {
      const [mapName, topKey, secondKey] = keys as string[];
      const found = field(field(field(this.template.mappings, mapName!), topKey!), secondKey!);
      if (found !== undefined) return this.value(found) ?? null;
      // The language extensions' fourth argument: { DefaultValue: ... }.
      const fallback = field(args[3], 'DefaultValue');
      if (fallback !== undefined) return this.value(fallback) ?? null;
    }
    return Symbolic.of('Fn::FindInMap');
  }
}
