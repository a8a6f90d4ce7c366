// Live collection: resolve credentials, identify the account (STS), then run every section
// collector with bounded concurrency and record each section's status. A section that is denied
// or fails never stops the others; the snapshot says which and why, and the engine then reports
// the rules that needed it as not evaluated (never as passing).
//
// The collectors are those of the sections (src/sections/): adding a section adds its collector
// here, see "Adding a data section" in docs/architecture.md.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit from 'p-limit';
import { InputError, RunError } from '../errors.js';
import type { Section, SectionName, Sections, Snapshot } from '../snapshot/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../snapshot/schema.js';
import type { AnySection } from '../sections/index.js';
import { SECTIONS } from '../sections/index.js';
import { describeOrganization } from '../sections/organization.js';
import { listRegions } from '../sections/regions.js';
import { TOOL } from '../version.js';
import type { ClientSettings, Clients } from './clients.js';
import { createClient, createClients, ReadOnlyViolation } from './clients.js';
import type { CollectContext, SharedLookups } from './collector.js';
import { SectionSkipped } from './collector.js';
import type { CredentialSettings } from './credentials.js';
import { checkCredentials, credentialProvider } from './credentials.js';
import { awsErrorCode, sectionFailure } from './failures.js';
import type { CallerIdentity } from './identity.js';
import { collectAccountAlias, collectIdentity } from './identity.js';
import type { CollectOptions } from './options.js';
import { COLLECT_DEFAULTS } from './options.js';
import type { Progress } from './progress.js';
import { SILENT_PROGRESS } from './progress.js';
import { limitRegions, NOT_REQUESTED } from './selection.js';

export type { CollectOptions, LiveFlags } from './options.js';
export { COLLECT_DEFAULTS, liveOptionsFrom } from './options.js';
export type { Progress } from './progress.js';
export { SILENT_PROGRESS, terminalProgress } from './progress.js';

/** A section that is collected live: one with a collector. */
type CollectedSection = AnySection & { collect: (context: CollectContext) => Promise<unknown> };

/** Every section this version collects live, in snapshot order. */
export const SECTION_COLLECTORS: readonly CollectedSection[] = SECTIONS.filter(
  (section): section is CollectedSection => section.collect !== undefined,
);

/**
 * Sections whose collection is a chain of waits: IAM building pages of a thousand entities, the
 * credential report being generated, the regional scans (one region, then the others a few at a
 * time). They start before the one-request sections, longest first, so that with only a few
 * sections in flight their waits overlap the short sections instead of coming after them.
 */
const LONG_CHAINS: readonly SectionName[] = [
  'authorizationDetails',
  'credentialReport',
  'configRecorders',
  'configDeliveryStatus',
  'accessAnalyzers',
];

/** `collectors` in the order they are started: the long chains first, then snapshot order. */
function longChainsFirst(collectors: readonly CollectedSection[]): CollectedSection[] {
  const rank = (collector: CollectedSection) => {
    const position = LONG_CHAINS.indexOf(collector.name);
    return position === -1 ? LONG_CHAINS.length : position;
  };
  // Array.prototype.sort is stable: the others keep snapshot order.
  return [...collectors].sort((a, b) => rank(a) - rank(b));
}

/**
 * Used only when neither --region, AWS_REGION nor the profile names a region. Some region is
 * needed to reach STS, before the partition is known; IAM and STS serve the whole aws partition
 * from any of its regions, so this one reaches them. The partition is still read from
 * GetCallerIdentity, never assumed: GovCloud and China credentials are rejected here, and that
 * error tells the user to pass --region.
 */
export const FALLBACK_REGION = 'us-east-1';

