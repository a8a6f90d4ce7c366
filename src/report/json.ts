// The JSON output: the Report object itself is the stable, versioned machine format (see
// report/model.ts). Baselines, diffs and merges read it back, so nothing is renamed or dropped here.
import type { Report } from './model.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
