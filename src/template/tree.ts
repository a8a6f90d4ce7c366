// A CloudFormation template as a tree that remembers where every node was written. YAML and JSON
// templates both become this tree, with short-form tags (`!Ref X`) already in their long form
// (`{ Ref: X }`), so the rest of the template code reads one shape and can point a finding at the
// line and column of the property that caused it.

/** 1-based line and column in the template's source text. */
export interface Position {
  line: number;
  column: number;
  /** Set when the node stands for something written in another file (a Terraform resource block in its .tf file). */
  file?: string;
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode {
  kind: 'scalar';
  value: ScalarValue;
  position: Position;
}

export interface ListNode {
  kind: 'list';
  items: TemplateNode[];
  position: Position;
}

export interface MapEntry {
  key: string;
  /** Where the key is written: what a finding about this property points at. */
  keyPosition: Position;
  value: TemplateNode;
}

export interface MapNode {
  kind: 'map';
  /** In source order; keys are unique (a duplicate key is a parse error). */
  entries: Map<string, MapEntry>;
  position: Position;
}

export type TemplateNode = ScalarNode | ListNode | MapNode;

export function isMapNode(node: TemplateNode | undefined): node is MapNode {
  return node?.kind === 'map';
}

/** The value of `key` when `node` is a map that has it. */
export function field(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  return isMapNode(node) ? node.entries.get(key)?.value : undefined;
}

/** The entry (key position and value) of `key` when `node` is a map that has it. */
export function entry(node: TemplateNode | undefined, key: string): MapEntry | undefined {
  return isMapNode(node) ? node.entries.get(key) : undefined;
}

/** A scalar written as a plain value (not an intrinsic function), as a string; numbers and booleans too. */
export function literalString(node: TemplateNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/**
 * The intrinsic function a map node stands for: a map with exactly one key that is `Ref` or starts
 * with `Fn::` (CloudFormation's rule for telling a function call from an ordinary object).
 */
export function intrinsicOf(
  node: TemplateNode | undefined,
): { name: string; argument: TemplateNode } | undefined {
  if (!isMapNode(node) || node.entries.size !== 1) return undefined;
  const [only] = node.entries.values();
  if (!only || (only.key !== 'Ref' && !only.key.startsWith('Fn::'))) return undefined;
  return { name: only.key, argument: only.value };
}