/** The region the SDK would use (AWS_REGION, then the profile's `region`), if any. Sends nothing. */
async function configuredRegion(profile: string | undefined): Promise<string | undefined> {
  const probe = createClient('sts', { profile, maxAttempts: 1 });
  try {
    return await probe.config.region();
  } catch {
    return undefined;
  } finally {
    probe.destroy();
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** STS GetCallerIdentity, with a RunError that says what to check when it fails. */
export async function identify(
  clients: Clients,
  progress: Progress,
  regionDefaulted: boolean,
): Promise<CallerIdentity> {
  progress.update('identity', 'sts:GetCallerIdentity');
  try {
    const identity = await collectIdentity(clients);
    progress.done('identity', 'ok', `${identity.accountId}, ${identity.partition}`);
    return identity;
  } catch (error) {
    const code = awsErrorCode(error);
    const outsideAwsPartition =
      regionDefaulted && (code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException');
    throw new RunError(
      `cannot identify the AWS account: sts:GetCallerIdentity failed (${code}: ${(error as Error).message})`,
      outsideAwsPartition
        ? `No region is configured, so iamspect used ${FALLBACK_REGION} (aws partition). For GovCloud or China, pass --region (e.g. us-gov-west-1, cn-north-1).`
        : 'Check the credentials, network access to STS, and any AWS_ENDPOINT_URL settings.',
    );
  }
}

/**
 * Runs `read` and records the outcome as the section's status: ok with its data, skipped
 * (SectionSkipped), or denied/error with the refused action.
 */
export async function settleSection<N extends SectionName>(
  section: N,
  read: () => Promise<Section<N>['data']>,
  progress: Progress = SILENT_PROGRESS,
): Promise<Section<N>> {
  progress.update(section, '');
  try {
    const data = await read();
    progress.done(section, 'ok');
    return { status: 'ok', data } as Section<N>;
  } catch (error) {
    // A collector calling outside the allow list is a bug, not a property of the account.
    if (error instanceof ReadOnlyViolation) throw error;
    if (error instanceof SectionSkipped) {
      progress.done(section, 'skipped', error.code);
      return { status: 'skipped', error: error.sectionError };
    }
    const failure = sectionFailure(error);
    progress.done(section, failure.status, failure.error.action ?? failure.error.code);
    return failure;
  }
}

function runSection(section: CollectedSection, context: CollectContext): Promise<Section<SectionName>> {
  // Each section's collect() returns its own section's data: the pairing is by construction.
  const collect = () => section.collect(context) as Promise<Section<SectionName>['data']>;
  return settleSection(section.name, collect, context.progress);
}

/** Each lookup runs once, on first use, however many sections ask for it. */
function sharedLookups(clients: Clients, identity: CallerIdentity, options: CollectOptions): SharedLookups {
  const once = <T>(lookup: () => Promise<T>): (() => Promise<T>) => {
    let answer: Promise<T> | undefined;
    return () => (answer ??= lookup());
  };
  const { regions: wanted } = options;
  return {
    regions: once(async () => {
      const regions = await listRegions(clients, identity.partition);
      return wanted ? limitRegions(regions, wanted, identity.accountId) : regions;
    }),
    organization: once(() => describeOrganization(clients)),
  };
}

/**
 * --regions names a region the account has not enabled: a usage error (exit 2), raised before any
 * section is collected. When the regions cannot be read at all, the sections that need them say so.
 */
async function checkRegionSelection(context: CollectContext): Promise<void> {
  try {
    await context.shared.regions();
  } catch (error) {
    if (error instanceof InputError) throw error;
  }
}

/** The alias, null when the account has none, undefined when it could not be read (cosmetic: never fatal). */
async function aliasIfReadable(clients: Clients, progress: Progress): Promise<string | null | undefined> {
  try {
    return await collectAccountAlias(clients);
  } catch (error) {
    if (error instanceof ReadOnlyViolation) throw error;
    const failure = sectionFailure(error);
    progress.done('accountAlias', failure.status, failure.error.action ?? failure.error.code);
    return undefined;
  }
}

function nothingCollected(sections: Sections): RunError {
  const reasons = Object.entries(sections).map(
    ([name, section]) =>
      `${name}: ${section.status} (${section.error?.action ?? section.error?.code ?? 'no data'})`,
  );
  return new RunError(
    `nothing could be collected from the account: ${reasons.join('; ')}`,
    'Give the credentials the read-only permissions printed by `iamspect permissions`.',
  );
}

/** Credentials for one account, resolved and checked, and the settings its clients share. */
export interface AccountSession {
  credentials: AwsCredentialIdentityProvider;
  settings: ClientSettings & CredentialSettings;
  /** No region was configured anywhere, so FALLBACK_REGION is used (it shapes the error hints). */
  regionDefaulted: boolean;
}

/** Resolves and checks the credentials of CollectOptions. Throws RunError when there are none usable. */
export async function openSession(options: CollectOptions): Promise<AccountSession> {
  const maxAttempts = options.maxAttempts ?? COLLECT_DEFAULTS.maxAttempts;
  const regionFromConfig = options.region ?? (await configuredRegion(options.profile));
  const settings = {
    profile: options.profile,
    region: regionFromConfig ?? FALLBACK_REGION,
    roleArn: options.roleArn,
    externalId: options.externalId,
    roleSessionName: options.roleSessionName ?? COLLECT_DEFAULTS.roleSessionName,
    maxAttempts,
    retryStrategy: options.retryStrategy,
  };
  const credentials = credentialProvider(settings);
  await checkCredentials(credentials, settings);
  return { credentials, settings, regionDefaulted: regionFromConfig === undefined };
}

/**
 * Sections decided before the account is collected, used instead of calling its collector: an
 * organization run reads the SCPs and root-access features once, from the management account,
 * and gives every member its part of them.
 */
export type PresetSections = Partial<Pick<Sections, 'serviceControlPolicies' | 'organizationFeatures'>>;

export interface AccountCollection {
  /** The account the credentials must belong to (organization runs); a mismatch is a RunError. */
  expectedAccountId?: string;
  presets?: PresetSections;
}

/** Collects one account live into a Snapshot. Throws RunError when it cannot run at all. */
export async function collectSnapshot(
  options: CollectOptions,
  progress: Progress = SILENT_PROGRESS,
): Promise<Snapshot> {
  return collectAccount(await openSession(options), options, progress);
}

/** Collects the account `session` reaches. Throws RunError when it cannot run at all. */
export async function collectAccount(
  session: AccountSession,
  options: CollectOptions,
  progress: Progress = SILENT_PROGRESS,
  collection: AccountCollection = {},
): Promise<Snapshot> {
  const now = options.now ?? Date.now;
  const clients = createClients({ ...session.settings, credentials: session.credentials });
  try {
    const identity = await identify(clients, progress, session.regionDefaulted);
    if (collection.expectedAccountId !== undefined && identity.accountId !== collection.expectedAccountId) {
      throw new RunError(
        `the credentials for account ${collection.expectedAccountId} belong to account ${identity.accountId} (${identity.callerArn})`,
      );
    }
    const context: CollectContext = {
      clients,
      identity,
      shared: sharedLookups(clients, identity, options),
      progress,
      sleep: options.sleep ?? realSleep,
      now,
      credentialReportTimeoutMs:
        options.credentialReportTimeoutMs ?? COLLECT_DEFAULTS.credentialReportTimeoutMs,
    };
    const presets: Partial<Record<SectionName, unknown>> = collection.presets ?? {};
    const requested = (section: SectionName) => options.sections?.includes(section) ?? true;
    const collectors = SECTION_COLLECTORS.filter((collector) => requested(collector.name));
    if (options.regions && collectors.some((collector) => collector.name === 'regions')) {
      await checkRegionSelection(context);
    }
    const limit = pLimit(options.concurrency ?? COLLECT_DEFAULTS.concurrency);
    const started = longChainsFirst(collectors);
    // p-limit starts queued work in the order it was queued.
    const [results, accountAlias] = await Promise.all([
      Promise.all(
        started.map((collector) => presets[collector.name] ?? limit(() => runSection(collector, context))),
      ),
      limit(() => aliasIfReadable(clients, progress)),
    ]);
    const collected: Sections = {};
    started.forEach((collector, index) => {
      (collected as Record<SectionName, unknown>)[collector.name] = results[index];
    });
    if (!Object.values(collected).some((section) => section.status === 'ok'))
      throw nothingCollected(collected);
    // In snapshot order, the sections the selection did not need recorded as such.
    const sections: Sections = {};
    for (const { name } of SECTION_COLLECTORS) {
      (sections as Record<SectionName, unknown>)[name] = collected[name] ?? NOT_REQUESTED;
    }
    // Built only from the normalisers' schema-typed output; a test proves that writing it out and
    // reading it back (with full validation) gives the same snapshot.
    const snapshot: Snapshot = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      tool: { name: TOOL.name, version: TOOL.version },
      // After the data was read: the credential report may be newer than the moment collection began.
      collectedAt: new Date(now()).toISOString(),
      partition: identity.partition,
      accountId: identity.accountId,
      ...(accountAlias === undefined ? {} : { accountAlias }),
      callerArn: identity.callerArn,
      source: { kind: 'live' },
      sections,
    };
    return snapshot;
  } finally {
    clients.destroy();
    progress.finish();
  }
}
