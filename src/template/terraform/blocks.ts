// Where a Terraform resource is written: the `resource "TYPE" "NAME"` line of a .tf file, found by a
// line scan (no HCL parser: the block header is all a location needs). A module's resources are
// searched in the module's source directory when that is local (`./modules/app`, `../shared`).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Position } from '../tree.js';

const RESOURCE_HEADER = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/;

/** `TYPE.NAME` -> where its block starts, for the .tf files directly in `directory`. */
export function resourceBlocks(directory: string, cwd: string): Map<string, Position> {
  const blocks = new Map<string, Position>();
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.tf'))
      .sort();
  } catch {
    return blocks;
  }
  for (const name of names) {
    const path = join(directory, name);
    const file = relative(cwd, resolve(path)).split(sep).join('/');
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const header = RESOURCE_HEADER.exec(line);
        const key = header && `${header[1]}.${header[2]}`;
        if (key && !blocks.has(key)) blocks.set(key, { file, line: index + 1, column: 1 });
      });
  }
  return blocks;
}

/** A module call's source directory when it is local, else undefined (a registry or Git module). */
export function localModuleDirectory(parent: string, source: string | undefined): string | undefined {
  if (source === undefined || !(source.startsWith('./') || source.startsWith('../'))) return undefined;
  return join(parent, source);
}
