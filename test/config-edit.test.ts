import { appendSuppression } from '../src/config-edit.js';
import type { Suppression } from '../src/config.js';
import { parseConfig } from '../src/config.js';

const entry: Suppression = {
  rule: 'user-unused-access-key',
  resource: 'arn:aws:iam::123456789012:user/backup-agent',
  reason: 'Restore test: key used quarterly',
  expires: '2026-12-31',
};

function suppressionsOf(text: string): Suppression[] {
  return parseConfig(text, 'test.yml').suppressions ?? [];
}

describe('appendSuppression', () => {
  test('appends to the end of the list in its own indentation, keeping every other byte', () => {
    const text = [
      '# iamspect config for prod',
      'failOn: medium   # gate on medium',
      '',
      'rules:',
      '    user-unused-access-key:',
      '        options: { maxUnusedDays: 60 }',
      '',
      'suppressions:',
      '    # the break-glass user',
      '    -   rule: user-console-without-mfa',
      "        resource: 'arn:aws:iam::123456789012:user/breakglass'",
      '        reason: >-',
      '            Break glass; token in the safe',
      '        expires: 2026-09-30 # review',
      '',
      '# end of file',
      '',
    ].join('\n');
    const insertAt = text.indexOf('\n# end of file');
    const added = [
      '    -   rule: user-unused-access-key',
      '        resource: arn:aws:iam::123456789012:user/backup-agent',
      '        reason: "Restore test: key used quarterly"',
      '        expires: 2026-12-31',
      '',
    ].join('\n');
    const result = appendSuppression(text, entry);
    expect(result).toBe(`${text.slice(0, insertAt)}${added}${text.slice(insertAt)}`);
    expect(suppressionsOf(result).at(-1)).toEqual(entry);
    expect(suppressionsOf(result)).toHaveLength(2);
  });

  test('a list written without indentation under its key stays that way', () => {
    const text =
      'suppressions:\n- rule: root-mfa\n  resource: arn:aws:iam::123456789012:root\n  reason: GovCloud\n';
    const result = appendSuppression(text, entry);
    expect(result).toBe(
      `${text}- rule: user-unused-access-key\n  resource: arn:aws:iam::123456789012:user/backup-agent\n  reason: "Restore test: key used quarterly"\n  expires: 2026-12-31\n`,
    );
  });

  test('a file without a final newline gets one before the entry', () => {
    const text =
      'suppressions:\n  - rule: root-mfa\n    resource: arn:aws:iam::123456789012:root\n    reason: GovCloud';
    const result = appendSuppression(text, entry);
    expect(result.startsWith(`${text}\n  - rule: user-unused-access-key\n`)).toBe(true);
    expect(suppressionsOf(result)).toHaveLength(2);
  });

  test('adds a suppressions list at the end when there is none', () => {
    const text = '# config\nfailOn: high\n';
    expect(appendSuppression(text, entry)).toBe(
      '# config\nfailOn: high\n\nsuppressions:\n  - rule: user-unused-access-key\n    resource: arn:aws:iam::123456789012:user/backup-agent\n    reason: "Restore test: key used quarterly"\n    expires: 2026-12-31\n',
    );
  });

  test('a new (empty) file gets just the list', () => {
    expect(appendSuppression('', entry)).toMatch(/^suppressions:\n {2}- rule: user-unused-access-key\n/);
  });

  test.each([
    [
      'an empty flow list',
      'suppressions: []\nfailOn: high\n',
      'suppressions:\n  - rule: user-unused-access-key\n',
    ],
    ['an empty value', 'suppressions:\nfailOn: high\n', 'suppressions:\n  - rule: user-unused-access-key\n'],
    [
      'an empty value with a comment',
      'suppressions: # none yet\n\nfailOn: high\n',
      'suppressions: # none yet\n  - rule:',
    ],
  ])('%s becomes a block list', (_case, text, expected) => {
    const result = appendSuppression(text, entry);
    expect(result).toContain(expected);
    expect(result).toContain('failOn: high');
    expect(suppressionsOf(result)).toEqual([entry]);
  });

  test('a flow list with entries keeps them, now as a block list', () => {
    const text = 'suppressions: [{ rule: root-mfa, resource: "arn:aws:iam::1:root", reason: r }]\n';
    expect(suppressionsOf(appendSuppression(text, entry))).toEqual([
      { rule: 'root-mfa', resource: 'arn:aws:iam::1:root', reason: 'r' },
      entry,
    ]);
  });

  test('CRLF files stay CRLF', () => {
    const text =
      'suppressions:\r\n  - rule: root-mfa\r\n    resource: arn:aws:iam::1:root\r\n    reason: r\r\n';
    const result = appendSuppression(text, entry);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
    expect(suppressionsOf(result)).toHaveLength(2);
  });

  test('values YAML would misread are quoted', () => {
    const tricky: Suppression = {
      rule: 'user-unused-access-key',
      resource: '*:user/ops-*',
      reason: 'yes: "quoted" # not a comment\nsecond line',
    };
    const result = appendSuppression('suppressions:\n', tricky);
    expect(suppressionsOf(result)).toEqual([tricky]);
  });

  test('a flow mapping document is rewritten through the Document API', () => {
    expect(suppressionsOf(appendSuppression('{ failOn: low }\n', entry))).toEqual([entry]);
  });
});
