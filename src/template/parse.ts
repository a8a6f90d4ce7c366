// Parses a template's text (YAML or JSON) into a positioned tree, keeping line and column for every
// node. CloudFormation's short forms (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become their long forms
// (`{ Ref: X }`, `{ "Fn::GetAtt": [A, B] }`, `{ "Fn::Sub": ... }`) here, once.
import type { Alias, CollectionTag, Document, ScalarTag, YAMLMap, YAMLSeq, Node as YamlNode } from 'yaml';
import { LineCounter, Scalar, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { MAX_NESTING_DEPTH, TOO_DEEP } from '../util/input-limits.js';
import { describeYamlError, yamlPosition } from '../util/yaml-errors.js';
import { parseJsonTemplate } from './json.js';
import { TemplateSyntaxError } from './parse-error.js';
import type { MapEntry, Position, ScalarValue, TemplateNode } from './tree.js';

export { TemplateSyntaxError };

/**
 * An alias (`*name`) is expanded in place. A file that expands more than this many is treated as
 * hostile (a "billion laughs" document), not as a template.
 */
const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * CloudFormation's short forms. Registering them keeps the YAML parser from reporting each use as
 * an unknown tag (a warning object per `!Ref`, a cost that dominates large scans). Any other local
 * tag is still read, with the same naming rule, but CloudFormation would reject it.
 */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Length',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
];

/** Each short form on a scalar, a sequence and a map, kept as written (the tree builder converts it). */
const SHORT_FORM_TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]);

/** Short-form tag -> long-form key: `!Ref` and `!Condition` keep their names, `!Name` is `Fn::Name`. */
function longFormKey(tagName: string): string {
  return tagName === 'Ref' || tagName === 'Condition' ? tagName : `Fn::${tagName}`;
}

class TreeBuilder {
  private aliasExpansions = 0;
  /** Maps and lists open around the node being built. */
  private depth = 0;
  /** Anchored nodes being expanded: an alias back into one of them would never end. */
  private readonly expanding = new Set<YamlNode>();

  constructor(
    private readonly text: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number): Position {
    return yamlPosition(this.lines, offset);
  }

  build(node: unknown): TemplateNode {
    if (isAlias(node)) return this.expandAlias(node);
    const yamlNode = node as YamlNode | null | undefined;
    const start = yamlNode?.range?.[0] ?? 0;
    const tag = yamlNode?.tag;
    const plain = this.buildUntagged(yamlNode, this.position(start));
    // Local tags (`!Name`) are CloudFormation short forms; YAML's own (`!!str`) arrive as `tag:yaml.org,...`.
    if (!tag?.startsWith('!')) return plain;
    // The node's range starts after its tag; the function call starts at the tag.
    const tagStart = this.text.lastIndexOf(tag, start);
    return this.shortForm(tag.slice(1), plain, this.position(tagStart < 0 ? start : tagStart));
  }

  private buildUntagged(node: YamlNode | null | undefined, position: Position): TemplateNode {
    if (!isMap(node) && !isSeq(node)) return this.buildScalar(node, position);
    // Checked before recursing: the tree, and every walk over it later, would overflow the stack.
    if (this.depth === MAX_NESTING_DEPTH) throw new TemplateSyntaxError(TOO_DEEP, position);
    this.depth++;
    try {
      return isMap(node) ? this.buildMap(node, position) : this.buildList(node, position);
    } finally {
      this.depth--;
    }
  }

  private buildMap(node: YAMLMap, position: Position): TemplateNode {
    const entries = new Map<string, MapEntry>();
    for (const pair of node.items) {
      if (!isScalar(pair.key)) {
        const at = (pair.key as YamlNode | null)?.range?.[0] ?? node.range?.[0] ?? 0;
        throw new TemplateSyntaxError(
          'a map key must be a plain value, not a list or map',
          this.position(at),
        );
      }
      const key = keyText(pair.key);
      entries.set(key, {
        key,
        keyPosition: this.position(pair.key.range?.[0] ?? 0),
        value: this.build(pair.value),
      });
    }
    return { kind: 'map', entries, position };
  }

  private buildList(node: YAMLSeq, position: Position): TemplateNode {
    return { kind: 'list', items: node.items.map((item) => this.build(item)), position };
  }

  private buildScalar(node: YamlNode | null | undefined, position: Position): TemplateNode {
    if (isScalar(node)) return { kind: 'scalar', value: scalarValue(node), position };
    // An empty value (`Key:` with nothing after it) or an empty document.
    return { kind: 'scalar', value: null, position };
  }

