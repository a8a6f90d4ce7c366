// The command-line flags of a live collection (--profile, --role-arn...) and of an organization's
// run (--org, --shard...), shared by `audit` and `collect`. Only the declarations live here: the
// values are validated by collect/options.ts and collect/org-options.ts, which know nothing of
// commander.
import type { Command } from 'commander';
import { COLLECT_DEFAULTS } from '../collect/options.js';
import { ORG_DEFAULTS } from '../collect/org-options.js';

/** A repeatable comma-separated flag (`--rules a,b --rules c`): every id, blanks dropped. It lives
 * here, not with the report flags, so the commands reading one account load no report code. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...ids];
}

export function addLiveOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile from the shared config/credentials files (default: AWS_PROFILE)')
    .option('--region <region>', "region for AWS API calls (default: AWS_REGION or the profile's region)")
    .option(
      '--regions <list>',
      'scan only these enabled regions for the regional guard rails (comma-separated; default: every enabled region)',
    )
    .option(
      '--role-arn <arn>',
      'assume this IAM role and collect as it (read-only permissions: `iamspect permissions`)',
    )
    .option(
      '--external-id <id>',
      'external id required by the role in --role-arn (with --org: by the member roles too)',
    )
    .option(
      '--role-session-name <name>',
      'session name for --role-arn, seen in CloudTrail',
      COLLECT_DEFAULTS.roleSessionName,
    )
    .option(
      '--max-attempts <n>',
      'attempts per AWS call, retries on throttling included',
      String(COLLECT_DEFAULTS.maxAttempts),
    )
    .option(
      '--credential-report-timeout <seconds>',
      'how long to wait for IAM to generate the credential report',
      String(COLLECT_DEFAULTS.credentialReportTimeoutMs / 1000),
    )
    .option('--quiet', 'no progress on stderr while collecting');
}

export function addOrgOptions(command: Command): Command {
  return command
    .option(
      '--org',
      'audit every account of the AWS Organization, from its management account or a delegated administrator',
    )
    .option(
      '--role-name <name>',
      'with --org: role assumed in each member account (needs the policy of `iamspect permissions`)',
      ORG_DEFAULTS.roleName,
    )
    .option('--concurrency <n>', 'with --org: accounts collected at once', String(ORG_DEFAULTS.concurrency))
    .option('--accounts <ids>', 'with --org: only these account ids (comma-separated)', commaList)
    .option('--exclude-accounts <ids>', 'with --org: skip these account ids (comma-separated)', commaList)
    .option(
      '--shard <K/N>',
      'with --org: collect only shard K of N of the sorted account list (run N jobs, then `iamspect merge`)',
    );
}
