// Reads template files and turns each CloudFormation template into a snapshot. One unreadable or
// broken file never stops the others: it is reported with its line, and the caller decides what
// the run amounts to (exit 3 when some file failed, 2 when nothing could be scanned).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot } from '../snapshot/schema.js';
import { templateInputs } from './files.js';
import type { TemplateInput } from './files.js';
import { TemplateSyntaxError, parseTemplateText } from './parse.js';
import type { Template } from './template.js';
import { readTemplate } from './template.js';
import { usesSam } from './sam/expand.js';
import { field } from './tree.js';
import type { TemplateNode } from './tree.js';
import { isTerraformJson, readTerraform } from './terraform/plan.js';
import { templateSnapshot } from './to-snapshot.js';

export interface TemplateFailure {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** What a template file holds, as the report's `files` name it. */
export type TemplateFormat = 'cloudformation' | 'sam' | 'terraform-plan' | 'terraform-state';

/** What became of one file: a template's snapshot, a failure, or a file that is not a template. */
export type ScannedFile =
  /** `notAnalysed`: parts of the template that could not be judged (the run is then incomplete). */
  | { kind: 'template'; format: TemplateFormat; snapshot: Snapshot; notAnalysed: TemplateFailure[] }
  | { kind: 'failure'; failure: TemplateFailure }
  /** Read fine, but not a CloudFormation template (no Resources with an AWS:: type). */
  | { kind: 'not-template'; file: string };

export interface ScanOptions {
  /** Paths are resolved, and reported, relative to it. Default: process.cwd(). */
  cwd?: string;
  /** The snapshots' collectedAt. Default: now. */
  now?: Date;
  /** The account the templates are deployed to (AWS::AccountId). Default: the placeholder account. */
  accountId?: string;
  /** Where the .tf files of a Terraform plan's root module are (default: beside the plan). */
  tfDir?: string;
  /** How a template read from `-` is named in reports. */
  stdinName?: string;
  readStdin?: () => string;
}

/** A plan has planned_values; a state (`terraform show -json` of a state file) has values. */
function formatOf(root: TemplateNode): TemplateFormat {
  if (isTerraformJson(root)) {
    return field(root, 'planned_values') === undefined ? 'terraform-state' : 'terraform-plan';
  }
  return usesSam(root) ? 'sam' : 'cloudformation';
}

/** `file:line:column: message`, as compilers and editors print a position. */
export function describeFailure(failure: TemplateFailure): string {
  const at = failure.line === undefined ? '' : `:${failure.line}:${failure.column ?? 1}`;
  return `${failure.file}${at}: ${failure.message}`;
}

function readInput(input: TemplateInput, readStdin: () => string): string {
  if (input.kind === 'stdin') return readStdin();
  if (input.kind === 'file') return readFileSync(input.path, 'utf8');
  throw new Error(input.message);
}

/**
 * A UTF-16 file read as UTF-8 starts with a byte order mark U+FFFE/U+FEFF turned into replacement
 * characters, or has a NUL after nearly every character. CloudFormation reads UTF-8 only.
 */
function isUtf16(text: string): boolean {
  return text.startsWith('\uFFFD\uFFFD') || /^(?:[^\0]\0){2}|^(?:\0[^\0]){2}/.test(text);
}

/** What scanning a file needs besides the file: plain data, so a worker thread can be given it. */
export interface ScanSettings {
  /** Paths are resolved relative to it. */
  cwd: string;
  /** The snapshots' collectedAt (ISO 8601). */
  collectedAt: string;
  accountId?: string;
  /** Absolute. */
  tfDir?: string;
}

export function scanSettings(options: ScanOptions): ScanSettings {
  const cwd = options.cwd ?? process.cwd();
  return {
    cwd,
    collectedAt: (options.now ?? new Date()).toISOString(),
    ...(options.accountId !== undefined && { accountId: options.accountId }),
    ...(options.tfDir !== undefined && { tfDir: resolve(cwd, options.tfDir) }),
  };
}

export function stdinReader(options: ScanOptions): () => string {
  return options.readStdin ?? (() => readFileSync(0, 'utf8'));
}

/** Reads, parses and maps one input. Throws only on a defect of iamspect, never on a bad file. */
export function scanInput(
  input: TemplateInput,
  settings: ScanSettings,
  readStdin: () => string,
): ScannedFile {
  let text: string;
  try {
    text = readInput(input, readStdin);
  } catch (error) {
    return {
      kind: 'failure',
      failure: { file: input.file, message: `cannot read: ${(error as Error).message}` },
    };
  }
  if (isUtf16(text)) {
    const message =
      'not analysed: the file is UTF-16; CloudFormation reads UTF-8 templates (save it as UTF-8)';
    return { kind: 'failure', failure: { file: input.file, message } };
  }
  let template: Template | undefined;
  let format: TemplateFormat;
  try {
    const root = parseTemplateText(text);
    format = formatOf(root);
    const tfDir = settings.tfDir === undefined ? {} : { tfDir: settings.tfDir };
    template = isTerraformJson(root)
      ? readTerraform(root, input.kind === 'file' ? input.path : undefined, { ...tfDir, cwd: settings.cwd })
      : readTemplate(root);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    const { line, column } = error.position;
    const message = `not valid YAML or JSON: ${error.message}`;
    return { kind: 'failure', failure: { file: input.file, message, line, column } };
  }
  if (!template) return { kind: 'not-template', file: input.file };
  return {
    kind: 'template',
    format,
    snapshot: templateSnapshot(template, input.file, settings.collectedAt, settings.accountId),
    notAnalysed: template.notAnalysed.map(({ message, position }) => ({
      file: input.file,
      message: `not analysed: ${message}`,
      line: position.line,
      column: position.column,
    })),
  };
}

/**
 * Reads the templates one at a time, in the order the files were given and found. A generator, so
 * a caller that evaluates each snapshot as it comes holds one template in memory, not all of them.
 */
export function* scanTemplates(paths: readonly string[], options: ScanOptions = {}): Generator<ScannedFile> {
  const settings = scanSettings(options);
  const readStdin = stdinReader(options);
  for (const input of templateInputs(paths, settings.cwd, options.stdinName)) {
    yield scanInput(input, settings, readStdin);
  }
}
