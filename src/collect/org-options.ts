// Options of an organization-wide run (--org) and the values of the flags that set them, shared by
// `audit` and `collect` (commands/collection-flags.ts declares the flags). Validated before any
// AWS call, with errors that name the flag.
import { InputError } from '../errors.js';
import type { Shard } from '../model/shard.js';
import { shardFromText } from '../model/shard.js';

export interface OrgOptions {
  /** The role assumed in each member account (the same name everywhere). */
  roleName: string;
  /** Accounts collected at once. */
  concurrency: number;
  /** Only these account ids. */
  accounts?: string[];
  /** Never these account ids. */
  excludeAccounts?: string[];
  shard?: Shard;
}

export const ORG_DEFAULTS = {
  roleName: 'OrganizationAccountAccessRole',
  concurrency: 8,
} as const;

/** The flags as commander hands them over. */
export interface OrgFlags {
  org?: boolean;
  roleName?: string;
  concurrency?: string | number;
  accounts?: string[];
  excludeAccounts?: string[];
  shard?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
// IAM role names are [\w+=,.@-]{1,64}; a path before the name (audit/iamspect) is allowed too.
const ROLE_NAME = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const MAX_CONCURRENCY = 64;

/** `--shard 2/4` -> { index: 2, count: 4 }. Throws InputError unless 1 <= K <= N. */
export function parseShard(text: string): Shard {
  const shard = shardFromText(text);
  if (!shard) {
    throw new InputError(
      `--shard: "${text}" is not a shard K/N with 1 <= K <= N`,
      'For example --shard 1/4 ... --shard 4/4 for four jobs that together cover every account.',
    );
  }
  return shard;
}

function accountIds(flag: string, ids: string[] | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  const bad = ids.filter((id) => !ACCOUNT_ID.test(id));
  if (bad.length > 0) {
    throw new InputError(`${flag}: ${bad.map((id) => `"${id}"`).join(', ')} is not a 12-digit account id`);
  }
  return ids;
}

/** Flags that only mean something with --org, when given on the command line. */
function orgOnlyFlagsGiven(flags: OrgFlags): string[] {
  return [
    flags.roleName !== undefined && flags.roleName !== ORG_DEFAULTS.roleName ? '--role-name' : '',
    flags.concurrency !== undefined && String(flags.concurrency) !== String(ORG_DEFAULTS.concurrency)
      ? '--concurrency'
      : '',
    flags.accounts !== undefined ? '--accounts' : '',
    flags.excludeAccounts !== undefined ? '--exclude-accounts' : '',
    flags.shard !== undefined ? '--shard' : '',
  ].filter(Boolean);
}

/** OrgOptions from the flags, or undefined without --org. Throws InputError naming the bad flag. */
export function orgOptionsFrom(flags: OrgFlags): OrgOptions | undefined {
  if (!flags.org) {
    const stray = orgOnlyFlagsGiven(flags);
    if (stray.length > 0) {
      throw new InputError(
        `${stray.join(', ')}: only meaningful with --org`,
        'Add --org to audit the whole organization.',
      );
    }
    return undefined;
  }
  const roleName = flags.roleName ?? ORG_DEFAULTS.roleName;
  if (!ROLE_NAME.test(roleName)) {
    throw new InputError(
      `--role-name: "${roleName}" is not an IAM role name`,
      'Give the name (with its path, if any) of the role that exists in every member account, e.g. OrganizationAccountAccessRole.',
    );
  }
  const concurrencyText = String(flags.concurrency ?? ORG_DEFAULTS.concurrency).trim();
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new InputError(
      `--concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, got "${flags.concurrency}"`,
    );
  }
  const options: OrgOptions = { roleName, concurrency };
  const accounts = accountIds('--accounts', flags.accounts);
  const excludeAccounts = accountIds('--exclude-accounts', flags.excludeAccounts);
  if (accounts) options.accounts = accounts;
  if (excludeAccounts) options.excludeAccounts = excludeAccounts;
  if (flags.shard !== undefined) options.shard = parseShard(flags.shard);
  return options;
}
