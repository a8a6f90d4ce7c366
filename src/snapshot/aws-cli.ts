// `iamspect audit --aws-cli-dir DIR`: a snapshot from AWS CLI outputs saved as files, for people
// who cannot give iamspect credentials but can run (or ask someone to run) read-only CLI commands.
// Which files, and the commands that save them, each section module says (`awsCli` in
// src/sections/<name>.ts); README.md has them as one script. Regional sections are read from one
// file per command and enabled region (`list-analyzers.eu-west-1.json`), after the regions.
//
// A missing file leaves its section `skipped`, and a partial one (without a key the API always
// returns, or one page of several) makes it `error`: either way rules needing it are "not
// evaluated", never passed. SCPs take several calls per policy and are not read from CLI outputs.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { AUTHORIZATION_DETAILS } from '../sections/authorization-details.js';
import { CREDENTIAL_REPORT_CSV, CREDENTIAL_REPORT_JSON } from '../sections/credential-report.js';
import { SECTIONS } from '../sections/index.js';
import { LIST_REGIONS } from '../sections/regions.js';
import { TOOL } from '../version.js';
import { readInputFile } from '../util/input-file.js';
import type { AwsCliFileSource, AwsCliRegionalSource, CliFile, CliOutput } from './aws-cli-file.js';
import { parseCliJson, regionalFile } from './aws-cli-file.js';
import {
  TIMESTAMP_EXAMPLE,
  incompleteOutput,
  isoFromAwsTimestamp,
  validateInput,
} from './input-validation.js';
import type { SectionName, Sections, Snapshot } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from './schema.js';
import type { TimeInside } from './times-inside.js';
import { newestTime } from './times-inside.js';

export interface AwsCliDirOverrides {
  /** ISO timestamp; default: the newest time inside the files (else their newest modification time). */
  collectedAt?: string;
  /** Default: the account in the files' ARNs. */
  accountId?: string;
  accountAlias?: string | null;
  /** Default: the partition in the files' ARNs (aws, aws-cn, aws-us-gov). */
  partition?: string;
}

/** A section read from one file, or from one file per command and region, with its name. */
type FileSource = AwsCliFileSource<unknown> & { section: SectionName };
type RegionalSource = AwsCliRegionalSource<unknown> & { section: SectionName };

// Each section module says how it is read (`awsCli`): what each API always returns, so a key that
// is missing means a trimmed or garbled file, never "none", and which key of a page says more
// pages follow (the AWS CLI writes such a page with --no-paginate, and NextToken with --max-items).
// The sections are read in snapshot order, the regional ones after the regions they need.
const SOURCES: FileSource[] = SECTIONS.flatMap((definition) =>
  definition.awsCli.kind === 'file'
    ? [{ ...(definition.awsCli as AwsCliFileSource<unknown>), section: definition.name }]
    : [],
);

const REGIONAL_SOURCES: RegionalSource[] = SECTIONS.flatMap((definition) =>
  definition.awsCli.kind === 'per-region'
    ? [{ ...(definition.awsCli as AwsCliRegionalSource<unknown>), section: definition.name }]
    : [],
);

/** The sections no AWS CLI output gives, and why (each section module says so). */
export const NOT_READ_FROM_AWS_CLI: Partial<Record<SectionName, string>> = Object.fromEntries(
  SECTIONS.flatMap((definition) =>
    definition.awsCli.kind === 'not-read' ? [[definition.name, definition.awsCli.why]] : [],
  ),
);

/** The sections read from AWS CLI outputs, in the order the reader fills them, with the action each names. */
export const AWS_CLI_SECTIONS: ReadonlyArray<{ section: SectionName; action: string }> = [
  ...SOURCES,
  ...REGIONAL_SOURCES,
].map(({ section, action }) => ({ section, action }));

const ALL_FILES = SOURCES.flatMap((source) => source.files.map((file) => file.name));

