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
});
