import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSnapshot, readSnapshotFile, serializeSnapshot } from '../../src/snapshot/read-snapshot.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import type { Json, JsonPath } from './mutate-json.js';
import { mutateAt } from './mutate-json.js';
import {
  emptySnapshot,
  rootRow,
  userRow,
  withCredentialReport,
  withFailedSection,
} from '../builders/snapshot.js';
import { inputErrorOf } from '../builders/errors.js';

const FILE = 'snap.json';
const snapshot = withFailedSection(
  withCredentialReport(emptySnapshot(), [rootRow(), userRow('alice'), userRow('bob'), userRow('carol')]),
  'authorizationDetails',
  'denied',
  'iam:GetAccountAuthorizationDetails',
);

/** The snapshot as JSON after edits, each replacing (or, with undefined, removing) the value at a path. */
function edited(...edits: Array<[JsonPath, Json | undefined]>): string {
  let raw = JSON.parse(serializeSnapshot(snapshot)) as Json | undefined;
  for (const [path, value] of edits) raw = mutateAt(raw!, path, value);
  return JSON.stringify(raw, null, 2);
}

describe('serializeSnapshot and parseSnapshot', () => {
  it.each([
    ['a snapshot with ok and denied sections', snapshot],
    ['the demo snapshot', loadDemoSnapshot()],
  ])('round-trips %s unchanged', (_label, original) => {
    expect(parseSnapshot(serializeSnapshot(original), FILE)).toEqual(original);
  });

  it('writes pretty JSON ending in a newline, so snapshots diff well', () => {
    const text = serializeSnapshot(snapshot);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('parseSnapshot of some sections', () => {
  it('keeps and validates only the named sections, leaving the others out unread', () => {
    const text = edited([['sections', 'credentialReport', 'data'], 'damaged']);
    expect(parseSnapshot(text, FILE, ['authorizationDetails', 'organization'])).toEqual({
      ...snapshot,
      sections: { authorizationDetails: snapshot.sections.authorizationDetails },
    });
    expect(inputErrorOf(() => parseSnapshot(text, FILE, ['credentialReport'])).message).toBe(
      inputErrorOf(() => parseSnapshot(text, FILE)).message,
    );
  });

  it('still refuses a snapshot whose sections are not an object', () => {
    expect(
      inputErrorOf(() => parseSnapshot(edited([['sections'], []]), FILE, ['organization'])).message,
    ).toMatch(/^snap\.json: invalid snapshot: sections: /);
  });
});

describe('parseSnapshot errors', () => {
  it.each([
    [
      'a field of the wrong type, by its full path',
      edited([['sections', 'credentialReport', 'data', 'rows', 3, 'mfaActive'], 'yes']),
      `${FILE}: invalid snapshot: sections.credentialReport.data.rows[3].mfaActive: Invalid input: expected boolean, received string`,
    ],
    [
      'a misspelt section name',
      edited(
        [['sections', 'credentalReport'], { status: 'ok' }],
        [['sections', 'credentialReport'], undefined],
      ),
      `${FILE}: invalid snapshot: sections: unknown key "credentalReport"`,
    ],
    [
      'a misspelt field inside a row, reported as the field it lacks',
      edited(
        [['sections', 'credentialReport', 'data', 'rows', 1, 'mfa_active'], false],
        [['sections', 'credentialReport', 'data', 'rows', 1, 'mfaActive'], undefined],
      ),
      `${FILE}: invalid snapshot: sections.credentialReport.data.rows[1].mfaActive: Invalid input: expected boolean, received undefined`,
    ],
    [
      'a date that is not a date',
      edited([['collectedAt'], 'yesterday']),
      `${FILE}: invalid snapshot: collectedAt: not an ISO 8601 date`,
    ],
    [
      'a section status that does not exist',
      edited([['sections', 'authorizationDetails', 'status'], 'forbidden']),
      `${FILE}: invalid snapshot: sections.authorizationDetails.status: Invalid option: expected one of "ok"|"denied"|"error"|"skipped"`,
    ],
    [
      'a snapshot from a newer iamspect',
      edited([['schemaVersion'], 2], [['sections', 'someNewSection'], { status: 'ok', data: {} }]),
      `${FILE}: written by a newer iamspect (snapshot schemaVersion 2; this version reads 1); upgrade iamspect`,
    ],
    [
      'a file that is not a snapshot',
      '{"runs": []}',
      `${FILE}: not an iamspect snapshot (no schemaVersion field)`,
    ],
    ['a JSON array', '[1, 2]', `${FILE}: not an iamspect snapshot (expected a JSON object)`],
    [
      'JSON cut short',
      serializeSnapshot(snapshot).slice(0, 45),
      `${FILE}: line 4, column 10: snapshot file ends in the middle of the JSON (truncated?) (Unterminated string)`,
    ],
    [
      'invalid JSON',
      '{\n  "schemaVersion": 1,\n  "tool": {,\n}',
      `${FILE}: line 3, column 12: snapshot file is not valid JSON (Expected property name or '}')`,
    ],
    ['an empty file', '', `${FILE}: snapshot file is empty`],
  ])('reports %s', (_label, text, message) => {
    expect(inputErrorOf(() => parseSnapshot(text, FILE)).message).toBe(message);
  });
});

describe('what JSON.parse would accept silently', () => {
  it('a key given twice (a hand edit or a bad merge) names the file, line and key: the first value would be lost', () => {
    const lines = serializeSnapshot(snapshot).split('\n');
    const at = lines.findIndex((line) => line.includes('"accountId"'));
    lines.splice(at + 1, 0, lines[at]!.replace(/"[^"]*",?$/, '"999999999999",'));
    const message = inputErrorOf(() => parseSnapshot(lines.join('\n'), FILE)).message;
    expect(message).toBe(
      `${FILE}: line ${at + 2}, column 3: snapshot file has the key "accountId" twice in one object (JSON readers silently keep only the last)`,
    );
  });

  it('nesting 5,000 levels deep is refused naming the file and the limit, not a stack overflow', () => {
    const text = serializeSnapshot(snapshot).replace('{', `{"deep": ${'['.repeat(5000)}${']'.repeat(5000)},`);
    expect(inputErrorOf(() => parseSnapshot(text, FILE)).message).toMatch(
      /^snap\.json: line 1, column \d+: snapshot file is nested more than 512 levels deep, the most iamspect reads$/,
    );
  });
});

describe('readSnapshotFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iamspect-snapshot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a snapshot written by serializeSnapshot', () => {
    const path = join(dir, 'snap.json');
    writeFileSync(path, serializeSnapshot(snapshot));
    expect(readSnapshotFile(path)).toEqual(snapshot);
  });

  it('names a missing file and says how to make one', () => {
    const error = inputErrorOf(() => readSnapshotFile(join(dir, 'missing.json')));
    expect(error.message).toBe(`${join(dir, 'missing.json')}: snapshot file not found`);
    expect(error.hint).toBe('Write a snapshot with: iamspect collect -o snapshot.json');
  });
});
