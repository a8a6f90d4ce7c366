// A strict JSON parser that keeps the line and column of every key and value, for JSON templates.
// The YAML parser reads JSON too, but an order of magnitude slower, and a directory of JSON
// templates (what CDK and most generators write) is the common case in CI.
import { MAX_NESTING_DEPTH, TOO_DEEP } from '../util/input-limits.js';
import { duplicateKeyReason } from '../util/yaml-errors.js';
import { TemplateSyntaxError } from './parse-error.js';
import type { MapEntry, Position, TemplateNode } from './tree.js';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const KEYWORDS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/** JSON forbids unescaped control characters (U+0000 to U+001F, line breaks included) in a string. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) < 0x20) return true;
  return false;
}

class JsonReader {
  private offset = 0;
  /** Objects and arrays open around the current position. */
  private depth = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  document(): TemplateNode {
    const value = this.value();
    this.skipWhitespace();
    if (this.offset < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private position(offset = this.offset): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  private fail(message: string, offset = this.offset): never {
    throw new TemplateSyntaxError(message, this.position(offset));
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.offset;
    WHITESPACE.test(this.text);
    this.offset = WHITESPACE.lastIndex;
  }

  private expect(char: string): void {
    this.skipWhitespace();
    if (this.text[this.offset] !== char) this.fail(`expected "${char}"`);
    this.offset++;
  }

  private value(): TemplateNode {
    this.skipWhitespace();
    const position = this.position();
    const char = this.text[this.offset];
    if (char === '{' || char === '[') {
      // Checked here, before recursing: a deeper file would overflow the stack.
      if (this.depth === MAX_NESTING_DEPTH) this.fail(TOO_DEEP);
      this.depth++;
      const node = char === '{' ? this.object(position) : this.array(position);
      this.depth--;
      return node;
    }
    if (char === '"') return { kind: 'scalar', value: this.string(), position };
    for (const [word, value] of KEYWORDS) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return { kind: 'scalar', value, position };
      }
    }
    NUMBER.lastIndex = this.offset;
    if (NUMBER.test(this.text)) {
      const value = Number(this.text.slice(this.offset, NUMBER.lastIndex));
      this.offset = NUMBER.lastIndex;
      return { kind: 'scalar', value, position };
    }
    return this.fail(char === undefined ? 'unexpected end of file' : 'expected a JSON value');
  }

  private object(position: Position): TemplateNode {
    this.offset++;
    const entries = new Map<string, MapEntry>();
    this.skipWhitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return { kind: 'map', entries, position };
    }
    for (;;) {
      this.skipWhitespace();
      const keyOffset = this.offset;
      if (this.text[this.offset] !== '"') this.fail('expected a key in double quotes');
      const key = this.string();
      if (entries.has(key)) this.fail(duplicateKeyReason(key), keyOffset);
      this.expect(':');
      entries.set(key, { key, keyPosition: this.position(keyOffset), value: this.value() });
      this.skipWhitespace();
      const next = this.text[this.offset++];
      if (next === '}') return { kind: 'map', entries, position };
      if (next !== ',') this.fail('expected "," or "}"', this.offset - 1);
    }
  }

  private array(position: Position): TemplateNode {
    this.offset++;
    const items: TemplateNode[] = [];
    this.skipWhitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return { kind: 'list', items, position };
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.offset++];
      if (next === ']') return { kind: 'list', items, position };
      if (next !== ',') this.fail('expected "," or "]"', this.offset - 1);
    }
  }

  /** A string starting at the opening quote; escapes are decoded by JSON.parse itself. */
  private string(): string {
    const start = this.offset;
    let end = start + 1;
    for (;;) {
      end = this.text.indexOf('"', end);
      if (end < 0) this.fail('missing closing quote', start);
      let backslashes = 0;
      while (this.text[end - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) break;
      end++;
    }
    const raw = this.text.slice(start, end + 1);
    this.offset = end + 1;
    if (hasControlCharacter(raw))
      this.fail('a control character (such as a line break) inside a string', start);
    if (!raw.includes('\\')) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return this.fail('invalid escape sequence in a string', start);
    }
  }
}

/** Parses JSON text; throws TemplateSyntaxError at the first problem (never quoting the text). */
export function parseJsonTemplate(text: string): TemplateNode {
  return new JsonReader(text).document();
}
