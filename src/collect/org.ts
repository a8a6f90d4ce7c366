// `--org`: every account of an AWS Organization, from its management account or a delegated
// administrator.
// 1. The caller's credentials (the default chain, or --role-arn) must be able to list the accounts.
// 2. ListAccounts, every page (pages may be empty and still carry a NextToken). An account's
//    State (ACTIVE, SUSPENDED, CLOSED, PENDING_ACTIVATION, PENDING_CLOSURE) is read first and the
//    older Status only when State is absent; only ACTIVE accounts are collected, the others are
//    listed as skipped with their state.
// 3. --accounts / --exclude-accounts, then --shard K/N over the account list sorted by id.
// 4. What only the management account can read is read once, there: the SCPs with their targets,
//    the IAM root-access features, and each account's place in the OU tree. Every account gets its
//    share, so SCPs limit member accounts' effective permissions even though a member cannot read
//    them itself.
// 5. Each account is collected as `--role-name` in it (arn:<caller's partition>:iam::<id>:role/<name>,
//    with --external-id), at most --concurrency at a time. The caller's own account (normally the
//    management account, which has no OrganizationAccountAccessRole of its own) is collected with
//    the caller's credentials. An account that cannot be collected (AssumeRole denied, throttled
//    beyond the retries, unreachable) is reported as failed with the reason; the others go on.
import type { Account } from '@aws-sdk/client-organizations';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
import type { AccountInput } from '../snapshot/account-input.js';
import { someOf } from '../util/words.js';
import { InputError, NEVER_A_PASS, RunError } from '../errors.js';
import type { Organization, Section } from '../snapshot/schema.js';
import type { Clients } from './clients.js';
import { createClients, ReadOnlyViolation } from './clients.js';
import { allTokenPages } from './collector.js';
import type { AccountSession, PresetSections } from './index.js';
import { collectAccount, identify, openSession, settleSection } from './index.js';
import { assumeRoleProvider, checkCredentials } from './credentials.js';
import { isAccessDenied, sectionFailure } from './failures.js';
import type { CallerIdentity } from './identity.js';
import type { CollectOptions } from './options.js';
import { describeOrganization } from '../sections/organization.js';
import { listOrganizationsFeatures } from '../sections/organization-features.js';
import type { OrgOptions } from './org-options.js';
import type { Shard } from '../model/shard.js';
import { shardName } from '../model/shard.js';
import type { Progress } from './progress.js';
import { SILENT_PROGRESS } from './progress.js';
import type { ParentCache } from '../sections/service-control-policies.js';
import {
  accountPath,
  ORGANIZATIONS_CONCURRENCY,
  readServiceControlPolicies,
} from '../sections/service-control-policies.js';

/** Largest page ListAccounts allows. */
const ACCOUNTS_PAGE_SIZE = 20;

export interface OrganizationAccount {
  id: string;
  /** State, or the older Status when State is absent; UNKNOWN when neither came back. */
  state: string;
}

export interface OrganizationRun {
  organization: Organization;
  /** The caller: the management account or a delegated administrator. */
  caller: CallerIdentity;
  /** One entry per selected account, in account-id order: a snapshot, or why there is none. */
  accounts: AccountInput[];
}

/** Every account of the organization. Callable only from the management account or a delegated administrator. */
export async function listOrganizationAccounts(clients: Clients): Promise<OrganizationAccount[]> {
  const pages = await allTokenPages(
    (NextToken) =>
      clients.organizations.send(new ListAccountsCommand({ MaxResults: ACCOUNTS_PAGE_SIZE, NextToken })),
    (page) => page.NextToken,
  );
  return pages.flatMap((page) => (page.Accounts ?? []).map(organizationAccount));
}

function organizationAccount(account: Account): OrganizationAccount {
  return { id: account.Id ?? '', state: account.State ?? account.Status ?? 'UNKNOWN' };
}

export function inShard(position: number, shard: Shard): boolean {
  return position % shard.count === shard.index - 1;
}

/**
 * The accounts a run covers, sorted by id: --accounts (each must be in the organization), minus
 * --exclude-accounts, then this run's shard. Shards are taken over the whole filtered list, so
 * shards 1/N..N/N together cover every account exactly once.
 */
