// `iamspect audit --aws-cli-dir DIR`: a snapshot from AWS CLI outputs saved as files, for people
// who cannot give iamspect credentials but can run (or ask someone to run) read-only CLI commands:
//
//   aws iam generate-credential-report
//   aws iam get-credential-report > get-credential-report.json   (or the decoded CSV as credential-report.csv)
//   aws iam get-account-summary > get-account-summary.json
//   aws iam get-account-password-policy > get-account-password-policy.json   (empty when no policy)
//   aws iam get-account-authorization-details > get-account-authorization-details.json
//   aws iam list-virtual-mfa-devices > list-virtual-mfa-devices.json
//   aws iam list-server-certificates > list-server-certificates.json
//
// and for the account's guard rails:
//
//   aws organizations describe-organization > describe-organization.json   (empty when standalone)
//   aws iam list-organizations-features > list-organizations-features.json (management account only)
//   aws account list-regions > list-regions.json   (or: aws ec2 describe-regions --all-regions > describe-regions.json)
//   aws account get-alternate-contact --alternate-contact-type SECURITY > get-alternate-contact-security.json   (empty when none)
//   aws cloudwatch describe-alarms --region us-east-1 --alarm-types MetricAlarm > describe-alarms.json
//   and in each enabled region R (a shell loop over list-regions.json):
//   aws configservice describe-configuration-recorders --region R > describe-configuration-recorders.R.json
//   aws configservice describe-configuration-recorder-status --region R > describe-configuration-recorder-status.R.json
//   aws configservice describe-delivery-channel-status --region R > describe-delivery-channel-status.R.json
//   aws accessanalyzer list-analyzers --region R > list-analyzers.R.json
//
// A missing file leaves its section `skipped` (rules needing it are "not evaluated", never passed).
// SCPs take several calls per policy and are not read from CLI outputs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { TOOL } from '../version.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { normalizeAuthorizationDetails } from './authorization-details.js';
import { parseCredentialReport } from './credential-report.js';
import {
  normalizeAccountRegions,
  normalizeAnalyzers,
  normalizeBillingAlarms,
  normalizeConfigRegion,
  normalizeEc2Regions,
  normalizeOrganization,
  normalizeOrganizationFeatures,
  normalizeSecurityContact,
} from './guardrail-outputs.js';
import {
  normalizeAccountSummary,
  normalizePasswordPolicy,
  normalizeServerCertificates,
  normalizeVirtualMfaDevices,
} from './iam-outputs.js';
import {
  TIMESTAMP_EXAMPLE,
  awsTimestampSchema,
  isoFromAwsTimestamp,
  validateInput,
} from './input-validation.js';
import type { Section, SectionName, Sections, Snapshot } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from './schema.js';

export interface AwsCliDirOverrides {
  /** ISO timestamp; default: the newest modification time of the files read. */
  collectedAt?: string;
  /** Default: the account in the files' ARNs. */
  accountId?: string;
  accountAlias?: string | null;
  /** Default: the partition in the files' ARNs (aws, aws-cn, aws-us-gov). */
  partition?: string;
}

/** One file read from the directory. */
interface CliFile {
  name: string;
  path: string;
  text: string;
  modified: Date;
}

/** How one snapshot section is read from the directory. */
interface SectionSource<N extends SectionName> {
  section: N;
  /** Accepted file names, any one of which supplies the section. */
  files: readonly string[];
  /** The command(s) that write the file, for the "missing" message. */
  howToSave: string;
  /** The API action behind it. */
  action: string;
  read(file: CliFile): SectionPayload<N>;
}

/** A section's data as collected; for passwordPolicy null means "no policy". */
type SectionPayload<N extends SectionName> = Exclude<Section<N>['data'], undefined>;

/** One SectionSource per section, each with its own data type. */
type AnySectionSource = { [N in SectionName]: SectionSource<N> }[SectionName];

const CREDENTIAL_REPORT_JSON = 'get-credential-report.json';
const LIST_REGIONS = 'list-regions.json';
const CREDENTIAL_REPORT_CSV = 'credential-report.csv';
const AUTHORIZATION_DETAILS = 'get-account-authorization-details.json';

