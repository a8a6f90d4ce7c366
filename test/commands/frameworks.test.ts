// `iamspect frameworks`: every framework with its control counts, as a table and as JSON, and one
// framework's controls with --controls.
import { runCli } from '../cli-harness.js';
import { BENCHMARK_IDS } from '../compliance/benchmark-ids.js';

describe('iamspect frameworks', () => {
  test('JSON lists each framework with its controls, how many rules check and how many are manual', async () => {
    const result = await runCli(['frameworks', '--format', 'json']);
    expect(result.code).toBe(0);
    const frameworks = JSON.parse(result.stdout) as Array<{
      id: string;
      controls: number;
      checked: number;
      manual: number;
    }>;
    expect(frameworks.map((framework) => framework.id)).toEqual(Object.keys(BENCHMARK_IDS));
    for (const framework of frameworks) {
      expect(framework.controls).toBe(BENCHMARK_IDS[framework.id]!.length);
      expect(framework.checked + framework.manual).toBe(framework.controls);
    }
    expect(frameworks.find((framework) => framework.id === 'cis-aws-7.0')).toMatchObject({
      controls: 30,
      checked: 28,
      manual: 2,
    });
  });

  test('the table names every framework with its counts', async () => {
    const result = await runCli(['frameworks']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /cis-aws-7\.0 +│ CIS Amazon Web Services Foundations Benchmark +│ 30 +│ 28 +│ 2/,
    );
    expect(result.stdout).toContain('aws-fsbp');
  });

  test("--controls lists one framework's controls with their rules and option limits", async () => {
    const result = await runCli(['frameworks', '--controls', 'cis-aws-7.0', '--format', 'json']);
    const controls = JSON.parse(result.stdout) as Array<{ id: string; rules: string[]; limits: unknown[] }>;
    expect(controls.map((control) => control.id)).toEqual(BENCHMARK_IDS['cis-aws-7.0']);
    expect(controls.find((control) => control.id === '2.11')!.limits).toHaveLength(2);
  });

  test('--controls with an unknown framework is a usage error', async () => {
    const result = await runCli(['frameworks', '--controls', 'nist']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--controls nist: unknown framework');
  });
});
