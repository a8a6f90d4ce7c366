// A section is documented where users look: README's script for saving AWS CLI outputs names a
// file of every section read from them, and docs/permissions.md explains every read iamspect
// asks for. Adding a section without its lines there fails here, naming what is missing.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedActions } from '../../src/collect/read-operations.js';
import { SECTIONS } from '../../src/sections/index.js';
import { packageRoot } from '../../src/util/package-root.js';

const read = (file: string) => readFileSync(join(packageRoot(), file), 'utf8');

describe('every section is documented', () => {
  test("README.md's AWS CLI save script writes a file of every section read from AWS CLI outputs", () => {
    const readme = read('README.md');
    const undocumented = SECTIONS.flatMap((section) => {
      const source = section.awsCli;
      if (source.kind === 'file')
        return source.files.some((file) => readme.includes(`> ${file.name}`)) ? [] : [section.name];
      if (source.kind === 'per-region')
        return source.commands.every((command) => readme.includes(`> ${command.name}.$R.json`))
          ? []
          : [section.name];
      return [];
    });
    expect(undocumented).toEqual([]);
  });

  test('docs/permissions.md explains every read iamspect asks for', () => {
    const permissions = read('docs/permissions.md');
    expect(allowedActions().filter((action) => !permissions.includes(`\`${action}\``))).toEqual([]);
  });
});
