// Output paths are checked before any input is read or any AWS request is sent: minutes of
// collection are not lost to a typo in a path, and a report never overwrites the data it was made
// from or another report of the same run.
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { descriptorNamed } from './atomic-write.js';
import { isSystemError, writeFailure } from './write-all.js';

/** A path and how the user gave it, for messages: `--output sarif=r.sarif`, `--baseline last.json`. */
export interface NamedPath {
  label: string;
  path: string;
}

/**
 * Throws InputError for the first output that cannot be written: its directory is missing or not
 * writable, it is a directory, it is the same file as an earlier output, or it is one of `inputs`
 * (a directory input stands for the files directly in it).
 */
export function checkOutputTargets(outputs: readonly NamedPath[], inputs: readonly NamedPath[] = []): void {
  const inputFiles = new Map<string, string>();
  for (const input of inputs) {
    for (const file of filesOf(input)) inputFiles.set(identity(file.path), file.label);
  }
  const earlier = new Map<string, string>();
  for (const output of outputs) {
    checkWritable(output);
    const id = identity(output.path);
    const input = inputFiles.get(id);
    if (input !== undefined) {
      throw new InputError(
        `${output.label}: the same file as ${input}; the report would overwrite it`,
        'Write the report to another file.',
      );
    }
    const other = earlier.get(id);
    if (other !== undefined) {
      throw new InputError(`${output.label}: the same file as ${other}`, 'Give each output its own file.');
    }
    earlier.set(id, output.label);
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** An existing file is known by its device and inode (a symlink or hard link is the same file). */
function identity(path: string): string {
  const stats = statOrUndefined(path);
  if (stats) return `${stats.dev}:${stats.ino}`;
  // Not there yet: its directory exists (checked first), so its real path names it.
  const absolute = resolve(path);
  return join(realpathSync(dirname(absolute)), basename(absolute));
}

function filesOf(input: NamedPath): NamedPath[] {
  if (!statOrUndefined(input.path)?.isDirectory()) return [input];
  return readdirSync(input.path).map((name) => ({
    label: `${input.label} (its file ${name})`,
    path: join(input.path, name),
  }));
}

const FIX_PATH = 'Create it first, or write elsewhere.';

function checkWritable({ label, path }: NamedPath): void {
  // An open descriptor (/dev/stdout, a process substitution) is written where it stands.
  if (descriptorNamed(resolve(path)) !== undefined) return;
  const stats = statOrUndefined(path);
  if (stats?.isDirectory()) {
    throw new InputError(`${label}: ${path} is a directory`, 'Name a file to write to.');
  }
  if (stats && !stats.isFile()) {
    // A device or FIFO is opened and written, not replaced: it must take writes itself.
    return accessible(label, path, path);
  }
  // A regular file is replaced by renaming a new file into its directory.
  const directory = dirname(stats ? realpathSync(path) : resolve(path));
  const parent = statOrUndefined(directory);
  if (!parent) throw new InputError(`${label}: directory ${directory} does not exist`, FIX_PATH);
  if (!parent.isDirectory()) throw new InputError(`${label}: ${directory} is not a directory`, FIX_PATH);
  accessible(label, directory, `in ${directory}`);
}

function accessible(label: string, path: string, what: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw writeFailure(label, what, error, 'Write elsewhere, or change its permissions.');
  }
}
