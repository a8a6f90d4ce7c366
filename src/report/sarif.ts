// SARIF 2.1.0 output for code scanning (GitHub, Azure DevOps, any SARIF viewer).
// - GitHub rejects the whole upload if one result has no physical location, so every result has one:
//   the template file and line when the finding came from a template, otherwise the anchor file
//   (--sarif-anchor) at line 1. The ARN is the result's logical location (kind "resource").
// - partialFingerprints carry the engine's fingerprint, so alerts stay matched across runs and
//   rewordings, and suppressed findings stay in the log with their justification.
// - A run that could not check everything says so: executionSuccessful is false and each rule not
//   evaluated, rule error and failed account is a tool execution notification.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  Invocation,
  Location,
  Log,
  MultiformatMessageString,
  Notification,
  PhysicalLocation,
  ReportingDescriptor,
  Result,
} from 'sarif';
import type { Frameworks, RuleDocs } from '../rules/types.js';
import type { Severity } from '../model/severity.js';
import type { Report, ReportFinding, ReportRule } from './model.js';
import type { RenderContext } from './render.js';
import { filesNotAnalysed } from './facts.js';
import { findingResourceName } from './resource-name.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const PROJECT_URL = 'https://github.com/iamspect/iamspect';

/** The rule's section in the generated rule catalogue (docs/rules.md has one heading per rule id). */
export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules.md#${ruleId}`;
}

/** partialFingerprints key; bump the version if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'iamspect/v1';

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub ranks security alerts by `security-severity` (over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
 * medium, 0.1 to 3.9 low). Informational rules get none: they are not vulnerabilities, and without a
 * score GitHub shows them by their level, "note".
 */
const SECURITY_SEVERITY: Partial<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** Kinds of tool notification, declared in driver.notifications so each `descriptor` resolves. */
const NOTIFICATIONS = {
  notEvaluated: {
    id: 'iamspect/rule-not-evaluated',
    text: 'A rule was not evaluated because data it needs could not be collected.',
  },
  ruleError: { id: 'iamspect/rule-error', text: 'A rule failed while evaluating.' },
  accountFailed: { id: 'iamspect/account-not-audited', text: 'An account could not be audited.' },
  warning: { id: 'iamspect/warning', text: 'Something the reader of the results should know.' },
  // Last, and declared only in template reports: the other kinds keep their index in every report.
  fileNotAnalysed: {
    id: 'iamspect/file-not-analysed',
    text: 'A template file could not be scanned, or part of it was not analysed.',
  },
} as const;
const NOTIFICATION_KINDS = Object.keys(NOTIFICATIONS) as Array<keyof typeof NOTIFICATIONS>;

function notificationKindsOf(report: Report): Array<keyof typeof NOTIFICATIONS> {
  return report.files ? NOTIFICATION_KINDS : NOTIFICATION_KINDS.filter((kind) => kind !== 'fileNotAnalysed');
}

/** "on account 123456789012"; nothing in a template report, whose messages name their file. */
function onAccount(accountId: string | undefined, preposition = 'on'): string {
  return accountId === undefined ? '' : ` ${preposition} account ${accountId}`;
}

export function renderSarif(report: Report, context: RenderContext): string {
  const chunks: string[] = [];
  writeSarif(report, context, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * Writes the SARIF log piece by piece: each result is built and serialised on its own, so a large
 * account's results never exist all at once (as objects they take several times their JSON).
 * Compact, not indented: SARIF is read by tools, and indentation would make the log half whitespace.
 */
export function writeSarif(report: Report, context: RenderContext, write: (chunk: string) => void): void {
  const rules = new RuleTable(report);
  const partitions = new Map(report.accounts.map((a) => [a.accountId, a.partition]));
  const toResult = (finding: ReportFinding, baselineState?: Result.baselineState): Result =>
    resultFor(
      finding,
      rules.indexOf(finding.ruleId),
      partitions.get(finding.accountId ?? ''),
      context,
      baselineState,
    );

  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: PROJECT_URL,
            rules: rules.descriptors,
            notifications: notificationKindsOf(report).map((kind) => ({
              id: NOTIFICATIONS[kind].id,
              shortDescription: { text: NOTIFICATIONS[kind].text },
            })),
          },
        },
        invocations: [invocationFor(report, rules, context.cwd)],
        // A template report's files: what was scanned, each with its kind and what became of it.
        ...(report.files && {
          artifacts: report.files.map(({ path, ...about }) => ({
            location: { uri: artifactUri(path, context.cwd) },
            properties: about,
          })),
        }),
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
  // `"results":[]` can only be the run's own key: inside strings JSON escapes the quotes.
  const [before, after, ...extra] = JSON.stringify(log).split(EMPTY_RESULTS);
  if (after === undefined || extra.length > 0)
    throw new Error('SARIF log: results slot not found exactly once');
  write(`${before}"results":[`);
  let first = true;
  const emit = (result: Result) => {
    write(`${first ? '' : ','}${JSON.stringify(result)}`);
    first = false;
  };
  for (const finding of report.findings) {
    emit(toResult(finding, finding.baselineState && BASELINE_STATE[finding.baselineState]));
  }
  // Findings of the baseline that are gone: SARIF viewers show them as fixed.
  for (const finding of report.fixed ?? []) emit(toResult(finding, 'absent'));
  write(`]${after}\n`);
}

