// The yaml library's errors in our words. Its messages speak to programmers ("please use
// YAML.parseAllDocuments()", "Map keys must be unique"); a user needs to know what is wrong in the
// file and how to fix it. Messages never quote the source: a template can hold a password.
import type { Document, LineCounter, YAMLError } from 'yaml';
import { isPair, isScalar, visit } from 'yaml';
import { TOO_DEEP } from './input-limits.js';

/** The 1-based line and column of an offset (the counter says line 0 before the first newline). */
export function yamlPosition(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line: Math.max(line, 1), column: col };
}

/** Why a map (JSON object) with a key given twice is refused; also used for JSON templates. */
export function duplicateKeyReason(key: string | undefined): string {
  const named = key === undefined ? 'a key' : `key ${JSON.stringify(key)}`;
  return `${named} appears twice in one map (map keys must be unique; which value counts would be unclear)`;
}

/** The key written at `offset`, when a map in the document has one there. */
function keyAt(document: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(document, {
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * One line saying what is wrong, for an error or warning the yaml library reported on `document`.
 * `what` names the file's kind in the one message that needs it ("a config file", "a template").
 */
export function describeYamlError(
  error: YAMLError,
  document: Document,
  lines: LineCounter,
  what: string,
): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return duplicateKeyReason(keyAt(document, error.pos[0]));
    case 'MULTIPLE_DOCS':
      return `${what} holds one YAML document, but a second one starts at line ${yamlPosition(lines, error.pos[0]).line}; remove the --- separator`;
    case 'BAD_INDENT':
      return 'wrong indentation: the items of one map or list must start in the same column';
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML indents with spaces';
    case 'TAG_RESOLVE_FAILED': {
      const tag = /Unresolved tag: (\S+)/.exec(error.message)?.[1];
      return tag ? `unknown tag ${tag}` : 'a tag that does not fit its value';
    }
    case 'RESOURCE_EXHAUSTION':
      // The library catches its own stack overflow on very deep nesting and reports it as this.
      return TOO_DEEP;
    default:
      // The rest ("Missing closing "quote", "Implicit keys need to be on a single line") already
      // say what is wrong in plain words; without prettyErrors each is one line.
      return error.message.split('\n')[0]!;
  }
}
