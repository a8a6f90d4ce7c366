// Shared set-up for the collection contract tests: a fake AWS endpoint per test, the SDK pointed
// at it, and collectSnapshot with a virtual clock (credential-report polls take no real time)
// and millisecond retry backoff.
import type { CollectOptions, Progress } from '../../src/collect/index.js';
import { collectSnapshot } from '../../src/collect/index.js';
import type { OrganizationRun } from '../../src/collect/org.js';
import { evaluate } from '../../src/engine/report.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { collectOrganization } from '../../src/collect/org.js';
import type { OrgOptions } from '../../src/collect/org-options.js';
import { ORG_DEFAULTS } from '../../src/collect/org-options.js';
import { RULES } from '../../src/rules/index.js';
import type { SectionName, Snapshot } from '../../src/snapshot/schema.js';
import { useFakeAwsEnvironment } from '../fake-aws/environment.js';
import { fastRetryStrategy } from '../fake-aws/fast-retry.js';
import type { FakeAccount } from '../fake-aws/model.js';
import { FAKE_NOW } from '../fake-aws/model.js';
import type { FakeAws } from '../fake-aws/server.js';
import { startFakeAws } from '../fake-aws/server.js';

/** The rules `iamspect audit` runs on an account (template rules read what only templates have). */
export const AUDIT_RULES = RULES.filter((rule) => !rule.needs.includes('cloudFormation'));

/** The report `iamspect audit` makes of a collected snapshot, with the rules' defaults, on the fake's day. */
export function auditReport(snapshot: Snapshot) {
  return evaluate([{ snapshot }], resolveRules(AUDIT_RULES, {}), { today: FAKE_NOW, generatedAt: FAKE_NOW });
}

/** Sections read from IAM alone (no Organizations, Config, Access Analyzer, CloudWatch, Account or EC2). */
export const IAM_SECTIONS: ReadonlySet<SectionName> = new Set([
  'credentialReport',
  'accountSummary',
  'passwordPolicy',
  'authorizationDetails',
  'virtualMfaDevices',
  'serverCertificates',
]);

/** The rules an IAM-only audit runs: those reading IAM sections only. */
export const IAM_RULES = RULES.filter((rule) => rule.needs.every((section) => IAM_SECTIONS.has(section)));

export interface VirtualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep requested, in order. */
  sleeps: number[];
}

/** Starts at FAKE_NOW; sleeping advances it instantly. */
export function virtualClock(start = FAKE_NOW.getTime()): VirtualClock {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
  };
}

export interface FakeSession {
  fake: FakeAws;
  /** Collects from the fake with test timing; options override the defaults. */
  collect(options?: Partial<CollectOptions>, progress?: Progress): Promise<Snapshot>;
  /** Collects the fake account's organization (--org) with test timing. */
  collectOrganization(
    org?: Partial<OrgOptions>,
    options?: Partial<CollectOptions>,
    progress?: Progress,
  ): Promise<OrganizationRun>;
  close(): Promise<void>;
}

/** Test timing: a virtual clock for credential-report polls, millisecond retry backoff. */
function testTiming(): Partial<CollectOptions> {
  const clock = virtualClock();
  return { now: clock.now, sleep: clock.sleep, retryStrategy: fastRetryStrategy };
}

export async function startSession(account: FakeAccount, region?: string): Promise<FakeSession> {
  const fake = await startFakeAws(account);
  const restoreEnvironment = useFakeAwsEnvironment(fake.url, region);
  return {
    fake,
    collect: (options = {}, progress) => collectSnapshot({ ...testTiming(), ...options }, progress),
    collectOrganization: (org = {}, options = {}, progress) =>
      collectOrganization({ ...testTiming(), ...options }, { ...ORG_DEFAULTS, ...org }, { progress }),
    async close() {
      restoreEnvironment();
      await fake.close();
    },
  };
}
