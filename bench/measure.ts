// Shared by the benchmarks: timing, peak memory and a uniform printout with the target.
import { performance } from 'node:perf_hooks';

export interface Measurement {
  label: string;
  value: number;
  unit: 'ms' | 'MB' | 'requests' | 'count';
  /** Upper bound the issue sets; undefined for figures reported for information. */
  target?: number;
}

export async function timed<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** Peak resident set size of this process so far, in MB (maxRSS is reported in KiB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function printMeasurements(title: string, measurements: Measurement[]): boolean {
  console.log(`\n${title}  (node ${process.version}, ${process.platform}/${process.arch})`);
  let allMet = true;
  for (const m of measurements) {
    const value =
      m.unit === 'ms' || m.unit === 'MB' ? m.value.toFixed(m.unit === 'ms' ? 0 : 1) : String(m.value);
    let verdict = '';
    if (m.target !== undefined) {
      const met = m.value <= m.target;
      allMet &&= met;
      verdict = `  (target <= ${m.target} ${m.unit}: ${met ? 'met' : 'MISSED'})`;
    }
    console.log(`  ${m.label.padEnd(44)} ${value.padStart(9)} ${m.unit}${verdict}`);
  }
  return allMet;
}

/** True when this module is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return Boolean(script) && moduleUrl === new URL(`file://${script}`).href;
}
