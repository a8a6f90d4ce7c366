// One list of sections (src/sections/index.ts) is the source of the snapshot schema, the
// collectors, the allow list, `iamspect permissions` and the AWS CLI reader. These tests hold the
// sections to what they declare, by watching what their collectors send to the fake endpoint:
// each sends only reads it declares (an undeclared one would be refused at run time) and, over the
// scenarios below, every read it declares (one it no longer sends would be a permission asked for
// nothing); and a call that fails fails only the sections that send it or read with them, so one
// refused call never makes an unrelated rule "not evaluated".
import { afterEach, describe, expect, test } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION_COLLECTORS } from '../../src/collect/index.js';
import { allowedActions, RUN_READS } from '../../src/collect/read-operations.js';
import type { AnySection } from '../../src/sections/index.js';
import { SECTIONS } from '../../src/sections/index.js';
import { regionalFile } from '../../src/snapshot/aws-cli-file.js';
import type { SectionName } from '../../src/snapshot/schema.js';
import { packageRoot } from '../../src/util/package-root.js';
import type { FakeAccountInit } from '../fake-aws/model.js';
import { fakeAccount, fakeBucket, fakeDistribution, fakeRegisteredDomain } from '../fake-aws/model.js';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';

let session: FakeSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const byName = new Map<string, AnySection>(SECTIONS.map((section) => [section.name, section]));

function declaredReads(name: string): string[] {
  return [...(byName.get(name)?.reads ?? [])];
}

/** The section and those whose lookup it reads (regions for a regional scan...). */
function readsWithLookups(name: string): Set<string> {
  const section = byName.get(name)!;
  return new Set([...declaredReads(name), ...(section.readWith ?? []).flatMap(declaredReads)]);
}

interface Scenario {
  account?: FakeAccountInit;
  deny?: string;
}

/**
 * The default fake account is the management account of an organization with SCPs, Config,
 * Access Analyzer, a security contact and a billing alarm: every call answers. Refusing
 * account:ListRegions makes the regions section fall back to EC2.
 */
const SCENARIOS: Record<string, Scenario> = {
  'a well-kept management account': {},
  'account:ListRegions refused': { deny: 'account:ListRegions' },
  'a CloudFront distribution, and a registered domain the domain list leaves without its settings': {
    account: {
      registeredDomains: [fakeRegisteredDomain('example.com', { listOmitsSettings: true })],
      distributions: [fakeDistribution('E1EXAMPLE')],
    },
  },
  // A bucket's policy is read only when its policy status says it has one, and its location only
  // when ListBuckets names no region (an S3-compatible endpoint): this bucket needs both.
  'a bucket with a policy, listed without its region': {
    account: {
      s3: {
        accountPublicAccessBlock: null,
        buckets: [fakeBucket('example-bucket', { policy: { Version: '2012-10-17', Statement: [] } })],
        listsBucketRegions: false,
      },
    },
  },
};

/** The reads `name`'s collector sends when it is collected alone, less the run's and its lookups' own. */
async function readsSentBy(name: SectionName, scenario: Scenario): Promise<string[]> {
  session = await startSession(
    fakeAccount({ credentialReport: { status: 'complete' }, ...scenario.account }),
  );
  if (scenario.deny) session.fake.faults.deny(scenario.deny);
  await session.collect({ sections: [name] });
  const lookups = new Set(
    (byName.get(name)!.readWith ?? [])
      .flatMap(declaredReads)
      .filter((read) => !declaredReads(name).includes(read)),
  );
  const sent = session.fake.requests
    .actions()
    .filter((action) => !(RUN_READS as readonly string[]).includes(action) && !lookups.has(action));
  await session.close();
  session = undefined;
  return sent;
}

const COLLECTED = SECTION_COLLECTORS.map((section) => section.name);

describe('the sections list', () => {
  test('the collectors are the sections that declare reads, in snapshot order', () => {
    expect(COLLECTED).toEqual(SECTIONS.filter((section) => section.reads.length > 0).map(({ name }) => name));
  });

  test('each readWith names a section', () => {
    const names = SECTIONS.map(({ name }) => name) as string[];
    const unknown = SECTIONS.flatMap((section) => section.readWith ?? []).filter(
      (name) => !names.includes(name),
    );
    expect(unknown).toEqual([]);
  });

  test('the allow list is the sections’ reads and the run’s own, nothing else', () => {
    const declared = [...new Set([...SECTIONS.flatMap((section) => section.reads), ...RUN_READS])].sort();
    expect(allowedActions()).toEqual(declared);
  });
});

describe('each collector sends exactly the reads its section declares', () => {
  test.each(COLLECTED)('%s', async (name) => {
    const sent = new Set<string>();
    for (const scenario of Object.values(SCENARIOS)) {
      const reads = await readsSentBy(name, scenario);
      // Only declared reads, in every scenario.
      expect(reads.filter((read) => !declaredReads(name).includes(read))).toEqual([]);
      for (const read of reads) sent.add(read);
    }
    expect([...sent].sort()).toEqual(declaredReads(name).sort());
  });
});

describe('a refused call fails only the sections that send it or read with them', () => {
  const reads = [...new Set(SECTIONS.flatMap((section) => section.reads))].sort();
  test.each(reads)('%s refused', async (read) => {
    session = await startSession(fakeAccount({ credentialReport: { status: 'complete' } }));
    session.fake.faults.deny(read);
    const snapshot = await session.collect();
    const failed = Object.entries(snapshot.sections)
      .filter(([, section]) => section.status !== 'ok')
      .map(([name]) => name);
    const concerned: string[] = COLLECTED.filter((name) => readsWithLookups(name).has(read));
    expect(failed.filter((name) => !concerned.includes(name))).toEqual([]);
  });
});

describe('the AWS CLI reader knows the sections’ files only', () => {
  /** Files the reader takes from the run rather than a section (the alias names the account). */
  const RUN_FILES = ['list-account-aliases.json'];

  test('every file of the demo is one a section reads (demo.json pins the account)', () => {
    const demo = join(packageRoot(), 'fixtures/demo');
    const regions = readdirSync(demo).flatMap(
      (file) => /^[a-z-]+\.([a-z]{2}(-[a-z]+)+-\d)\.json$/.exec(file)?.[1] ?? [],
    );
    const known = new Set([
      ...RUN_FILES,
      'demo.json',
      ...SECTIONS.flatMap((section) => {
        const source = section.awsCli;
        if (source.kind === 'file') return source.files.map((file) => file.name);
        if (source.kind === 'per-region')
          return source.commands.flatMap((command) =>
            regions.map((region) => regionalFile(command.name, region)),
          );
        return [];
      }),
    ]);
    const alongside = SECTIONS.flatMap((section) =>
      section.awsCli.kind !== 'not-read' && section.awsCli.alongside ? [section.awsCli.alongside] : [],
    );
    expect(
      readdirSync(demo).filter(
        (file) => !known.has(file) && !alongside.some((pattern) => pattern.test(file)),
      ),
    ).toEqual([]);
  });
});
