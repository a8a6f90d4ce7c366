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

  test('no documented save loop iterates over the text output of a list query', () => {
    // `--query 'List[].Id' --output text` prints None when the answer has no such list (CloudFront
    // leaves Items out when there is no distribution), so `for X in $(...)` would call the next
    // command with --id None. The loops read the list with jq instead, which yields nothing there.
    const saveScript = /### Offline with the AWS CLI[\s\S]*?```sh\n([\s\S]*?)```/.exec(
      read('README.md'),
    )![1]!;
    const texts = [
      { where: 'README.md', text: saveScript },
      ...SECTIONS.flatMap(({ name, awsCli }) =>
        awsCli.kind === 'not-read' ? [] : [{ where: name, text: awsCli.howToSave }],
      ),
    ];
    const textLoop = /for \w+ in \$\(aws [^)]*--output text\)/;
    expect(texts.filter(({ text }) => textLoop.test(text)).map(({ where }) => where)).toEqual([]);
  });

  test('docs/permissions.md explains every read iamspect asks for', () => {
    const permissions = read('docs/permissions.md');
    expect(allowedActions().filter((action) => !permissions.includes(`\`${action}\``))).toEqual([]);
  });
});