const EMPTY_RESULTS = '"results":[]';

const BASELINE_STATE = { new: 'new', existing: 'unchanged' } as const satisfies Record<
  NonNullable<ReportFinding['baselineState']>,
  Result.baselineState
>;

/** driver.rules: the report's rules, plus any rule that only appears in findings (e.g. fixed ones of a rule now off). */
class RuleTable {
  readonly descriptors: ReportingDescriptor[] = [];
  private readonly indexById = new Map<string, number>();

  constructor(report: Report) {
    for (const rule of report.rules) this.add(rule.id, () => describeRule(rule));
    for (const finding of [...report.findings, ...(report.fixed ?? [])]) {
      this.add(finding.ruleId, () => describeUnlistedRule(finding));
    }
  }

  /** Undefined only for a rule id that appears in neither rules nor findings (a notification about it). */
  indexOf(ruleId: string): number | undefined {
    return this.indexById.get(ruleId);
  }

  private add(id: string, describe: () => ReportingDescriptor): void {
    if (this.indexById.has(id)) return;
    this.indexById.set(id, this.descriptors.length);
    this.descriptors.push(describe());
  }
}

function describeRule(rule: ReportRule): ReportingDescriptor {
  return ruleDescriptor(rule.id, rule.title, rule.severity, rule.frameworks, rule.docs);
}

function describeUnlistedRule(finding: ReportFinding): ReportingDescriptor {
  return ruleDescriptor(finding.ruleId, finding.title, finding.severity, finding.frameworks);
}

function ruleDescriptor(
  id: string,
  title: string,
  severity: Severity,
  frameworks: Frameworks,
  docs?: RuleDocs,
): ReportingDescriptor {
  const securitySeverity = SECURITY_SEVERITY[severity];
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: title },
    ...(docs && { fullDescription: { text: docs.rationale }, help: helpFor(docs) }),
    helpUri: ruleDocsUrl(id),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags: ['security', ...frameworkTags(frameworks)],
      ...(securitySeverity !== undefined && { 'security-severity': securitySeverity }),
    },
  };
}

