import { evaluate } from '../../../src/engine/report.js';
import { resolveRules } from '../../../src/engine/resolve-rules.js';
import { orgScpGuardrailsMissing } from '../../../src/rules/account/org-scp-guardrails-missing.js';
import type { Organization, ServiceControlPolicy, Snapshot } from '../../../src/snapshot/schema.js';
import { denyScp, fullAwsAccess, managedOrganization, organization } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { ACCOUNT, emptySnapshot, NOW, withFailedSection, withSection } from '../../builders/snapshot.js';

const ORGANIZATION_ARN = managedOrganization().arn;

function snapshotOf(
  policies: ServiceControlPolicy[],
  org: Organization | null = managedOrganization(),
): Snapshot {
  return withSection(withSection(emptySnapshot(), 'organization', org), 'serviceControlPolicies', {
    policies,
    accountPath: [
      { id: 'r-a1b2', type: 'ROOT' },
      { id: ACCOUNT, type: 'ACCOUNT' },
    ],
  });
}

describe('org-scp-guardrails-missing in the management account', () => {
  const DEFAULT_ONLY = fullAwsAccess(['r-a1b2', 'ou-a1b2-workload']);

  test.each<{ name: string; policies: ServiceControlPolicy[]; message: string | null }>([
    {
      name: 'a customer SCP on the root',
      policies: [DEFAULT_ONLY, denyScp('DenyLeave', ['organizations:LeaveOrganization'], ['r-a1b2'])],
      message: null,
    },
    {
      name: 'a customer SCP on an OU',
      policies: [DEFAULT_ONLY, denyScp('DenyRegions', ['ec2:*'], ['ou-a1b2-workload'])],
      message: null,
    },
    {
      name: 'FullAWSAccess only',
      policies: [DEFAULT_ONLY],
      message:
        'Organization o-a1b2c3d4e5 attaches no SCP other than FullAWSAccess to its root or any OU: nothing limits what new and existing accounts can do.',
    },
    {
      name: 'a customer SCP on single accounts only',
      policies: [DEFAULT_ONLY, denyScp('DenyLeave', ['organizations:LeaveOrganization'], ['200000000000'])],
      message:
        'Organization o-a1b2c3d4e5 attaches no SCP other than FullAWSAccess to its root or any OU (DenyLeave is attached to single accounts only): ' +
        'nothing limits what new and existing accounts can do.',
    },
    {
      name: 'a customer SCP attached nowhere',
      policies: [DEFAULT_ONLY, denyScp('Draft', ['s3:*'], [])],
      message:
        'Organization o-a1b2c3d4e5 attaches no SCP other than FullAWSAccess to its root or any OU: nothing limits what new and existing accounts can do.',
    },
  ])('$name', ({ policies, message }) => {
    const findings = runRule(orgScpGuardrailsMissing, snapshotOf(policies));
    expect(findings.map(({ resource, message: text }) => ({ resource, message: text }))).toEqual(
      message === null ? [] : [{ resource: ORGANIZATION_ARN, message }],
    );
  });

  test('an organization with consolidated billing only cannot have SCPs, and is reported as such', () => {
    const findings = runRule(
      orgScpGuardrailsMissing,
      snapshotOf([], managedOrganization({ featureSet: 'CONSOLIDATED_BILLING' })),
    );
    expect(findings).toEqual([
      {
        resource: ORGANIZATION_ARN,
        message:
          'Organization o-a1b2c3d4e5 has only consolidated billing enabled, so it cannot use SCPs: nothing above its accounts limits what they can do.',
        evidence: { featureSet: 'CONSOLIDATED_BILLING' },
      },
    ]);
  });
});

describe('org-scp-guardrails-missing: which accounts it concerns', () => {
  const rules = resolveRules([orgScpGuardrailsMissing], {});
  const run = (snapshot: Snapshot) => evaluate([{ snapshot }], rules, { today: new Date(NOW) });

  test.each<{ name: string; snapshot: Snapshot }>([
    {
      name: 'a member account (SCPs skipped: members cannot read them)',
      snapshot: withFailedSection(
        withSection(emptySnapshot(), 'organization', organization()),
        'serviceControlPolicies',
        'skipped',
      ),
    },
    {
      name: 'a standalone account',
      snapshot: withFailedSection(
        withSection(emptySnapshot(), 'organization', null),
        'serviceControlPolicies',
        'skipped',
      ),
    },
  ])('does not apply to $name: no finding and not "not evaluated"', ({ snapshot }) => {
    const report = run(snapshot);
    expect([report.findings, report.notEvaluated]).toEqual([[], []]);
  });

  test.each<{ name: string; snapshot: Snapshot }>([
    {
      name: 'the organization could not be read',
      snapshot: withFailedSection(
        emptySnapshot(),
        'organization',
        'denied',
        'organizations:DescribeOrganization',
      ),
    },
    {
      name: 'the management account could not read its SCPs',
      snapshot: withFailedSection(
        withSection(emptySnapshot(), 'organization', managedOrganization()),
        'serviceControlPolicies',
        'denied',
        'organizations:ListPolicies',
      ),
    },
  ])('is not evaluated when $name', ({ snapshot }) => {
    expect(run(snapshot).notEvaluated.map((entry) => entry.ruleId)).toEqual(['org-scp-guardrails-missing']);
  });
});
