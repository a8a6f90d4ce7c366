// The output format registry. Every reporter is a pure function of the Report and a small render
// context; the CLI picks one by name and writes the string it returns. Adding a format is one entry
// in `renderers`: OUTPUT_FORMATS and OutputFormat follow from it.
import { InputError } from '../errors.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson, writeJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './model.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif, writeSarif } from './sarif.js';
import { renderTable } from './table.js';

export interface RenderContext {
  /** ANSI colour (the CLI sets it for a TTY with NO_COLOR unset). */
  color: boolean;
  /** List suppressed findings in human-readable formats (machine formats always keep them). */
  showSuppressed: boolean;
  /** File SARIF results point at when a finding has no source location (--sarif-anchor). */
  sarifAnchor: string;
  /** Directory SARIF artifact paths are made relative to (the repository checkout in CI). */
  cwd: string;
  /** Terminal width in columns for the table (see terminalWidth); DEFAULT_TABLE_WIDTH when unknown. */
  width?: number;
}

export type Renderer = (report: Report, context: RenderContext) => string;

const renderers = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  markdown: renderMarkdown,
  junit: renderJunit,
  csv: renderCsv,
  html: renderHtml,
  ocsf: renderOcsf,
} satisfies Record<string, Renderer>;

export type OutputFormat = keyof typeof renderers;

export const OUTPUT_FORMATS = Object.keys(renderers) as OutputFormat[];

export function isOutputFormat(value: string): value is OutputFormat {
  return Object.hasOwn(renderers, value);
}

/** Validates a format name given on the command line, e.g. parseOutputFormat(value, '--format'). */
export function parseOutputFormat(value: string, flag: string): OutputFormat {
  if (isOutputFormat(value)) return value;
  throw new InputError(
    `${flag}: unknown output format "${value}"`,
    `Use one of: ${OUTPUT_FORMATS.join(', ')}.`,
  );
}

export function renderReport(format: OutputFormat, report: Report, context: RenderContext): string {
  return renderers[format](report, context);
}

/**
 * Writes a report piece by piece (to a file as it goes). JSON and SARIF, the formats that grow to
 * tens of megabytes in a large account, are streamed; the others are written whole.
 */
export function writeReport(
  format: OutputFormat,
  report: Report,
  context: RenderContext,
  write: (chunk: string) => void,
): void {
  if (format === 'json') writeJson(report, write);
  else if (format === 'sarif') writeSarif(report, context, write);
  else write(renderReport(format, report, context));
}