/** Rationale, then remediation, then references: what code scanning shows under "Show more". */
function helpFor({ rationale, remediation, references }: RuleDocs): MultiformatMessageString {
  const referenceList = references.map((url) => `- ${url}`).join('\n');
  const sections = (remediationHeading: string, referencesHeading: string) =>
    [
      rationale,
      `${remediationHeading}${remediation}`,
      references.length > 0 ? `${referencesHeading}${referenceList}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  return {
    text: sections('Remediation:\n', 'References:\n'),
    markdown: sections('**Remediation**\n\n', '**References**\n\n'),
  };
}

/** `user-unused-access-key` -> `UserUnusedAccessKey` (SARIF's name is an identifier-like label). */
function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** { 'cis-aws-5.0': ['1.11'] } -> ['CIS-AWS-5.0/1.11']: tags code-scanning users can filter on. */
export function frameworkTags(frameworks: Frameworks): string[] {
  return Object.entries(frameworks).flatMap(([framework, ids]) =>
    ids.map((id) => `${framework.toUpperCase()}/${id}`),
  );
}

function resultFor(
  finding: ReportFinding,
  ruleIndex: number | undefined,
  partition: string | undefined,
  context: RenderContext,
  baselineState: Result.baselineState | undefined,
): Result {
  const location: Location = {
    physicalLocation: physicalLocationFor(finding, context),
    logicalLocations: [
      {
        name: findingResourceName(finding, partition),
        fullyQualifiedName: finding.resource,
        kind: 'resource',
        ...(finding.accountId !== undefined && { properties: { accountId: finding.accountId } }),
      },
    ],
  };
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    // The location shown is often just the anchor file, so the text names the resource itself.
    message: { text: `${finding.message}\nResource: ${finding.resource}` },
    locations: [location],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      ...(finding.accountId !== undefined && { accountId: finding.accountId }),
      severity: finding.severity,
      ...(finding.evidence !== undefined && { evidence: finding.evidence }),
    },
  };
  if (finding.suppressed) {
    const { reason, expires } = finding.suppressed;
    result.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: reason,
        ...(expires !== undefined && { properties: { expires } }),
      },
    ];
  }
  if (baselineState) result.baselineState = baselineState;
  return result;
}

function physicalLocationFor(finding: ReportFinding, context: RenderContext): PhysicalLocation {
  if (finding.location) {
    const { file, line, column } = finding.location;
    return {
      artifactLocation: { uri: artifactUri(file, context.cwd) },
      region: { startLine: line, startColumn: column },
    };
  }
  return {
    artifactLocation: { uri: artifactUri(context.sarifAnchor, context.cwd) },
    region: { startLine: 1 },
  };
}

/** A URI reference relative to cwd with forward slashes, as code scanning expects for repository files. */
function artifactUri(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const relativePath = relative(cwd, absolute);
  // On Windows a file on another drive has no relative path: fall back to its file:// URL.
  if (isAbsolute(relativePath)) return pathToFileURL(absolute).href;
  return relativePath.split(sep).map(encodeURIComponent).join('/');
}

function invocationFor(report: Report, rules: RuleTable, cwd: string): Invocation {
  const notify = (
    kind: keyof typeof NOTIFICATIONS,
    level: Notification.level,
    text: string,
    extra: Partial<Notification> = {},
  ): Notification => ({
    descriptor: { id: NOTIFICATIONS[kind].id, index: NOTIFICATION_KINDS.indexOf(kind) },
    level,
    message: { text },
    ...extra,
  });
  // associatedRule (not descriptor) is SARIF's reference to the rule a notification is about.
  const aboutRule = (ruleId: string, accountId: string | undefined): Partial<Notification> => ({
    associatedRule: { id: ruleId, index: rules.indexOf(ruleId) },
    ...(accountId !== undefined && { properties: { accountId } }),
  });

  const failedAccounts = report.accounts.filter((a) => a.status === 'failed');
  const notifications: Notification[] = [
    ...failedAccounts.map((account) =>
      notify(
        'accountFailed',
        'error',
        `Account ${account.accountId} could not be audited: ${account.reason ?? 'no reason recorded'}`,
        {
          properties: { accountId: account.accountId },
        },
      ),
    ),
    ...report.ruleErrors.map((e) =>
      notify(
        'ruleError',
        'error',
        `Rule ${e.ruleId} failed${onAccount(e.accountId)}: ${e.message}`,
        aboutRule(e.ruleId, e.accountId),
      ),
    ),
    ...report.notEvaluated.map((n) =>
      n.resource === undefined
        ? notify(
            'notEvaluated',
            'warning',
            `Rule ${n.ruleId} was not evaluated${onAccount(n.accountId)}: ${n.reason}`,
            aboutRule(n.ruleId, n.accountId),
          )
        : notify(
            'notEvaluated',
            'warning',
            `Rule ${n.ruleId} was not evaluated for ${n.resource}${onAccount(n.accountId, 'in')}: ${n.reason}`,
            {
              ...aboutRule(n.ruleId, n.accountId),
              locations: [{ logicalLocations: [{ fullyQualifiedName: n.resource, kind: 'resource' }] }],
            },
          ),
    ),
    ...filesNotAnalysed(report).map((file) =>
      notify(
        'fileNotAnalysed',
        'error',
        `${file.path} ${file.status === 'failed' ? 'could not be scanned' : 'was not analysed whole'}: ${file.reason ?? 'no reason recorded'}`,
        { locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file.path, cwd) } } }] },
      ),
    ),
    ...report.warnings.map((text) => notify('warning', 'warning', text)),
  ];
  return {
    executionSuccessful:
      failedAccounts.length === 0 &&
      filesNotAnalysed(report).length === 0 &&
      report.ruleErrors.length === 0 &&
      report.notEvaluated.length === 0 &&
      report.run?.partial === undefined,
    endTimeUtc: report.generatedAt,
    ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
  };
}
