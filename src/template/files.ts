// Which files a template scan reads. A file named on the command line is read whatever its name; a
// directory is searched recursively for .yaml, .yml, .json and .template files, in sorted order so
// reports are the same from run to run. Hidden files and directories (.git, .github, .aws-sam) and
// node_modules are not searched: they hold tooling, not the templates a pull request changes.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const TEMPLATE_EXTENSIONS = ['.yaml', '.yml', '.json', '.template'] as const;

/** The name `-` (standard input) is shown under when no other is given. */
const STDIN_NAME = '<stdin>';

export type TemplateInput =
  /** `path` is absolute; `file` is how reports name it: relative to the working directory, with `/`. */
  | { kind: 'file'; path: string; file: string }
  | { kind: 'stdin'; file: string }
  /** A path argument that cannot be read. */
  | { kind: 'unreadable'; file: string; message: string };

function displayName(cwd: string, absolute: string): string {
  return relative(cwd, absolute).split(sep).join('/');
}

function isSearched(name: string): boolean {
  return !name.startsWith('.') && name !== 'node_modules';
}

function hasTemplateExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return TEMPLATE_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/** Template files under `directory`, recursively, sorted by path (symbolic links to directories are not followed). */
function filesUnder(directory: string): string[] {
  const found: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const dirent of entries) {
    if (!isSearched(dirent.name)) continue;
    const path = join(directory, dirent.name);
    if (dirent.isDirectory()) found.push(...filesUnder(path));
    else if (hasTemplateExtension(dirent.name) && (dirent.isFile() || isFileLink(path))) found.push(path);
  }
  return found;
}

function isFileLink(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Expands PATH arguments into the inputs to read, in argument order, each file once. Never throws
 * for a missing or unreadable path: it becomes an `unreadable` input, reported with the others.
 */
export function templateInputs(
  paths: readonly string[],
  cwd: string,
  stdinName = STDIN_NAME,
): TemplateInput[] {
  const inputs: TemplateInput[] = [];
  const seen = new Set<string>();
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    inputs.push({ kind: 'file', path: absolute, file: displayName(cwd, absolute) });
  };
  for (const path of paths) {
    if (path === '-') {
      if (!seen.has('-')) inputs.push({ kind: 'stdin', file: stdinName });
      seen.add('-');
      continue;
    }
    const absolute = resolve(cwd, path);
    try {
      if (statSync(absolute).isDirectory()) filesUnder(absolute).forEach(add);
      else add(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? 'no such file or directory' : (error as Error).message;
      inputs.push({ kind: 'unreadable', file: path, message });
    }
  }
  return inputs;
}