/** What the reader learnt on its way through the directory, besides the sections. */
interface ReadProgress {
  /** Every file read, for the fallback audit time. */
  files: CliFile[];
  /** Every time inside them, labelled with its file. */
  times: TimeInside[];
}

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
  const progress: ReadProgress = { files: [], times: [] };
  const filesBySection: Partial<Record<SectionName, CliFile>> = {};
  for (const source of SOURCES) {
    const output = source.files.find((file) => present.has(file.name));
    if (output === undefined) {
      sectionRecord[source.section] = {
        status: 'skipped',
        error: {
          code: 'FileMissing',
          message: `${source.files.map((file) => file.name).join(' or ')} not found in ${dir} (save it with: ${source.howToSave})`,
          action: source.action,
        },
      };
      continue;
    }
    const file = readCliFile(dir, output);
    progress.files.push(file);
    filesBySection[source.section] = file;
    sectionRecord[source.section] = readSection(source, file, progress);
  }
  for (const source of REGIONAL_SOURCES) {
    sectionRecord[source.section] = readRegionalSection(
      dir,
      source,
      sectionRecord.regions as Sections['regions'],
      new Set(listing),
      progress,
    );
  }
  const sections = sectionRecord as Sections;
  const { credentialReport: reportFile, authorizationDetails: detailsFile } = filesBySection;
  if (reportFile && detailsFile) {
    const mismatch = usersMissingFromDetails(sections, reportFile, detailsFile);
    if (mismatch) sections.authorizationDetails = mismatch;
    const cut = usersMissingFromReport(sections, reportFile, detailsFile);
    if (cut) sections.credentialReport = cut;
  }

  const derived = accountFromArns(collectArns(sections), dir);
  const accountId = overrides.accountId ?? derived?.accountId;
  const partition = overrides.partition ?? derived?.partition;
  if (accountId === undefined || partition === undefined) {
    throw new InputError(
      `${dir}: cannot tell which account these outputs belong to: no file with IAM ARNs was found`,
      `Add ${AUTHORIZATION_DETAILS} or the credential report (${CREDENTIAL_REPORT_JSON}); their ARNs name the account and partition.`,
    );
  }
  const audited: { collectedAt: string; collectedAtFrom?: string } =
    overrides.collectedAt === undefined
      ? auditTime(progress)
      : { collectedAt: collectedAtOverride(overrides.collectedAt) };
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    collectedAt: audited.collectedAt,
    partition,
    accountId,
    accountAlias: overrides.accountAlias ?? readAccountAlias(dir, new Set(listing)),
    source: {
      kind: 'aws-cli',
      path: dir,
      ...(audited.collectedAtFrom !== undefined && { collectedAtFrom: audited.collectedAtFrom }),
    },
    sections,
  };
}

/** One section from its file: an error section when the file is partial, else its data. */
function readSection(source: FileSource, file: CliFile, progress: ReadProgress): object {
  const partial = partialOutput(file, source.howToSave);
  if (partial !== undefined) return errorSection('PartialOutput', partial, source.action);
  const data = source.read(file);
  if (source.timesInside) {
    progress.times.push(
      ...source.timesInside(data).map(({ what, time }) => ({ what: `${what} in ${file.output.name}`, time })),
    );
  }
  return { status: 'ok', data };
}

/**
 * Why `file` holds only part of its API's answer, naming the file and how to save it whole, or
 * undefined when it is complete. An empty file is never partial: it is either a saved "none" or
 * not JSON, which its reader reports.
 */
function partialOutput(file: CliFile, howToSave: string): string | undefined {
  const { shape } = file.output;
  if (shape === undefined || file.text.trim() === '') return undefined;
  const problem = incompleteOutput(parseCliJson(file), shape, file.path);
  if (problem === undefined) return undefined;
  const everyPage =
    shape.more === undefined
      ? ''
      : ', without --max-items or --no-paginate, so that the AWS CLI saves every page';
  return `${problem}; save it again with: ${howToSave}${everyPage}`;
}

function errorSection(code: string, message: string, action: string): object {
  return { status: 'error', error: { code, message, action } };
}

/**
 * A regional section from its per-region files: one set per enabled region of the regions section.
 * A region without its files leaves the whole section skipped, naming what is missing, and a
 * partial file makes it an error: a region nobody looked at must not pass.
 */
function readRegionalSection(
  dir: string,
  source: RegionalSource,
  regions: Sections['regions'],
  listing: ReadonlySet<string>,
  progress: ReadProgress,
): object {
  const skipped = (message: string) => ({
    status: 'skipped',
    error: { code: 'FileMissing', message, action: source.action },
  });
  if (regions?.status !== 'ok' || !regions.data) {
    return skipped(
      regions?.status === 'error'
        ? `${source.section} needs the account's regions, and they could not be read: ${regions.error?.message}`
        : `${source.section} needs the account's regions: save ${LIST_REGIONS} first (aws account list-regions > ${LIST_REGIONS})`,
    );
  }
  const enabled = regions.data.filter((region) => region.enabled).map((region) => region.name);
  const expected = enabled.flatMap((region) =>
    source.commands.map((command) => regionalFile(command.name, region)),
  );
  const missing = expected.filter((name) => !listing.has(name));
  if (missing.length > 0) {
    return skipped(`${firstFew(missing)} not found in ${dir} (save them with: ${source.howToSave})`);
  }
  const perRegion = enabled.map((region) => ({
    region,
    files: source.commands.map((command) =>
      readCliFile(dir, { ...command, name: regionalFile(command.name, region) }),
    ),
  }));
  const files = perRegion.flatMap((entry) => entry.files);
  progress.files.push(...files);
  for (const file of files) {
    const partial = partialOutput(file, source.howToSave);
    if (partial !== undefined) return errorSection('PartialOutput', partial, source.action);
  }
  const data = perRegion.map(({ region, files: regionFiles }) => source.read(region, regionFiles));
  const { timesInside } = source;
  if (timesInside) progress.times.push(...data.flatMap((entry) => timesInside(entry)));
  return { status: 'ok', data };
}

