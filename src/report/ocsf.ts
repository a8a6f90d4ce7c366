// The OCSF output: one Detection Finding event (class 2004, OCSF 1.6.0 with the Cloud profile) per
// finding, as a JSON array. AWS Security Hub and most security data lakes ingest OCSF, so this is
// the format for shipping iamspect's findings into them. Every constant below is the OCSF
// schema's own value (test/report/ocsf/README.md names the source); the tests validate the events
// against a schema for that class.
//
// Lifecycle: a finding of this run is created (activity Create) and New, or Suppressed when a
// suppression or the baseline accepted it. With --baseline, a finding of the baseline that this
// run re-checked and no longer sees is closed (activity Close) as Resolved, so a consumer that
// tracks findings by uid (the fingerprint) closes it too.
import type { Report, ReportFinding, ReportRule } from './model.js';
import type { Severity } from '../model/severity.js';

/** The OCSF version the events follow (metadata.version). */
export const OCSF_VERSION = '1.6.0';

const DETECTION_FINDING = { uid: 2004, name: 'Detection Finding' } as const;
const FINDINGS_CATEGORY = { uid: 2, name: 'Findings' } as const;

/** Finding activity_id values iamspect emits. */
const ACTIVITY = {
  create: { id: 1, name: 'Create' },
  close: { id: 3, name: 'Close' },
} as const;

/** Finding status_id values iamspect emits. */
const STATUS = {
  new: { id: 1, name: 'New' },
  suppressed: { id: 3, name: 'Suppressed' },
  resolved: { id: 4, name: 'Resolved' },
} as const;

const SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** analytic.type_id 1: the finding comes from a rule. */
const RULE_ANALYTIC = { id: 1, name: 'Rule' } as const;

/** account.type_id 10. */
const AWS_ACCOUNT = { id: 10, name: 'AWS Account' } as const;

/** The framework id whose control goes in compliance.control: Security Hub's own control ids. */
const SECURITY_HUB_FRAMEWORK = 'aws-security-hub';

/**
 * IAM resource kinds (the ARN's resource part before the first slash) to the resource type names
 * AWS Security Hub uses for them; anything else is "Other".
 */
const IAM_RESOURCE_TYPES: Record<string, string> = {
  user: 'AwsIamUser',
  role: 'AwsIamRole',
  group: 'AwsIamGroup',
  policy: 'AwsIamPolicy',
  root: 'AwsAccount',
};

interface EventState {
  activity: (typeof ACTIVITY)[keyof typeof ACTIVITY];
  status: (typeof STATUS)[keyof typeof STATUS];
  detail?: string;
}

export function renderOcsf(report: Report): string {
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  const time = Date.parse(report.generatedAt);
  const event = (finding: ReportFinding, state: EventState) =>
    detectionFinding(report, rules.get(finding.ruleId), finding, state, time);
  const events = [
    ...report.findings.map((finding) => event(finding, stateOf(finding))),
    ...(report.fixed ?? []).map((finding) =>
      event(finding, {
        activity: ACTIVITY.close,
        status: STATUS.resolved,
        detail: 'Gone since the baseline report',
      }),
    ),
  ];
  return `${JSON.stringify(events, null, 2)}\n`;
}

function stateOf(finding: ReportFinding): EventState {
  if (finding.suppressed) {
    return {
      activity: ACTIVITY.create,
      status: STATUS.suppressed,
      detail: `Suppressed: ${finding.suppressed.reason}`,
    };
  }
  if (finding.baselineState === 'existing') {
    return { activity: ACTIVITY.create, status: STATUS.suppressed, detail: 'In the baseline report' };
  }
  return { activity: ACTIVITY.create, status: STATUS.new };
}

function detectionFinding(
  report: Report,
  rule: ReportRule | undefined,
  finding: ReportFinding,
  state: EventState,
  time: number,
): Record<string, unknown> {
  const severity = SEVERITY[finding.severity];
  return {
    activity_id: state.activity.id,
    activity_name: state.activity.name,
    category_uid: FINDINGS_CATEGORY.uid,
    category_name: FINDINGS_CATEGORY.name,
    class_uid: DETECTION_FINDING.uid,
    class_name: DETECTION_FINDING.name,
    // OCSF defines type_uid as class_uid * 100 + activity_id.
    type_uid: DETECTION_FINDING.uid * 100 + state.activity.id,
    type_name: `${DETECTION_FINDING.name}: ${state.activity.name}`,
    severity_id: severity.id,
    severity: severity.name,
    status_id: state.status.id,
    status: state.status.name,
    status_detail: state.detail,
    message: finding.message,
    time,
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: { name: report.tool.name, vendor_name: report.tool.name, version: report.tool.version },
    },
    finding_info: {
      uid: finding.fingerprint,
      title: finding.title,
      desc: finding.message,
      types: [finding.ruleId],
      analytic: {
        uid: finding.ruleId,
        name: finding.title,
        type_id: RULE_ANALYTIC.id,
        type: RULE_ANALYTIC.name,
      },
    },
    cloud: {
      provider: 'AWS',
      // A template finding is in no account yet: the resource's ARN says what it will be.
      ...(finding.accountId !== undefined && {
        account: { uid: finding.accountId, type_id: AWS_ACCOUNT.id, type: AWS_ACCOUNT.name },
      }),
    },
    resources: [resourceDetails(finding.resource)],
    compliance: compliance(finding),
    remediation: rule && { desc: rule.docs.remediation, references: rule.docs.references },
  };
}

/** The resource as OCSF resource_details: its ARN, type and partition (`arn:PARTITION:service:...`). */
function resourceDetails(arn: string): Record<string, string> {
  const [prefix, partition, service, , , ...rest] = arn.split(':');
  if (prefix !== 'arn' || !partition) return { uid: arn, type: 'Other' };
  const kind = rest.join(':').split('/')[0] ?? '';
  const type = service === 'iam' ? (IAM_RESOURCE_TYPES[kind] ?? 'Other') : 'Other';
  return { uid: arn, type, cloud_partition: partition };
}

/**
 * OCSF 1.6 gives a finding one compliance object with one control, while an iamspect finding maps
 * to several standards at once (five CIS versions and Security Hub): `standards` lists them all,
 * `requirements` every "standard control" pair, and `control` holds the Security Hub control id,
 * the one Security Hub itself files findings under.
 */
function compliance(finding: ReportFinding): Record<string, unknown> | undefined {
  const mapped = Object.entries(finding.frameworks).filter(([, controls]) => controls.length > 0);
  if (mapped.length === 0) return undefined;
  return {
    standards: mapped.map(([framework]) => framework),
    control: finding.frameworks[SECURITY_HUB_FRAMEWORK]?.[0],
    requirements: mapped.flatMap(([framework, controls]) =>
      controls.map((control) => `${framework} ${control}`),
    ),
  };
}