const credentialReportOutput = z.object({
  Content: z.string(),
  ReportFormat: z.string().optional(),
  GeneratedTime: awsTimestampSchema.optional(),
});

const SOURCES: AnySectionSource[] = [
  {
    section: 'credentialReport',
    files: [CREDENTIAL_REPORT_JSON, CREDENTIAL_REPORT_CSV],
    howToSave: `aws iam generate-credential-report, then: aws iam get-credential-report > ${CREDENTIAL_REPORT_JSON}`,
    action: 'iam:GetCredentialReport',
    read: readCredentialReport,
  },
  {
    section: 'accountSummary',
    files: ['get-account-summary.json'],
    howToSave: 'aws iam get-account-summary > get-account-summary.json',
    action: 'iam:GetAccountSummary',
    read: (file) => normalizeAccountSummary(parseCliJson(file), file.path),
  },
  {
    section: 'passwordPolicy',
    files: ['get-account-password-policy.json'],
    howToSave: 'aws iam get-account-password-policy > get-account-password-policy.json',
    action: 'iam:GetAccountPasswordPolicy',
    // With no policy the CLI prints nothing (the NoSuchEntity error goes to stderr), so an empty
    // file is the saved answer "no password policy": data, not an error.
    read: (file) => (file.text.trim() === '' ? null : normalizePasswordPolicy(parseCliJson(file), file.path)),
  },
  {
    section: 'authorizationDetails',
    files: [AUTHORIZATION_DETAILS],
    howToSave: `aws iam get-account-authorization-details > ${AUTHORIZATION_DETAILS}`,
    action: 'iam:GetAccountAuthorizationDetails',
    read: (file) => normalizeAuthorizationDetails(pagesOf(parseCliJson(file)), file.path),
  },
  {
    section: 'virtualMfaDevices',
    files: ['list-virtual-mfa-devices.json'],
    howToSave: 'aws iam list-virtual-mfa-devices > list-virtual-mfa-devices.json',
    action: 'iam:ListVirtualMFADevices',
    read: (file) => normalizeVirtualMfaDevices(pagesOf(parseCliJson(file)), file.path),
  },
  {
    section: 'serverCertificates',
    files: ['list-server-certificates.json'],
    howToSave: 'aws iam list-server-certificates > list-server-certificates.json',
    action: 'iam:ListServerCertificates',
    read: (file) => normalizeServerCertificates(pagesOf(parseCliJson(file)), file.path),
  },
  {
    section: 'organization',
    files: ['describe-organization.json'],
    howToSave: 'aws organizations describe-organization > describe-organization.json',
    action: 'organizations:DescribeOrganization',
    // A standalone account makes the CLI print nothing (AWSOrganizationsNotInUseException goes to stderr).
    read: (file) => (file.text.trim() === '' ? null : normalizeOrganization(parseCliJson(file), file.path)),
  },
  {
    section: 'organizationFeatures',
    files: ['list-organizations-features.json'],
    howToSave:
      'aws iam list-organizations-features > list-organizations-features.json (in the management account)',
    action: 'iam:ListOrganizationsFeatures',
    read: (file) => normalizeOrganizationFeatures(parseCliJson(file), file.path),
  },
  {
    section: 'regions',
    files: [LIST_REGIONS, 'describe-regions.json'],
    howToSave: `aws account list-regions > ${LIST_REGIONS}`,
    action: 'account:ListRegions',
    read: (file) =>
      file.name === LIST_REGIONS
        ? normalizeAccountRegions(pagesOf(parseCliJson(file)), file.path)
        : normalizeEc2Regions(parseCliJson(file), file.path),
  },
  {
    section: 'alternateContacts',
    files: ['get-alternate-contact-security.json'],
    howToSave:
      'aws account get-alternate-contact --alternate-contact-type SECURITY > get-alternate-contact-security.json',
    action: 'account:GetAlternateContact',
    // No SECURITY contact makes the CLI print nothing (ResourceNotFoundException goes to stderr).
    read: (file) =>
      file.text.trim() === '' ? { security: null } : normalizeSecurityContact(parseCliJson(file), file.path),
  },
  {
    section: 'billingAlarms',
    files: ['describe-alarms.json'],
    howToSave:
      'aws cloudwatch describe-alarms --region us-east-1 --alarm-types MetricAlarm > describe-alarms.json',
    action: 'cloudwatch:DescribeAlarms',
    read: (file) => normalizeBillingAlarms(pagesOf(parseCliJson(file)), file.path),
  },
];

