import { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuppressFlags } from '../../src/commands/suppress.js';
import { registerSuppress, runSuppress } from '../../src/commands/suppress.js';
import { loadConfig } from '../../src/config.js';
import { inputErrorOf } from '../builders/errors.js';
import { useTempDir } from '../builders/temp-dir.js';
import { captureOutput } from '../builders/output.js';

const TODAY = new Date('2026-06-15T12:00:00Z');
const flags: SuppressFlags = {
  rule: 'user-console-without-mfa',
  resource: 'arn:aws:iam::123456789012:user/breakglass',
  reason: 'Break-glass user; MFA token in the safe (SEC-12)',
  expires: '2026-12-31',
};

const dir = useTempDir('iamspect-suppress-');

const configPath = () => join(dir(), '.iamspect.yml');

describe('iamspect suppress', () => {
  test('creates .iamspect.yml with the suppression when there is none', () => {
    const result = runSuppress(flags, dir(), TODAY);
    expect(result).toMatchObject({ file: '.iamspect.yml', created: true });
    expect(loadConfig(undefined, dir()).config.suppressions).toEqual([
      {
        rule: 'user-console-without-mfa',
        resource: flags.resource,
        reason: flags.reason,
        expires: '2026-12-31',
      },
    ]);
  });

  test('appends to an existing file given with --config, keeping its comments', () => {
    const path = join(dir(), 'audit.yml');
    writeFileSync(path, '# owned by the security team\nfailOn: medium # strict\n');
    const result = runSuppress({ ...flags, config: 'audit.yml', expires: undefined }, dir(), TODAY);
    expect(result.created).toBe(false);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# owned by the security team\nfailOn: medium # strict\n')).toBe(true);
    expect(loadConfig('audit.yml', dir()).config.suppressions).toHaveLength(1);
    expect(text).not.toContain('expires');
  });

  test.each([
    [{ rule: 'no-such-rule' }, '--rule: unknown rule id "no-such-rule"'],
    [{ resource: 'alice' }, '--resource: "alice" is not an ARN, so it would never match a finding'],
    [{ reason: '   ' }, '--reason: a reason is required'],
    [{ expires: '31/12/2026' }, '--expires: must be a date written YYYY-MM-DD'],
    [{ expires: '2026-02-30' }, '--expires: is not a real calendar date'],
    [{ expires: '2026-06-14' }, '--expires: 2026-06-14 is in the past, so the suppression would never apply'],
  ])('refuses %j: %s', (change, message) => {
    expect(inputErrorOf(() => runSuppress({ ...flags, ...change }, dir(), TODAY)).message).toBe(message);
    expect(existsSync(configPath())).toBe(false);
  });

  test('expiring today is allowed: the expiry day itself still applies', () => {
    expect(runSuppress({ ...flags, expires: '2026-06-15' }, dir(), TODAY).suppression.expires).toBe(
      '2026-06-15',
    );
  });

  test('refuses an exact duplicate and leaves the file as it was', () => {
    runSuppress(flags, dir(), TODAY);
    const before = readFileSync(configPath(), 'utf8');
    const error = inputErrorOf(() => runSuppress(flags, dir(), TODAY));
    expect(error.message).toBe(
      `.iamspect.yml: suppressions[0] already suppresses user-console-without-mfa for ${flags.resource} (until 2026-12-31)`,
    );
    expect(readFileSync(configPath(), 'utf8')).toBe(before);
  });

  // A second entry without an expiry would keep the finding suppressed after the first one's date.
  test.each([
    ['without an expiry', { reason: 'again', expires: undefined }],
    ['with another expiry', { reason: 'again', expires: '2027-06-30' }],
  ])('refuses a second entry for the same rule and resource %s, naming the existing one', (_case, change) => {
    const admin = 'arn:aws:iam::493812605177:user/admin';
    const text = [
      'suppressions:',
      '  - rule: root-hardware-mfa',
      '    resource: arn:aws:iam::493812605177:root',
      '    reason: hardware token on order',
      '  - rule: user-shared-credentials',
      `    resource: ${admin}`,
      '    reason: x',
      '    expires: 2026-12-31',
      '',
    ].join('\n');
    writeFileSync(configPath(), text);
    const error = inputErrorOf(() =>
      runSuppress({ ...flags, rule: 'user-shared-credentials', resource: admin, ...change }, dir(), TODAY),
    );
    expect(error.message).toBe(
      `.iamspect.yml: suppressions[1] already suppresses user-shared-credentials for ${admin} (until 2026-12-31)`,
    );
    expect(error.hint).toContain('edit that entry in the file');
    expect(readFileSync(configPath(), 'utf8')).toBe(text);
  });

  test('the same rule for another resource is a second entry', () => {
    runSuppress(flags, dir(), TODAY);
    runSuppress({ ...flags, resource: 'arn:aws:iam::123456789012:user/other' }, dir(), TODAY);
    expect(loadConfig(undefined, dir()).config.suppressions).toHaveLength(2);
  });

  test('an invalid config file is reported as it is and not touched', () => {
    writeFileSync(configPath(), 'failOn: sometimes\n');
    expect(inputErrorOf(() => runSuppress(flags, dir(), TODAY)).message).toMatch(
      /^\.iamspect\.yml: failOn: /,
    );
    expect(readFileSync(configPath(), 'utf8')).toBe('failOn: sometimes\n');
  });

  test('the command prints what it did and suggests an expiry when there is none', async () => {
    const program = new Command().exitOverride();
    registerSuppress(program);
    const output = captureOutput();
    const config = join(dir(), 'new.yml');
    try {
      await program.parseAsync(
        [
          'suppress',
          '--rule',
          flags.rule,
          '--resource',
          flags.resource,
          '--reason',
          flags.reason,
          '--config',
          config,
        ],
        { from: 'user' },
      );
    } finally {
      output.restore();
    }
    expect(output.stdout).toContain(
      `Created ${config}: findings of user-console-without-mfa for ${flags.resource} are suppressed.`,
    );
    expect(output.stdout).toContain('Tip: add --expires YYYY-MM-DD');
    expect(existsSync(config)).toBe(true);
  });
});
