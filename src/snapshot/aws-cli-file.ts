// How a section is read from saved AWS CLI outputs: the files it accepts, what a complete one
// holds, how to save it, and its reader. Each section module (src/sections/) declares its own;
// the directory reader (aws-cli.ts) goes through them in snapshot order.
import { parseJsonText } from '../util/input-file.js';
import type { OutputShape } from './input-validation.js';
import type { TimeInside } from './times-inside.js';

/** One output file iamspect reads, and what a complete one holds. */
export interface CliOutput {
  name: string;
  /** What the API always returns; absent for a file that is not JSON (the CSV credential report). */
  shape?: OutputShape;
}

/** One file read from the directory. */
export interface CliFile {
  output: CliOutput;
  path: string;
  text: string;
  modified: Date;
}

/** A section read from one file (any one of `files`). */
export interface AwsCliFileSource<Data, Action extends string = string> {
  kind: 'file';
  /** Accepted outputs, any one of which supplies the section. */
  files: readonly CliOutput[];
  /** The command(s) that write the file, for the "missing" message. */
  howToSave: string;
  /** The API action behind it: one of the reads its section declares. */
  action: Action;
  /**
   * Files the reader also reads from beside it, one per thing the file lists (a trail's status,
   * named after the trail): how their names look.
   */
  alongside?: RegExp;
  read(file: CliFile): Data;
  /** The times the data holds about its past, from which the audit time is taken. */
  timesInside?(data: Data): TimeInside[];
}

/** A regional section, read from one file per command and enabled region: `<command>.<region>.json`. */
export interface AwsCliRegionalSource<RegionData, Action extends string = string> {
  kind: 'per-region';
  /** One per command, named by its file-name stem: `list-analyzers` -> `list-analyzers.eu-west-1.json`. */
  commands: readonly CliOutput[];
  howToSave: string;
  action: Action;
  /** One region's data from its files, in the order of `commands`. */
  read(region: string, files: CliFile[]): RegionData;
  timesInside?(data: RegionData): TimeInside[];
}

/** A section no AWS CLI output gives, and why. */
export interface NotFromAwsCli {
  kind: 'not-read';
  why: string;
}

/** The file of `command` in `region`. */
export function regionalFile(command: string, region: string): string {
  return `${command}.${region}.json`;
}

/** Each file is parsed once: the completeness check and the reader both need it, and GAAD runs to megabytes. */
const parsedFiles = new WeakMap<CliFile, unknown>();

export function parseCliJson(file: CliFile): unknown {
  if (!parsedFiles.has(file)) parsedFiles.set(file, parseJsonText(file.text, file.path, 'AWS CLI output'));
  return parsedFiles.get(file);
}

/** The CLI merges pages into one output; pages saved one by one can be given as a JSON array. */
export function pagesOf(json: unknown): unknown[] {
  return Array.isArray(json) ? json : [json];
}
