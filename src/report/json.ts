// The JSON output: the Report object itself is the stable, versioned machine format (see
// report/model.ts). Baselines, diffs and merges read it back, so nothing is renamed or dropped here.
import type { Report } from './model.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes exactly what renderJson returns, piece by piece: the report's arrays element by element,
 * so a large account's report never exists as one string (it is written to a file as it goes).
 */
export function writeJson(report: Report, write: (chunk: string) => void): void {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined);
  write('{');
  entries.forEach(([key, value], index) => {
    write(`${index > 0 ? ',' : ''}\n  ${JSON.stringify(key)}: `);
    if (Array.isArray(value) && value.length > 0) {
      write('[');
      value.forEach((item, position) =>
        write(`${position > 0 ? ',' : ''}\n    ${indented(JSON.stringify(item, null, 2), '    ')}`),
      );
      write('\n  ]');
    } else {
      write(indented(JSON.stringify(value, null, 2), '  '));
    }
  });
  write('\n}\n');
}

/** Indents every line but the first, as JSON.stringify does for a nested value. */
function indented(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}
