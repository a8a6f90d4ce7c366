// Start-up cost of the CLI (issue 11): `iamspect --version` and `iamspect audit --demo`, each in a
// fresh node process as a user runs them, median of several runs. Neither needs the AWS SDK, so
// neither should pay for loading it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isMain, printMeasurements, timed } from './measure.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
const RUNS = 7;

async function medianMs(args: string[]): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { result, ms } = await timed(() =>
      spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] }),
    );
    // audit --demo exits 0 (the demo never fails on findings); anything else means it did not run.
    if (result.status !== 0)
      throw new Error(`iamspect ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

export async function main(): Promise<boolean> {
  return printMeasurements(`bench/collect-startup: median of ${RUNS} fresh processes`, [
    { label: 'iamspect --version', value: await medianMs(['--version']), unit: 'ms' },
    { label: 'iamspect audit --demo', value: await medianMs(['audit', '--demo']), unit: 'ms' },
  ]);
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
