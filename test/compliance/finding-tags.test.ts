// Without --framework too, a finding carries a control id only while its rule is as strict as the
// benchmark asks: the demo's unused keys, audited with maxUnusedDays 90, no longer claim CIS 2.11.
import { afterAll } from '@jest/globals';
import { join } from 'node:path';
import { runCli } from '../cli-harness.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterAll(removeTempDirs);

interface JsonFinding {
  ruleId: string;
  frameworks: Record<string, string[]>;
}

async function demoFindings(config: string): Promise<{ findings: JsonFinding[]; rules: JsonFinding[] }> {
  const dir = tempDirWith({ 'iamspect.yml': config });
  const result = await runCli(['audit', '--demo', '--format', 'json', '--config', join(dir, 'iamspect.yml')]);
  const report = JSON.parse(result.stdout) as {
    findings: JsonFinding[];
    rules: Array<{ id: string } & JsonFinding>;
  };
  return { findings: report.findings, rules: report.rules.map((rule) => ({ ...rule, ruleId: rule.id })) };
}

const unusedKeyConfig = (days: number) =>
  `rules:\n  user-unused-access-key:\n    options:\n      maxUnusedDays: ${days}\n`;

describe('control tags on findings follow the options', () => {
  test('at the benchmark value (45 days) the findings claim CIS 2.11 and IAM.22', async () => {
    const { findings } = await demoFindings(unusedKeyConfig(45));
    const unused = findings.filter((finding) => finding.ruleId === 'user-unused-access-key');
    expect(unused.length).toBeGreaterThan(0);
    for (const finding of unused) {
      expect(finding.frameworks['cis-aws-7.0']).toEqual(['2.11']);
      expect(finding.frameworks['aws-security-hub']).toEqual(['IAM.22', 'IAM.8']);
    }
  });

  test('loosened to 90 days they keep only IAM.8 (FSBP asks 90), in findings and in the rule list', async () => {
    const { findings, rules } = await demoFindings(unusedKeyConfig(90));
    const unused = findings.filter((finding) => finding.ruleId === 'user-unused-access-key');
    expect(unused.length).toBeGreaterThan(0);
    for (const finding of [...unused, ...rules.filter((rule) => rule.ruleId === 'user-unused-access-key')]) {
      expect(finding.frameworks).toEqual({ 'aws-security-hub': ['IAM.8'] });
    }
  });
});
