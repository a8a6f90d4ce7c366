import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { MAX_INPUT_FILE_BYTES, MAX_NESTING_DEPTH } from '../../src/util/input-limits.js';
import { locateJsonError, parseJsonText, readInputFile } from '../../src/util/input-file.js';
import { constants } from 'node:buffer';

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, false],
    ['{\n  "a": tru\n}', 2, 11, false],
    ['{\n  "a": [1 2]\n}', 2, 11, false],
    ['{"a": 1}\nx', 2, 1, false],
    // Input that ends too early is located just past its last character.
    ['{\n  "a": "unterminated', 2, 21, true],
    ['{\n  "a": {\n', 2, 9, true],
  ])('finds the error in %j at line %i, column %i', (text, line, column, truncated) => {
    expect(locateJsonError(text)).toEqual({ line, column, truncated });
  });

  it('agrees with the position V8 reports whenever it reports one', () => {
    const jsonish = fc.string({
      unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'a', 't', ' ', '\n', '\\'),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          jsonish,
          fc.json().map((json) => json.slice(0, -1) + 'x'),
        ),
        (text) => {
          let message: string;
          try {
            JSON.parse(text);
            return;
          } catch (error) {
            message = (error as Error).message;
          }
          const position = /at position (\d+)/.exec(message);
          if (!position || Number(position[1]) >= text.length) return;
          const offset = Number(position[1]);
          const before = text.slice(0, offset);
          expect(locateJsonError(text)).toEqual({
            line: before.split('\n').length,
            column: offset - before.lastIndexOf('\n'),
            truncated: false,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseJsonText', () => {
  it('names the file, line and column of a syntax error, without echoing the input', () => {
    expect(() => parseJsonText('{\n  "a": tru\n}', 'snap.json', 'snapshot file')).toThrow(
      new InputError(`snap.json: line 2, column 11: snapshot file is not valid JSON (Unexpected token '\n')`),
    );
  });

  it('says when the text ends too early, and when it is empty', () => {
    expect(() => parseJsonText('{"a": [1,', 'snap.json', 'snapshot file')).toThrow(
      'snap.json: line 1, column 10: snapshot file ends in the middle of the JSON (truncated?) (Unexpected end of JSON input)',
    );
    expect(() => parseJsonText(' \n', 'snap.json', 'snapshot file')).toThrow(
      'snap.json: snapshot file is empty',
    );
  });
});

describe('parseJsonText refuses what JSON.parse would silently accept', () => {
  it.each([
    ['in the top-level object', '{\n  "a": 1,\n  "a": 2\n}', 3, 3, 'a'],
    ['in a nested object', '{"Users": [\n  {"UserName": "alice",\n   "UserName": "bob"}]}', 3, 4, 'UserName'],
    ['written with an escape', '{"ab": 1,\n "\\u0061b": 2}', 2, 2, 'ab'],
    // JSON.parse decodes keys before comparing them: "a" and "\u0061" are one key.
    ['once plain, once as an escape', '{"a": 1, "\\u0061": 2}', 1, 10, 'a'],
    [
      'deep inside a policy document',
      '{"roles": [{"inlinePolicies": [{"document": {"Statement": [\n' +
        '  {"Effect": "Allow", "Condition": {"StringEquals": {"aws:username": "x", "aws:username": "y"}}}]}}]}]}',
      2,
      75,
      'aws:username',
    ],
  ])(
    'a key given twice %s: the file, line, column and key, since the first value would be dropped',
    (_where, text, line, column, key) => {
      expect(() => parseJsonText(text, 'snap.json', 'snapshot file')).toThrow(
        new InputError(
          `snap.json: line ${line}, column ${column}: snapshot file has the key "${key}" twice in one object (JSON readers silently keep only the last)`,
        ),
      );
    },
  );

  it('accepts the same key in different objects, and a key equal to a value', () => {
    const text = '{"a": {"a": "a"}, "b": [{"a": 1}, {"a": 2}], "c": {"b": {}, "d": "b"}}';
    expect(parseJsonText(text, 'snap.json', 'snapshot file')).toEqual(JSON.parse(text));
  });

  it('accepts a string holding JSON that repeats a key: it is a value, not an object', () => {
    const text = JSON.stringify({ document: '{"Effect": "Allow", "Effect": "Deny"}', Effect: 'Allow' });
    expect(parseJsonText(text, 'snap.json', 'snapshot file')).toEqual(JSON.parse(text));
  });

  it('accepts strings full of JSON syntax: escaped quotes, braces and backslashes', () => {
    const text = JSON.stringify({ a: 'x\\', b: '"{[,:', c: { x: '}\\"', a: 1 } });
    expect(parseJsonText(text, 'snap.json', 'snapshot file')).toEqual(JSON.parse(text));
  });

  it('finds a duplicate exactly when some object repeats a key', () => {
    fc.assert(
      // Whitespace before the colon is legal JSON, and strings may hold `":`.
      fc.property(jsonTree, fc.constantFrom(': ', ' : ', '\n:'), (tree, colon) => {
        const text = serialize(tree, colon);
        if (repeatsAKey(tree))
          expect(() => parseJsonText(text, 'f.json', 'file')).toThrow(/twice in one object/);
        else expect(parseJsonText(text, 'f.json', 'file')).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const objects = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
  it.each([
    ['arrays', arrays],
    ['objects', objects],
  ])(
    `reads %s nested exactly ${MAX_NESTING_DEPTH} levels deep and refuses one level more`,
    (_kind, nested) => {
      expect(parseJsonText(nested(MAX_NESTING_DEPTH), 'snap.json', 'snapshot file')).toEqual(
        JSON.parse(nested(MAX_NESTING_DEPTH)),
      );
      const tooDeep = nested(MAX_NESTING_DEPTH + 1);
      // The error points at the container that opens level 513.
      const column = tooDeep.lastIndexOf(tooDeep[0]!) + 1;
      expect(() => parseJsonText(tooDeep, 'snap.json', 'snapshot file')).toThrow(
        new InputError(
          `snap.json: line 1, column ${column}: snapshot file is nested more than ${MAX_NESTING_DEPTH} levels deep, the most iamspect reads`,
        ),
      );
    },
  );

  it('refuses 5,000 levels at the first level too many, not with a stack overflow', () => {
    expect(() => parseJsonText(`{"a":\n${arrays(5000)}}`, 'snap.json', 'snapshot file')).toThrow(
      new InputError(
        `snap.json: line 2, column ${MAX_NESTING_DEPTH}: snapshot file is nested more than ${MAX_NESTING_DEPTH} levels deep, the most iamspect reads`,
      ),
    );
  });
});

/** A JSON value whose objects are lists of entries, so it can hold what a JavaScript object cannot: a repeated key. */
type JsonTree =
  | { kind: 'object'; entries: Array<[string, JsonTree]> }
  | { kind: 'array'; items: JsonTree[] }
  | { kind: 'leaf'; value: string | number | boolean | null };

// Few, short keys (quotes, backslashes and braces among them) so repeats are common and tricky.
const { tree: jsonTree } = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('leaf' as const),
      value: fc.oneof(
        fc.string({ unit: fc.constantFrom('a', '"', '\\', '{', ',', ':') }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
      ),
    }),
    fc.record({
      kind: fc.constant('object' as const),
      entries: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'a"', 'a\\', '{', ':', 'é'), tie('tree')), {
        maxLength: 4,
      }),
    }),
    fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('tree'), { maxLength: 4 }) }),
  ),
}));

