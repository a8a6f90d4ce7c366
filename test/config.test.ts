import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../src/config.js';
import { InputError } from '../src/errors.js';

describe('config file', () => {
  test('a full config parses', () => {
    const config = parseConfig(
      [
        '# gate on medium in this repo',
        'failOn: medium',
        'rules:',
        '  user-unused-access-key:',
        '    options: { maxUnusedDays: 30 }',
        '  user-virtual-mfa: { enabled: true, severity: low }',
        'suppressions:',
        '  - rule: user-shared-credentials',
        '    resource: arn:aws:iam::123456789012:user/admin',
        '    reason: break-glass account, password in the safe',
        '    expires: 2026-12-31',
      ].join('\n'),
      '.iamspect.yml',
    );
    expect(config.failOn).toBe('medium');
    expect(config.suppressions?.[0]?.expires).toBe('2026-12-31');
  });

  test('an empty file is an empty config', () => {
    expect(parseConfig('', '.iamspect.yml')).toEqual({});
  });

  test.each([
    ['failon: high', /\.iamspect\.yml: unknown key "failon"/],
    ['rules:\n  root-mfa:\n    enable: false', /rules\.root-mfa: unknown key "enable"/],
    ['failOn: severe', /failOn: /],
    ['suppressions:\n  - rule: root-mfa\n    resource: "*"', /suppressions\[0\]\.reason/],
    [
      'suppressions:\n  - rule: root-mfa\n    resource: "*"\n    reason: "  "',
      /suppressions\[0\]\.reason: a reason is required/,
    ],
    [
      'suppressions:\n  - { rule: root-mfa, resource: "*", reason: x, expires: 31/12/2026 }',
      /suppressions\[0\]\.expires: must be a date/,
    ],
    [
      'suppressions:\n  - { rule: root-mfa, resource: "*", reason: x, expires: 2026-02-30 }',
      /suppressions\[0\]\.expires: is not a real calendar date/,
    ],
    [
      'suppressions:\n  - { rule: root-mfa, resource: "*", reason: x, note: y }',
      /suppressions\[0\]: unknown key "note"/,
    ],
    ['rules: [\n', /\.iamspect\.yml:\d+: not valid YAML/],
  ])('%j is rejected with a message naming the field', (text, message) => {
    expect(() => parseConfig(text, '.iamspect.yml')).toThrow(InputError);
    expect(() => parseConfig(text, '.iamspect.yml')).toThrow(message);
  });

  test('--config names a file that must exist; the default file is optional', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamspect-config-'));
    expect(() => loadConfig('missing.yml', dir)).toThrow(/missing\.yml: config file not found/);
    expect(loadConfig(undefined, dir)).toEqual({ config: {} });
    writeFileSync(join(dir, '.iamspect.yml'), 'failOn: low\n');
    expect(loadConfig(undefined, dir)).toEqual({
      config: { failOn: 'low' },
      path: join(dir, '.iamspect.yml'),
    });
  });
});

describe('suppression entries that could never match are rejected up front', () => {
  test.each([
    ['resource: admin', /suppressions\[0\]\.resource: must be an ARN or a glob/],
    ['resource: user/admin', /suppressions\[0\]\.resource: must be an ARN or a glob/],
  ])('%s', (line, message) => {
    const text = `suppressions:\n  - rule: root-mfa\n    ${line}\n    reason: accepted\n`;
    expect(() => parseConfig(text, '.iamspect.yml')).toThrow(message);
  });

  test.each(['arn:aws:iam::123456789012:user/admin', '"*"', '"*admin"'])('%s is accepted', (resource) => {
    const text = `suppressions:\n  - rule: root-mfa\n    resource: ${resource}\n    reason: accepted\n`;
    expect(parseConfig(text, '.iamspect.yml').suppressions).toHaveLength(1);
  });

  test('a missing reason says a reason is required', () => {
    expect(() =>
      parseConfig('suppressions:\n  - { rule: root-mfa, resource: "*" }\n', '.iamspect.yml'),
    ).toThrow(/suppressions\[0\]\.reason: a reason is required/);
  });
});
