import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_MAX_ALIAS_COUNT, loadConfig, parseConfig } from '../src/config.js';
import { InputError } from '../src/errors.js';
import { inputErrorOf } from './builders/errors.js';
import { runCli } from './cli-harness.js';

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

describe('YAML the config file must not hold', () => {
  const file = '.iamspect.yml';
  const messageFor = (text: string) => inputErrorOf(() => parseConfig(text, file)).message;

  test.each([
    ['__proto__', 'rules:\n  __proto__:\n    enabled: false\n', 2],
    ['constructor', 'rules:\n  root-mfa:\n    options:\n      constructor: 1\n', 4],
    ['prototype', 'suppressions:\n  - {rule: root-mfa, resource: "*", reason: x, prototype: y}\n', 2],
  ])('a %s key, anywhere: it would reach JavaScript object internals, not a setting', (key, text, line) => {
    expect(messageFor(text)).toBe(
      `${file}:${line}: key "${key}" is not allowed (it names JavaScript object internals, not a setting)`,
    );
  });

  test('a tag (!Ref copied from a template): the value would be read as if the tag were not there', () => {
    expect(messageFor('# gate\nfailOn: !Ref high\n')).toBe(
      `${file}:2: unknown tag !Ref; a config file holds plain values, without tags`,
    );
  });

  test('an alias bomb is refused naming the file and the limit, not an internal error', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, level) => {
        const [name, previous] = [String.fromCharCode(98 + level), String.fromCharCode(97 + level)];
        return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
      }),
    ].join('\n');
    expect(messageFor(bomb)).toBe(
      `${file}: its YAML aliases (*name) expand past the limit of ${CONFIG_MAX_ALIAS_COUNT}; write the values out instead`,
    );
  });

  test.each([
    [
      'two documents',
      'failOn: high\n---\nfailOn: low\n',
      `${file}:2: not valid YAML: a config file holds one YAML document, but a second one starts at line 2; remove the --- separator`,
    ],
    [
      'a key given twice',
      'failOn: high\nrules: {}\nfailOn: low\n',
      `${file}:3: not valid YAML: key "failOn" appears twice in one map (map keys must be unique; which value counts would be unclear)`,
    ],
    [
      'items of one map at different columns',
      'rules:\n    root-mfa: {}\n  user-mfa: {}\n',
      `${file}:3: not valid YAML: wrong indentation: the items of one map or list must start in the same column`,
    ],
  ])('%s: said in our words, not the YAML library’s', (_case, text, message) => {
    expect(messageFor(text)).toBe(message);
  });

  test('through the CLI, an alias bomb is exit 2 naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamspect-config-'));
    const path = join(dir, 'bomb.yml');
    const nine = (alias: string) => Array(9).fill(alias).join(', ');
    writeFileSync(
      path,
      `a: &a [${nine('x')}]\nb: &b [${nine('*a')}]\nc: &c [${nine('*b')}]\nd: [${nine('*c')}]\n`,
    );
    const result = await runCli(['audit', '--demo', '--config', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${path}: its YAML aliases (*name) expand past the limit of ${CONFIG_MAX_ALIAS_COUNT}`,
    );
  });
});