/** Up to three names, then how many more: `a, b, c and 4 more`. */
function firstFew(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** The credential report and the authorization details, when both were read whole. */
function bothUserLists(sections: Sections) {
  const report = sections.credentialReport;
  const details = sections.authorizationDetails;
  if (report?.status !== 'ok' || details?.status !== 'ok' || !report.data || !details.data) return undefined;
  return { report: report.data, details: details.data };
}

/** The section that cannot be trusted because the two files do not tell the same story. */
function outputsDisagree(what: (users: string) => string, missing: readonly string[], action: string) {
  const users = missing.length === 1 ? '1 user' : `${missing.length} users`;
  return {
    status: 'error' as const,
    error: {
      code: 'OutputsDisagree',
      message:
        `${what(users)} (${firstFew(missing)}): one of the two files is stale or partial; ` +
        'save both again, one right after the other',
      action,
    },
  };
}

/**
 * The authorization details as an error when the credential report lists users they do not:
 * one of the two files is older than the other, or partial, and rules reading the details would
 * pass those users unseen. (Users the report lacks are normal: IAM serves a report up to 4 hours old.)
 */
function usersMissingFromDetails(
  sections: Sections,
  reportFile: CliFile,
  detailsFile: CliFile,
): Sections['authorizationDetails'] | undefined {
  const lists = bothUserLists(sections);
  if (!lists) return undefined;
  const listed = new Set(lists.details.users.map((user) => user.arn));
  const missing = lists.report.rows
    .filter((row) => !row.isRoot && !listed.has(row.arn))
    .map((row) => row.user);
  if (missing.length === 0) return undefined;
  return outputsDisagree(
    (users) => `${reportFile.path} lists ${users} that ${detailsFile.path} does not`,
    missing,
    'iam:GetAccountAuthorizationDetails',
  );
}

/**
 * The credential report as an error when it lacks users that existed when it was generated: a
 * report cut at a line end reads as a shorter report, and those users' credentials would pass
 * unseen. A user existed then if the details date it before the report's GeneratedTime or before
 * the newest user the report lists (when the CSV alone was saved, it carries no GeneratedTime).
 * Users created later are expected to be missing: IAM serves a report up to 4 hours old.
 */
function usersMissingFromReport(
  sections: Sections,
  reportFile: CliFile,
  detailsFile: CliFile,
): Sections['credentialReport'] | undefined {
  const lists = bothUserLists(sections);
  if (!lists) return undefined;
  const times = [lists.report.generatedTime, ...lists.report.rows.map((row) => row.userCreationTime)]
    .filter((time): time is string => time !== null)
    .map((time) => Date.parse(time));
  if (times.length === 0) return undefined;
  const existedBy = Math.max(...times);
  const listed = new Set(lists.report.rows.map((row) => row.arn));
  const missing = lists.details.users
    .filter(
      (user) => !listed.has(user.arn) && user.createDate !== null && Date.parse(user.createDate) < existedBy,
    )
    .map((user) => user.name);
  if (missing.length === 0) return undefined;
  return outputsDisagree(
    (users) =>
      `${reportFile.path} lacks ${users} that ${detailsFile.path} lists and that existed when the report was generated`,
    missing,
    'iam:GetCredentialReport',
  );
}

/**
 * When the data was true: the newest time inside the files, or, when no file holds one, the
 * newest file's modification time (which a copy or a fresh clone resets to "now"), and which it is.
 */
function auditTime(progress: ReadProgress): { collectedAt: string; collectedAtFrom: string } {
  const newest = newestTime(progress.times);
  if (newest) {
    return { collectedAt: newest.time, collectedAtFrom: `${newest.what} (the newest time inside the files)` };
  }
  return {
    collectedAt: new Date(Math.max(...progress.files.map((file) => file.modified.getTime()))).toISOString(),
    collectedAtFrom: 'the newest modification time of the files (no file holds a time of its own)',
  };
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
  const file = readCliFile(dir, { name: ACCOUNT_ALIASES });
  const output = validateInput(
    z.object({ AccountAliases: z.array(z.string()) }),
    parseCliJson(file),
    file.path,
    'Save it with: aws iam list-account-aliases > list-account-aliases.json',
  );
  return output.AccountAliases[0] ?? null;
}

function readCliFile(dir: string, output: CliOutput): CliFile {
  const path = join(dir, output.name);
  const text = readInputFile(path, 'AWS CLI output');
  return { output, path, text, modified: statSync(path).mtime };
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