/** How a regional section is read: one file per command and enabled region, `<command>.<region>.json`. */
interface RegionalSource<N extends 'configRecorders' | 'accessAnalyzers'> {
  section: N;
  /** File name stems, one per command: `describe-configuration-recorders` -> `describe-configuration-recorders.eu-west-1.json`. */
  commands: readonly string[];
  howToSave: string;
  action: string;
  read(region: string, files: CliFile[]): SectionPayload<N>[number];
}

type AnyRegionalSource = RegionalSource<'configRecorders'> | RegionalSource<'accessAnalyzers'>;

const REGIONAL_SOURCES: AnyRegionalSource[] = [
  {
    section: 'configRecorders',
    commands: [
      'describe-configuration-recorders',
      'describe-configuration-recorder-status',
      'describe-delivery-channel-status',
    ],
    howToSave:
      'in each enabled region R: aws configservice describe-configuration-recorders --region R > describe-configuration-recorders.R.json, ' +
      'and likewise describe-configuration-recorder-status and describe-delivery-channel-status',
    action: 'config:DescribeConfigurationRecorders',
    read: (region, [recorders, statuses, channels]) =>
      normalizeConfigRegion(region, {
        recorders: { output: parseCliJson(recorders!), source: recorders!.path },
        statuses: { output: parseCliJson(statuses!), source: statuses!.path },
        deliveryChannels: { output: parseCliJson(channels!), source: channels!.path },
      }),
  } satisfies RegionalSource<'configRecorders'>,
  {
    section: 'accessAnalyzers',
    commands: ['list-analyzers'],
    howToSave:
      'in each enabled region R: aws accessanalyzer list-analyzers --region R > list-analyzers.R.json',
    action: 'access-analyzer:ListAnalyzers',
    read: (region, [analyzers]) =>
      normalizeAnalyzers(region, pagesOf(parseCliJson(analyzers!)), analyzers!.path),
  } satisfies RegionalSource<'accessAnalyzers'>,
];

const ALL_FILES = SOURCES.flatMap((source) => source.files);

