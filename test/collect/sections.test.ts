// One list of sections (SECTIONS) is the source of the snapshot schema, the allow list and
// `iamspect permissions`; the live collectors are a second list, in collect. These tests keep the
// two in step: the same sections in the same order, and each collector calling exactly the reads
// its section declares (a read it calls but does not declare would be refused at run time; a read
// it declares but no longer calls would be a permission asked for nothing).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION_COLLECTORS } from '../../src/collect/index.js';
import { allowedActions } from '../../src/collect/read-operations.js';
import { SECTIONS } from '../../src/snapshot/schema.js';
import { packageRoot } from '../../src/util/package-root.js';

/** IAM action prefix of each AWS SDK client package the collectors use. */
const SERVICE_OF_PACKAGE: Record<string, string> = {
  'client-accessanalyzer': 'access-analyzer',
  'client-account': 'account',
  'client-cloudwatch': 'cloudwatch',
  'client-config-service': 'config',
  'client-ec2': 'ec2',
  'client-iam': 'iam',
  'client-organizations': 'organizations',
};

/** `accessAnalyzers` -> src/sections/access-analyzers.ts */
function collectorFile(section: string): string {
  const kebab = section.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return join(packageRoot(), 'src/sections', `${kebab}.ts`);
}

/** The `service:Operation` of every SDK command a collector module sends, from its source. */
function readsInSource(source: string): string[] {
  const reads = new Set<string>();
  for (const [, names, pkg] of source.matchAll(/import\s*{([^}]*)}\s*from\s*'@aws-sdk\/([a-z0-9-]+)'/g)) {
    for (const name of names!.split(',').map((part) => part.trim())) {
      const operation = /^(\w+)Command$/.exec(name)?.[1];
      if (operation && source.includes(`new ${name}(`)) reads.add(`${SERVICE_OF_PACKAGE[pkg!]}:${operation}`);
    }
  }
  return [...reads].sort();
}

describe('sections and collectors', () => {
  test('the collectors are the sections that declare reads, in snapshot order', () => {
    const collected = SECTIONS.filter((definition) => definition.reads.length > 0).map(({ name }) => name);
    expect(SECTION_COLLECTORS.map((collector) => collector.section)).toEqual(collected);
  });

  test.each(SECTION_COLLECTORS.map((collector) => collector.section))(
    '%s: its collector sends exactly the reads its section declares',
    (name) => {
      const definition = SECTIONS.find((candidate) => candidate.name === name)!;
      expect(readsInSource(readFileSync(collectorFile(name), 'utf8'))).toEqual([...definition.reads].sort());
    },
  );

  test('the allow list holds every section read', () => {
    const allowed = allowedActions();
    expect(
      SECTIONS.flatMap((definition) => definition.reads).filter((read) => !allowed.includes(read)),
    ).toEqual([]);
  });
});
