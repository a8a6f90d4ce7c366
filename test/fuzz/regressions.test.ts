// Defects the fuzz suite found, each reduced to the one edit that showed it, through the real CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli-harness.js';
import { useTempDir } from '../builders/temp-dir.js';
import { copyDemoOutputs } from './demo-outputs.js';

const dir = useTempDir('iamspect-fuzz-regression-');

/** A copy of the demo's AWS CLI outputs with `file` rewritten by `edit`. */
function demoOutputsWith(file: string, edit: (json: Record<string, unknown>) => void): string {
  copyDemoOutputs(dir());
  const json = JSON.parse(readFileSync(join(dir(), file), 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(join(dir(), file), JSON.stringify(json));
  return dir();
}

describe('defects found by fuzzing', () => {
  it('refuses an epoch-seconds time outside the dates JavaScript can hold, naming the file and field', async () => {
    // AWS CLI v1 writes JSON-protocol times as epoch seconds; 1e308 seconds is no date at all.
    const outputs = demoOutputsWith('describe-delivery-channel-status.eu-west-1.json', (json) => {
      const [status] = json.DeliveryChannelsStatus as Array<{
        configHistoryDeliveryInfo: Record<string, unknown>;
      }>;
      status!.configHistoryDeliveryInfo.lastAttemptTime = 1e308;
    });
    const { code, stderr } = await runCli(['audit', '--aws-cli-dir', outputs, '--format', 'csv']);
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /describe-delivery-channel-status\.eu-west-1\.json: .*lastAttemptTime.*not a timestamp/,
    );
  });

  it('does not judge a principal on a policy version whose Statement was garbled to null', async () => {
    const outputs = demoOutputsWith('get-account-authorization-details.json', (json) => {
      const policies = json.Policies as Array<{
        PolicyName: string;
        PolicyVersionList: Array<{ IsDefaultVersion: boolean; Document: { Statement: unknown } }>;
      }>;
      const admin = policies.find((policy) => policy.PolicyName === 'AdministratorAccess')!;
      admin.PolicyVersionList.find((version) => version.IsDefaultVersion)!.Document.Statement = null;
    });
    const { code, stdout } = await runCli([
      'audit',
      '--aws-cli-dir',
      outputs,
      '--fail-on',
      'none',
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout) as { notEvaluated: Array<{ ruleId: string; reason: string }> };
    expect(code).toBe(3);
    expect(report.notEvaluated).toContainEqual(
      expect.objectContaining({
        ruleId: 'principal-full-admin',
        reason: expect.stringMatching(
          /AdministratorAccess .*not a valid IAM policy: Statement\[0\] is not an object/,
        ),
      }),
    );
  });
});