export function selectAccounts(
  listed: readonly OrganizationAccount[],
  options: Pick<OrgOptions, 'accounts' | 'excludeAccounts' | 'shard'>,
  organizationId: string,
): OrganizationAccount[] {
  const known = new Set(listed.map((account) => account.id));
  const unknown = (options.accounts ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InputError(
      `--accounts: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in organization ${organizationId}`,
      'Check the ids against `aws organizations list-accounts`.',
    );
  }
  const only = options.accounts && new Set(options.accounts);
  const excluded = new Set(options.excludeAccounts ?? []);
  const sorted = listed
    .filter((account) => (!only || only.has(account.id)) && !excluded.has(account.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  if (sorted.length === 0) throw noAccountSelected(options, organizationId, listed.length);
  const shard = options.shard;
  const selected = shard ? sorted.filter((_, position) => inShard(position, shard)) : sorted;
  if (shard && selected.length === 0) {
    throw new InputError(
      `--shard ${shardName(shard)} holds no account: organization ${organizationId} has ${sorted.length} accounts to audit, fewer than ${shard.count} shards`,
      `${NEVER_A_PASS}: use at most ${sorted.length} shards (--shard K/${sorted.length}).`,
    );
  }
  if (!selected.some((account) => account.state === 'ACTIVE')) {
    const states = selected.map((account) => `${account.id} ${account.state}`);
    const where = shard ? `--shard ${shardName(shard)} of organization` : 'organization';
    throw new RunError(
      `--org: none of the ${selected.length} accounts to audit in ${where} ${organizationId} is ACTIVE (${someOf(states)})`,
      `${NEVER_A_PASS}: only ACTIVE accounts can be audited; select others with --accounts or --exclude-accounts.`,
    );
  }
  return selected;
}

function noAccountSelected(
  options: Pick<OrgOptions, 'accounts' | 'excludeAccounts'>,
  organizationId: string,
  listed: number,
): InputError {
  const flags = [options.accounts && '--accounts', options.excludeAccounts && '--exclude-accounts'].filter(
    (flag): flag is string => Boolean(flag),
  );
  const what =
    flags.length === 0
      ? `organization ${organizationId} lists no account`
      : `${flags.join(' and ')} ${flags.length === 1 ? 'leaves' : 'leave'} no account of organization ${organizationId} to audit (it has ${listed})`;
  return new InputError(
    `--org: ${what}`,
    `${NEVER_A_PASS}: select at least one account of the organization.`,
  );
}

/**
 * What only the management account can read, read once for the whole run: the SCPs (as a section
 * whose accountPath each account fills in with its own) and the root-access features.
 */
interface OrganizationWide {
  serviceControlPolicies: Section<'serviceControlPolicies'>;
  organizationFeatures: Section<'organizationFeatures'>;
  parents: ParentCache;
}

async function readOrganizationWide(clients: Clients, organization: Organization): Promise<OrganizationWide> {
  const [serviceControlPolicies, organizationFeatures] = await Promise.all([
    settleSection('serviceControlPolicies', async () =>
      organization.featureSet === 'CONSOLIDATED_BILLING'
        ? { policies: [], accountPath: [] }
        : { policies: await readServiceControlPolicies(clients), accountPath: [] },
    ),
    settleSection('organizationFeatures', () => listOrganizationsFeatures(clients, async () => organization)),
  ]);
  return { serviceControlPolicies, organizationFeatures, parents: new Map() };
}

/** One account's share of the organization-wide sections: the SCPs along its own path. */
async function presetsFor(
  accountId: string,
  clients: Clients,
  wide: OrganizationWide,
  organization: Organization,
): Promise<PresetSections> {
  const scps = wide.serviceControlPolicies;
  const serviceControlPolicies =
    scps.status !== 'ok' || organization.featureSet === 'CONSOLIDATED_BILLING'
      ? scps
      : await settleSection('serviceControlPolicies', async () => ({
          policies: scps.data!.policies,
          accountPath: await accountPath(clients, accountId, wide.parents),
        }));
  return { serviceControlPolicies, organizationFeatures: wide.organizationFeatures };
}

/**
 * A failure to read the organization itself, as the user needs to hear it: --org runs from the
 * management account or a delegated administrator.
 */
function cannotRead(
  what: string,
  error: unknown,
  caller: CallerIdentity,
  managementAccountId?: string,
): Error {
  // A call outside the allow list is a bug, not a property of the organization.
  if (error instanceof ReadOnlyViolation) return error;
  const { error: detail } = sectionFailure(error);
  const from = managementAccountId
    ? `the management account (${managementAccountId})`
    : 'the management account';
  return new RunError(
    `--org: cannot ${what} as ${caller.callerArn} (${detail.code}: ${detail.message})`,
    isAccessDenied(error)
      ? `Run --org with credentials of ${from} or of a delegated administrator, allowed ` +
          'organizations:DescribeOrganization and organizations:ListAccounts (see `iamspect permissions`).'
      : 'Check network access to AWS Organizations and try again.',
  );
}

export interface OrganizationCollection {
  /** Reports each account as it finishes (ok, error with the reason, skipped with the state). */
  progress?: Progress;
}

/**
 * Collects the organization's selected accounts. Throws RunError when the organization cannot be
 * listed at all; a single account that fails is an entry with status failed, never an exception.
 */
export async function collectOrganization(
  options: CollectOptions,
  org: OrgOptions,
  { progress = SILENT_PROGRESS }: OrganizationCollection = {},
): Promise<OrganizationRun> {
  const session = await openSession(options);
  const clients = createClients({ ...session.settings, credentials: session.credentials });
  try {
    const caller = await identify(clients, SILENT_PROGRESS, session.regionDefaulted);
    const organization = await describeOrganization(clients).catch((error: unknown) => {
      throw cannotRead('describe the organization', error, caller);
    });
    if (!organization) {
      throw new RunError(
        `--org: account ${caller.accountId} is not in an AWS Organization`,
        'Run without --org to audit this account alone.',
      );
    }
    const listed = await listOrganizationAccounts(clients).catch((error: unknown) => {
      throw cannotRead(
        `list the accounts of organization ${organization.id}`,
        error,
        caller,
        organization.managementAccountId,
      );
    });
    const selected = selectAccounts(listed, org, organization.id);
    const wide = await readOrganizationWide(clients, organization);
    // Organizations is rate-limited per organization: the path lookups share a smaller limit.
    const organizationsLimit = pLimit(ORGANIZATIONS_CONCURRENCY);
    const accountLimit = pLimit(org.concurrency);
    let finished = 0;
    const accounts = await Promise.all(
      selected.map((account) =>
        accountLimit(async (): Promise<AccountInput> => {
          progress.update('accounts', `${finished}/${selected.length} done, collecting ${account.id}`);
          const result = await collectOne(account, {
            options,
            org,
            session,
            caller,
            presets: () => organizationsLimit(() => presetsFor(account.id, clients, wide, organization)),
          });
          finished += 1;
          reportAccount(progress, account.id, result);
          return result;
        }),
      ),
    );
    return { organization, caller, accounts };
  } finally {
    clients.destroy();
    progress.finish();
  }
}

function reportAccount(progress: Progress, accountId: string, result: AccountInput): void {
  if (result.snapshot) progress.done(accountId, 'ok');
  else progress.done(accountId, result.status === 'skipped' ? 'skipped' : 'error', result.reason);
}

interface CollectOne {
  options: CollectOptions;
  org: OrgOptions;
  session: AccountSession;
  caller: CallerIdentity;
  presets: () => Promise<PresetSections>;
}

async function collectOne(account: OrganizationAccount, run: CollectOne): Promise<AccountInput> {
  const { partition } = run.caller;
  if (account.state !== 'ACTIVE') {
    return { accountId: account.id, partition, status: 'skipped', reason: `account state ${account.state}` };
  }
  try {
    const presets = await run.presets();
    const session = account.id === run.caller.accountId ? run.session : await memberSession(account.id, run);
    const snapshot = await collectAccount(session, run.options, SILENT_PROGRESS, {
      expectedAccountId: account.id,
      presets,
    });
    return { snapshot };
  } catch (error) {
    if (error instanceof ReadOnlyViolation) throw error;
    return {
      accountId: account.id,
      partition,
      status: 'failed',
      reason: (error as Error).message ?? String(error),
    };
  }
}

/** Credentials of --role-name in the member account, assumed with the caller's. */
async function memberSession(accountId: string, run: CollectOne): Promise<AccountSession> {
  const { settings } = run.session;
  const roleArn = `arn:${run.caller.partition}:iam::${accountId}:role/${run.org.roleName}`;
  const memberSettings = { ...settings, roleArn };
  const credentials = assumeRoleProvider(run.session.credentials, memberSettings);
  await checkCredentials(credentials, memberSettings);
  return { ...run.session, credentials, settings: memberSettings };
}
