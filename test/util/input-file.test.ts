import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { locateJsonError, parseJsonText, readInputFile } from '../../src/util/input-file.js';

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
});