  private shortForm(tagName: string, argument: TemplateNode, position: Position): TemplateNode {
    let value = argument;
    // `!GetAtt Resource.Attribute`: the logical id ends at the first dot; the attribute may hold
    // more dots (`!GetAtt Stack.Outputs.Name`).
    if (tagName === 'GetAtt' && argument.kind === 'scalar' && typeof argument.value === 'string') {
      const dot = argument.value.indexOf('.');
      const parts =
        dot < 0 ? [argument.value] : [argument.value.slice(0, dot), argument.value.slice(dot + 1)];
      value = {
        kind: 'list',
        items: parts.map((part) => ({ kind: 'scalar', value: part, position })),
        position,
      };
    }
    const key = longFormKey(tagName);
    return { kind: 'map', entries: new Map([[key, { key, keyPosition: position, value }]]), position };
  }

  private expandAlias(alias: Alias): TemplateNode {
    const at = this.position(alias.range?.[0] ?? 0);
    if (++this.aliasExpansions > MAX_ALIAS_EXPANSIONS) {
      throw new TemplateSyntaxError(`more than ${MAX_ALIAS_EXPANSIONS} alias expansions`, at);
    }
    const target = alias.resolve(this.document);
    if (!target) throw new TemplateSyntaxError('alias to an undefined anchor', at);
    if (this.expanding.has(target))
      throw new TemplateSyntaxError('alias refers to a node that contains it', at);
    this.expanding.add(target);
    try {
      return this.build(target);
    } finally {
      this.expanding.delete(target);
    }
  }
}

/**
 * Digits after a leading zero, which YAML 1.2 (this parser) reads as a decimal: `012345678901`
 * becomes 12345678901. CloudFormation's YAML 1.1 reader has no decimal with a leading zero: with
 * only the digits 0-7 it is an octal number (an unquoted account id 012345670123 deploys as
 * 1402433619), otherwise it is text, the 12 digits of an account id kept.
 */
const LEADING_ZERO_DIGITS = /^0\d+$/;
const OCTAL_DIGITS = /^0[0-7]+$/;

/** A plain scalar's source when it is digits after a leading zero, as CloudFormation reads it. */
function leadingZeroValue(node: Scalar): number | string | undefined {
  const source = node.source ?? '';
  if (typeof node.value !== 'number' || node.type !== Scalar.PLAIN || !LEADING_ZERO_DIGITS.test(source)) {
    return undefined;
  }
  return OCTAL_DIGITS.test(source) ? parseInt(source, 8) : source;
}

/**
 * CloudFormation reads every map key as a string: an unquoted `012345678901:` or `1.0:` is the
 * text as written, not the number YAML 1.2 makes of it (12345678901, 1); octal digits after a
 * leading zero are the octal number's decimal digits, as for a value.
 */
function keyText(key: Scalar): string {
  const leadingZero = leadingZeroValue(key);
  if (leadingZero !== undefined) return String(leadingZero);
  if (typeof key.value !== 'string' && key.type === Scalar.PLAIN && key.source !== undefined) {
    return key.source;
  }
  return String(key.value);
}

function scalarValue(node: Scalar): ScalarValue {
  const { value } = node;
  const leadingZero = leadingZeroValue(node);
  if (leadingZero !== undefined) return leadingZero;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * Parses YAML (with CloudFormation short forms) or JSON. Throws TemplateSyntaxError with the line
 * and column of the first problem. The message never quotes the source text: a template can hold
 * a password, and a parse error must not print it.
 */
export function parseTemplateText(text: string): TemplateNode {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!/^\s*[{[]/.test(source)) return parseYaml(source);
  try {
    return parseJsonTemplate(source);
  } catch (jsonError) {
    // Not strict JSON, but maybe YAML flow style (unquoted keys, a trailing comma, a short-form
    // tag): YAML is a superset of JSON. When YAML cannot read it either, the JSON error says more.
    try {
      return parseYaml(source);
    } catch {
      throw jsonError;
    }
  }
}

/** The variables the `yaml` package reads while it parses (its debug switches). */
const YAML_VARIABLES = ['LOG_TOKENS', 'LOG_STREAM'];

/**
 * Runs `parse` with process.env a plain object holding the variables the `yaml` package reads. It
 * reads process.env.LOG_TOKENS once per token, and every read of the real process.env is a call
 * into the C++ environment: about a tenth of a template's parse time (copying the whole
 * environment for each template costs a third of that again). Parsing is synchronous, so no other
 * code runs while the copy is in place.
 */
function withPlainEnvironment<T>(parse: () => T): T {
  const environment = process.env;
  process.env = Object.fromEntries(YAML_VARIABLES.map((name) => [name, environment[name]]));
  try {
    return parse();
  } finally {
    process.env = environment;
  }
}

function parseYaml(text: string): TemplateNode {
  const lines = new LineCounter();
  // uniqueKeys: a key given twice is an error, since which value CloudFormation would use is unclear.
  const document = withPlainEnvironment(() =>
    parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      customTags: SHORT_FORM_TAGS,
    }),
  );
  const builder = new TreeBuilder(text, document, lines);
  const [first] = document.errors;
  if (first) {
    const reason = describeYamlError(first, document, lines, 'a template');
    throw new TemplateSyntaxError(reason, builder.position(first.pos[0]));
  }
  return builder.build(document.contents);
}