/** Reads a directory of AWS CLI outputs into a snapshot. Every problem is an InputError naming the file. */
export function readAwsCliDir(dir: string, overrides: AwsCliDirOverrides = {}): Snapshot {
  const listing = listDirectory(dir);
  const present = new Set(listing.filter((name) => ALL_FILES.includes(name)));
  if (present.size === 0) {
    throw new InputError(
      `${dir}: holds none of the AWS CLI outputs iamspect reads (${ALL_FILES.join(', ')})`,
      `Save them with: ${SOURCES.map((source) => source.howToSave).join('; ')}`,
    );
  }
  if (present.has(CREDENTIAL_REPORT_JSON) && present.has(CREDENTIAL_REPORT_CSV)) {
    throw new InputError(
      `${dir}: holds both ${CREDENTIAL_REPORT_JSON} and ${CREDENTIAL_REPORT_CSV}; it is unclear which report to audit`,
      'Remove the one that is out of date.',
    );
  }

  // Each entry is written from its own SectionSource, whose read() is typed for that section, so
  // the record is a valid Sections by construction (TypeScript cannot follow that through a loop).
  const sectionRecord: Partial<Record<SectionName, unknown>> = {};
  const modifiedTimes: Date[] = [];
  for (const source of SOURCES) {
    const name = source.files.find((file) => present.has(file));
    if (name === undefined) {
      sectionRecord[source.section] = {
        status: 'skipped',
        error: {
          code: 'FileMissing',
          message: `${source.files.join(' or ')} not found in ${dir} (save it with: ${source.howToSave})`,
          action: source.action,
        },
      };
      continue;
    }
    const file = readCliFile(dir, name);
    modifiedTimes.push(file.modified);
    sectionRecord[source.section] = {
      status: 'ok',
      data: source.read(file),
      // With a collectedAt override (the demo) file times are meaningless: they are install times.
      ...(overrides.collectedAt === undefined && { collectedAt: file.modified.toISOString() }),
    };
  }
  for (const source of REGIONAL_SOURCES) {
    const { section, modified } = readRegionalSection(
      dir,
      source,
      sectionRecord.regions as Sections['regions'],
      new Set(listing),
    );
    modifiedTimes.push(...modified);
    const newest =
      modified.length > 0 ? new Date(Math.max(...modified.map((time) => time.getTime()))) : undefined;
    sectionRecord[source.section] =
      newest && overrides.collectedAt === undefined
        ? { ...section, collectedAt: newest.toISOString() }
        : section;
  }
  const sections = sectionRecord as Sections;

  const derived = accountFromArns(collectArns(sections), dir);
  const accountId = overrides.accountId ?? derived?.accountId;
  const partition = overrides.partition ?? derived?.partition;
  if (accountId === undefined || partition === undefined) {
    throw new InputError(
      `${dir}: cannot tell which account these outputs belong to: no file with IAM ARNs was found`,
      `Add ${AUTHORIZATION_DETAILS} or the credential report (${CREDENTIAL_REPORT_JSON}); their ARNs name the account and partition.`,
    );
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    // Saved CLI outputs carry no collection time of their own: the newest file's modification
    // time is when the last of them was saved, the best stand-in for "when this data was true".
    collectedAt: overrides.collectedAt
      ? collectedAtOverride(overrides.collectedAt)
      : new Date(Math.max(...modifiedTimes.map((time) => time.getTime()))).toISOString(),
    partition,
    accountId,
    accountAlias: overrides.accountAlias ?? readAccountAlias(dir, new Set(listing)),
    source: { kind: 'aws-cli', path: dir },
    sections,
  };
}

/**
 * A regional section from its per-region files: one set per enabled region of the regions section.
 * A region without its files leaves the whole section skipped, naming what is missing: a region
 * nobody looked at must not pass.
 */
