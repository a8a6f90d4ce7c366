import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerDiff, runDiff } from '../../src/commands/diff.js';
import { EXIT } from '../../src/report/exit-code.js';
import { InputError } from '../../src/errors.js';
import { renderJson } from '../../src/report/json.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { ACCOUNT } from '../builders/snapshot.js';
import { buildReport } from '../report/report-fixture.js';
import { useTempDir } from '../builders/temp-dir.js';
import { captureOutput } from '../builders/output.js';

const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
const root = `arn:aws:iam::${ACCOUNT}:root`;

/** The report with the finding of `ruleId` on `resource` changed by `change`. */
function changed(
  report: Report,
  [ruleId, resource]: readonly [string, string],
  change: Partial<ReportFinding>,
): Report {
  return {
    ...report,
    findings: report.findings.map((f) =>
      f.ruleId === ruleId && f.resource === resource ? { ...f, ...change } : f,
    ),
  };
}
const bobWithoutMfa = ['test-user-mfa', bob] as const;
const rootKey = ['test-root-key', root] as const;
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

  // --fail-on critical; the row's finding changes severity from one report to the next.
  test.each([
    [
      'raised to the gate is newly failing: exit 1',
      bobWithoutMfa,
      'critical',
      EXIT.findings,
      '1 newly failing',
      /\nNewly failing, now at or above critical \(1\):\n {2}high → critical +123456789012 +test-user-mfa +arn:aws:iam::123456789012:user\/bob +User bob .*\(severity raised\)\n/,
    ],
    [
      'lowered below the gate is no longer failing: exit 0',
      rootKey,
      'high',
      EXIT.clean,
      '1 no longer failing',
      /\nNo longer failing, now below critical \(1\):\n {2}critical → high +123456789012 +test-root-key +arn:aws:iam::123456789012:root .*\(severity lowered\)\n/,
    ],
  ] as const)('an existing finding %s, listed so', (_case, finding, severity, code, count, listing) => {
    const run = diff(buildReport(), changed(buildReport(), finding, { severity }), 'critical');
    expect(run.code).toBe(code);
    expect(run.output).toContain(`0 new (0 at or above critical), 0 fixed, 1 severity changed`);
    expect(run.output).toContain(`, ${count}\n`);
    expect(run.output).toMatch(listing);
  });

  test('an existing finding whose suppression ended counts again: newly failing, exit 1', () => {
    const suppressed = changed(buildReport(), bobWithoutMfa, {
      suppressed: { reason: 'accepted', resource: bob },
    });
    const { code, output } = diff(suppressed, buildReport(), 'high');
    expect(code).toBe(EXIT.findings);
    expect(output).toMatch(
      /\nNewly failing, now at or above high \(1\):\n {2}high .*user\/bob .*\(suppression ended\)\n/,
    );
  });

  test('json and markdown count a newly failing finding in the gate', () => {
    const older = save('old.json', buildReport());
    const newer = save('new.json', changed(buildReport(), bobWithoutMfa, { severity: 'critical' }));
    let json = '';
    runDiff(older, newer, { format: 'json', failOn: 'critical' }, (text) => (json += text));
    const parsed = JSON.parse(json) as {
      failing: number;
      newlyFailing: ReportFinding[];
      noLongerFailing: [];
    };
    expect(parsed.failing).toBe(1);
    expect(parsed.newlyFailing.map((f) => [f.resource, f.severity])).toEqual([[bob, 'critical']]);
    expect(parsed.noLongerFailing).toEqual([]);
    let markdown = '';
    runDiff(older, newer, { format: 'markdown', failOn: 'critical' }, (text) => (markdown += text));
    expect(markdown).toContain('**❌ 1 finding newly at or above critical.**');
    expect(markdown).toContain('### Newly failing, now at or above critical (1)');
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