function serialize(tree: JsonTree, colon: string): string {
  if (tree.kind === 'leaf') return JSON.stringify(tree.value);
  if (tree.kind === 'array') return `[${tree.items.map((item) => serialize(item, colon)).join(', ')}]`;
  const entries = tree.entries.map(
    ([key, value]) => `${JSON.stringify(key)}${colon}${serialize(value, colon)}`,
  );
  return `{\n${entries.join(',\n')}}`;
}

function repeatsAKey(tree: JsonTree): boolean {
  if (tree.kind === 'leaf') return false;
  if (tree.kind === 'array') return tree.items.some(repeatsAKey);
  const keys = tree.entries.map(([key]) => key);
  return new Set(keys).size < keys.length || tree.entries.some(([, value]) => repeatsAKey(value));
}

describe('readInputFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iamspect-input-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['UTF-8', Buffer.from('{"a":"é"}', 'utf8')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}', 'utf8')])],
    [
      'UTF-16LE with a BOM (PowerShell 5 redirection)',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":"é"}', 'utf16le')]),
    ],
    [
      'UTF-16BE with a BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a":"é"}', 'utf16le').swap16()]),
    ],
  ])('reads %s text', (_label, bytes) => {
    const path = join(dir, 'file.json');
    writeFileSync(path, bytes);
    expect(readInputFile(path, 'test file')).toBe('{"a":"é"}');
  });

  it('names a missing file and a directory passed as a file', () => {
    expect(() => readInputFile(join(dir, 'nope.json'), 'snapshot file')).toThrow(
      new InputError(`${join(dir, 'nope.json')}: snapshot file not found`),
    );
    expect(() => readInputFile(dir, 'snapshot file')).toThrow(`${dir}: is a directory, not a snapshot file`);
  });

  it('refuses a file larger than one string can hold before reading it, naming the file and the limit', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, `{"a": "${'x'.repeat(2000)}"}`);
    expect(() => readInputFile(path, 'snapshot file', 'Split it.', 1024)).toThrow(
      new InputError(
        `${path}: snapshot file is 2,009 bytes, more than the 1,024 bytes iamspect can read as one file`,
        'Split it.',
      ),
    );
    expect(readInputFile(path, 'snapshot file', 'Split it.', 2009)).toHaveLength(2009);
  });

  it("the real limit is Node's longest string, so reading never fails inside the runtime", () => {
    expect(MAX_INPUT_FILE_BYTES).toBe(constants.MAX_STRING_LENGTH);
  });
});