function readRegionalSection(
  dir: string,
  source: AnyRegionalSource,
  regions: Sections['regions'],
  listing: ReadonlySet<string>,
): { section: object; modified: Date[] } {
  const skipped = (message: string) => ({
    section: { status: 'skipped', error: { code: 'FileMissing', message, action: source.action } },
    modified: [],
  });
  if (regions?.status !== 'ok' || !regions.data) {
    return skipped(
      `${source.section} needs the account's regions: save ${LIST_REGIONS} first (aws account list-regions > ${LIST_REGIONS})`,
    );
  }
  const enabled = regions.data.filter((region) => region.enabled).map((region) => region.name);
  const expected = enabled.flatMap((region) => source.commands.map((command) => `${command}.${region}.json`));
  const missing = expected.filter((name) => !listing.has(name));
  if (missing.length > 0) {
    const shown =
      missing.length > 3
        ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more`
        : missing.join(', ');
    return skipped(`${shown} not found in ${dir} (save them with: ${source.howToSave})`);
  }
  const modified: Date[] = [];
  const data = enabled.map((region) => {
    const files = source.commands.map((command) => readCliFile(dir, `${command}.${region}.json`));
    modified.push(...files.map((file) => file.modified));
    return source.read(region, files);
  });
  return { section: { status: 'ok', data }, modified };
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new InputError(`${dir}: directory not found`, 'Check the path given to --aws-cli-dir.');
    if (code === 'ENOTDIR') {
      throw new InputError(
        `${dir}: is a file, not a directory of AWS CLI outputs`,
        'Pass the directory holding the files.',
      );
    }
    throw new InputError(`${dir}: cannot read the directory (${(error as Error).message})`);
  }
}

const ACCOUNT_ALIASES = 'list-account-aliases.json';

/** The alias from `aws iam list-account-aliases` when it was saved; only for people reading reports. */
function readAccountAlias(dir: string, present: ReadonlySet<string>): string | null {
  if (!present.has(ACCOUNT_ALIASES)) return null;
  const file = readCliFile(dir, ACCOUNT_ALIASES);
  const output = validateInput(
    z.object({ AccountAliases: z.array(z.string()) }),
    parseCliJson(file),
    file.path,
    'Save it with: aws iam list-account-aliases > list-account-aliases.json',
  );
  return output.AccountAliases[0] ?? null;
}

function readCliFile(dir: string, name: string): CliFile {
  const path = join(dir, name);
  const text = readInputFile(path, 'AWS CLI output');
  return { name, path, text, modified: statSync(path).mtime };
}

function parseCliJson(file: CliFile): unknown {
  return parseJsonText(file.text, file.path, 'AWS CLI output');
}

/** The CLI merges pages into one output; pages saved one by one can be given as a JSON array. */
function pagesOf(json: unknown): unknown[] {
  return Array.isArray(json) ? json : [json];
}

function readCredentialReport(file: CliFile): SectionPayload<'credentialReport'> {
  if (file.name === CREDENTIAL_REPORT_CSV) return parseCredentialReport(file.text, null, file.path);
  const output = validateInput(credentialReportOutput, parseCliJson(file), file.path);
  if (output.ReportFormat !== undefined && output.ReportFormat !== 'text/csv') {
    throw new InputError(
      `${file.path}: ReportFormat is "${output.ReportFormat}"; iamspect reads text/csv reports`,
    );
  }
  // The CLI prints the Content blob base64-encoded (the SDK hands it over already decoded).
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(output.Content)) {
    throw new InputError(
      `${file.path}: Content is not base64 (expected the output of aws iam get-credential-report)`,
    );
  }
  const csv = Buffer.from(output.Content, 'base64').toString('utf8');
  return parseCredentialReport(csv, output.GeneratedTime ?? null, `${file.path} (decoded Content)`);
}

function collectedAtOverride(value: string): string {
  const iso = isoFromAwsTimestamp(value);
  if (iso === null)
    throw new InputError(`collectedAt "${value}" is not a timestamp (expected e.g. ${TIMESTAMP_EXAMPLE})`);
  return iso;
}

/** Every ARN in the collected sections that names an IAM entity of this account. */
function collectArns(sections: Sections): Array<{ arn: string; file: string }> {
  const arns: Array<{ arn: string; file: string }> = [];
  const add = (file: string, list: Array<string | null>) =>
    list.forEach((arn) => arn !== null && arns.push({ arn, file }));
  const report = sections.credentialReport?.data;
  if (report)
    add(
      'credential report',
      report.rows.map((row) => row.arn),
    );
  const details = sections.authorizationDetails?.data;
  if (details) {
    add(AUTHORIZATION_DETAILS, [
      ...details.users.map((user) => user.arn),
      ...details.groups.map((group) => group.arn),
      ...details.roles.map((role) => role.arn),
      // AWS managed policies have the account `aws`, which accountFromArns skips.
      ...details.policies.map((policy) => policy.arn),
    ]);
  }
  const devices = sections.virtualMfaDevices?.data;
  if (devices)
    add(
      'list-virtual-mfa-devices.json',
      devices.flatMap((device) => [device.serialNumber, device.userArn]),
    );
  const certificates = sections.serverCertificates?.data;
  if (certificates)
    add(
      'list-server-certificates.json',
      certificates.map((certificate) => certificate.arn),
    );
  return arns;
}

// arn:PARTITION:iam::ACCOUNT:resource (IAM ARNs have no region).
const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):/;

/** The one account and partition the ARNs name; an error when the files mix accounts. */
function accountFromArns(
  arns: Array<{ arn: string; file: string }>,
  dir: string,
): { accountId: string; partition: string } | undefined {
  let first: { accountId: string; partition: string; file: string } | undefined;
  for (const { arn, file } of arns) {
    const match = IAM_ARN.exec(arn);
    if (!match) continue;
    const [, partition = '', accountId = ''] = match;
    if (!first) {
      first = { accountId, partition, file };
    } else if (first.accountId !== accountId || first.partition !== partition) {
      throw new InputError(
        `${dir}: the files mix accounts: ${first.file} names arn:${first.partition}:iam::${first.accountId}, ${file} names ${arn}`,
        'Keep the outputs of one account per directory.',
      );
    }
  }
  return first && { accountId: first.accountId, partition: first.partition };
}
