import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerDiff, runDiff } from '../../src/commands/diff.js';
import { EXIT } from '../../src/engine.js';
import { InputError } from '../../src/errors.js';
import { renderJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { buildReport } from '../report/report-fixture.js';
import { useTempDir } from '../builders/temp-dir.js';
import { captureOutput } from '../builders/output.js';

const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
const dir = useTempDir('iamspect-diff-');

function save(name: string, report: Report): string {
  const path = join(dir(), name);
  writeFileSync(path, renderJson(report));
  return path;
}

/** Yesterday's report: bob (high) and the account-level finding (low) were not there yet. */
function yesterday(): Report {
  const report = buildReport();
  return { ...report, findings: report.findings.filter((f) => f.resource !== bob && f.severity !== 'low') };
}

function diff(older: Report, newer: Report, failOn: 'critical' | 'high' | 'low' | 'none' = 'high') {
  let output = '';
  const code = runDiff(
    save('old.json', older),
    save('new.json', newer),
    { format: 'table', failOn },
    (text) => {
      output += text;
    },
  );
  return { code, output };
}

describe('iamspect diff', () => {
  test.each([
    ['high', EXIT.findings],
    ['low', EXIT.findings],
    ['critical', EXIT.clean],
    ['none', EXIT.clean],
  ] as const)('a new high finding with --fail-on %s exits %i', (failOn, code) => {
    expect(diff(yesterday(), buildReport(), failOn).code).toBe(code);
  });

  test('no change exits 0 and says so', () => {
    const { code, output } = diff(buildReport(), buildReport());
    expect(code).toBe(EXIT.clean);
    expect(output).toContain('0 new (0 at or above high), 0 fixed');
  });

  test('only fixed findings exit 0', () => {
    expect(diff(buildReport(), yesterday()).code).toBe(EXIT.clean);
  });

  test('a new finding that is suppressed does not fail', () => {
    const suppressed = buildReport({
      suppressions: [{ rule: 'test-user-mfa', resource: bob, reason: 'accepted' }],
    });
    expect(diff(yesterday(), suppressed, 'low').code).toBe(EXIT.findings); // the new low one still counts
    expect(diff(yesterday(), suppressed, 'high').code).toBe(EXIT.clean);
  });

  test('a file that cannot be used is an input error (the CLI exits 2)', () => {
    const good = save('good.json', buildReport());
    expect(() =>
      runDiff(join(dir(), 'missing.json'), good, { format: 'table', failOn: 'high' }, () => {}),
    ).toThrow(InputError);
    const broken = join(dir(), 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1,');
    expect(() => runDiff(good, broken, { format: 'json', failOn: 'high' }, () => {})).toThrow(
      /broken\.json\b.*truncated/,
    );
  });

  test('registerDiff parses the arguments and flags and sets the exit code', async () => {
    const program = new Command().exitOverride();
    registerDiff(program);
    const older = save('a.json', yesterday());
    const newer = save('b.json', buildReport());
    const output = captureOutput();
    const previousExitCode = process.exitCode;
    try {
      await program.parseAsync(['diff', older, newer, '--format', 'markdown', '--fail-on', 'critical'], {
        from: 'user',
      });
      expect(process.exitCode).toBe(EXIT.clean);
    } finally {
      output.restore();
      process.exitCode = previousExitCode;
    }
    expect(output.stdout).toContain('## iamspect: what changed');
  });

  test('an unknown --format is refused by the argument parser', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
    registerDiff(program);
    await expect(
      program.parseAsync(['diff', 'a.json', 'b.json', '--format', 'xml'], { from: 'user' }),
    ).rejects.toThrow(/Allowed choices are table, markdown, json/);
  });
});
