// Every human format shows the control summary first; JUnit has a test case per control.
import { runCli } from '../cli-harness.js';

const framework = ['--framework', 'cis-aws-7.0'];

async function demo(format: string): Promise<string> {
  const result = await runCli(['audit', '--demo', ...framework, '--format', format]);
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('compliance section in each output', () => {
  test('table: the counts and a line per control come before the findings', async () => {
    const text = await demo('table');
    const heading =
      'CIS Amazon Web Services Foundations Benchmark v7.0.0 (cis-aws-7.0): 30 controls: 2 pass, 22 fail, 2 manual, 4 not applicable';
    expect(text.startsWith(heading)).toBe(true);
    expect(text).toMatch(/^2\.4 +fail +Ensure no 'root' user account access key exists \(1 finding\)$/m);
    expect(text.indexOf('2.16')).toBeLessThan(text.indexOf('Account 493812605177'));
  });

  test('markdown: a section with a row per control, before the findings', async () => {
    const text = await demo('markdown');
    expect(text).toContain('30 controls: 2 pass, 22 fail, 2 manual, 4 not applicable');
    expect(text).toContain("| 2.4 | fail | 1 | Ensure no 'root' user account access key exists |  |");
    expect(text.indexOf('| Control | Status |')).toBeLessThan(text.indexOf('### Findings'));
  });

  test('html: a bar per status and the control table, with nothing fetched from elsewhere', async () => {
    const html = await demo('html');
    expect(html).toContain('id="compliance-cis-aws-7.0"');
    expect(html).toMatch(/<rect class="bar bar-fail"/);
    expect(html).toMatch(/<rect class="bar bar-pass"/);
    expect(html.indexOf('id="compliance-cis-aws-7.0"')).toBeLessThan(html.indexOf('id="findings"'));
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  test('junit: one test case per control, in a suite of its own', async () => {
    const xml = await demo('junit');
    expect(xml).toContain(
      '<testsuite name="compliance.cis-aws-7.0" tests="30" failures="22" errors="0" skipped="6"',
    );
    expect(xml.match(/classname="iamspect\.compliance\.cis-aws-7\.0"/g)).toHaveLength(30);
  });

  test('sarif and csv do not change with a framework', async () => {
    for (const format of ['sarif', 'csv']) {
      const plain = await runCli(['audit', '--demo', '--format', format]);
      const withFramework = await runCli(['audit', '--demo', ...framework, '--format', format]);
      const stable = (text: string) => text.replace(/"(generatedAt|startTimeUtc|endTimeUtc)": ?"[^"]*"/g, '');
      expect(stable(withFramework.stdout)).toBe(stable(plain.stdout));
    }
  });
});
