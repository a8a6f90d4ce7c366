// Adds a suppression to a config file as a person would: the new entry goes at the end of the
// `suppressions:` list, written in the list's own indentation, and every other byte of the file
// (comments, blank lines, quoting, key order, 4-space indents) stays as it was. The yaml
// package's Document API finds the list and its items' source ranges; re-serialising the whole
// document would normalise indentation and comment spacing, so the entry is spliced in as text.
import type { Pair, YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Suppression } from './config.js';

const KEY = 'suppressions';
const DEFAULT_INDENT = 2;

/** `entry` as a block sequence item: `- ` at `dashColumn`, continuation lines at `contentColumn`. */
function formatItem(entry: Suppression, dashColumn: number, contentColumn: number, eol: string): string {
  const lines = stringify(entry, { lineWidth: 0 }).trimEnd().split('\n');
  const first = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, contentColumn - dashColumn - 1))}${lines[0]}`;
  const rest = lines.slice(1).map((line) => (line === '' ? '' : `${' '.repeat(contentColumn)}${line}`));
  return [first, ...rest].map((line) => `${line}${eol}`).join('');
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** `text` ending in a line break, so whatever is appended starts on a line of its own. */
function terminated(text: string, eol: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
}

function suppressionsPair(map: YAMLMap): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === KEY);
}

/**
 * Returns `text` (a config file that parseConfig accepts, or '' for a new file) with `entry`
 * appended to its suppressions. The caller validates the result again before writing it.
 */
export function appendSuppression(text: string, entry: Suppression): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text);
  const root = doc.contents;
  const newList = (keyColumn: number, items: Suppression[]) =>
    items
      .map((item) => formatItem(item, keyColumn + DEFAULT_INDENT, keyColumn + DEFAULT_INDENT + 2, eol))
      .join('');

  if (root !== null && !(isMap(root) && !root.flow)) {
    // A flow mapping (`{}`) cannot take a block key after it: rewrite it through the Document API.
    doc.set(KEY, [...((doc.toJS() as { suppressions?: Suppression[] }).suppressions ?? []), entry]);
    return doc.toString({ lineWidth: 0 });
  }
  const pair = root ? suppressionsPair(root) : undefined;
  if (!pair) {
    const separator = text.trim() === '' ? '' : eol;
    return `${terminated(text, eol)}${separator}${KEY}:${eol}${newList(0, [entry])}`;
  }

  const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
  const keyColumn = keyRange ? keyRange[0] - lineStart(text, keyRange[0]) : 0;
  const value = pair.value;
  if (isSeq(value) && !value.flow && value.items.length > 0) {
    const first = value.items[0] as { range?: [number, number, number] };
    const last = value.items[value.items.length - 1] as { range?: [number, number, number] };
    if (first.range && last.range) {
      const firstLine = lineStart(text, first.range[0]);
      const contentColumn = first.range[0] - firstLine;
      const dash = text.lastIndexOf('-', first.range[0]);
      // `-` alone on its line, the entry below it: indent the new entry's dash like its keys, less two.
      const dashColumn = dash >= firstLine ? dash - firstLine : Math.max(0, contentColumn - 2);
      const at = last.range[1];
      const before = terminated(text.slice(0, at), eol);
      return `${before}${formatItem(entry, dashColumn, contentColumn, eol)}${text.slice(at)}`;
    }
  }

  // `suppressions:` with no value, or a flow list (`[]`, `[{...}]`): the value's text is removed
  // and a block list of the existing entries plus the new one follows the key's line.
  const existing = isSeq(value) ? (value.toJS(doc) as Suppression[]) : [];
  const valueRange = (value as { range?: [number, number, number] } | null)?.range;
  const keyEnd = keyRange ? keyRange[1] : 0;
  const valueStart = valueRange ? valueRange[0] : keyEnd;
  const valueEnd = valueRange ? valueRange[1] : keyEnd;
  const head = text.slice(0, valueStart).replace(/[ \t]+$/, '');
  const tail = text.slice(valueEnd);
  const restOfLine = tail.slice(0, lineEnd(tail, 0));
  const after = tail.slice(restOfLine.length);
  // What followed the value on the key's line (a comment, or nothing) keeps its place.
  const comment = restOfLine.trim();
  const keyLine = `${head}${comment ? ` ${comment}` : ''}${eol}`;
  return `${keyLine}${newList(keyColumn, [...existing, entry])}${after}`;
}
