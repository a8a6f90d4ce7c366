import { evaluate } from '../../../src/engine/report.js';
import { resolveRules } from '../../../src/engine/resolve-rules.js';
import { rootCredentialsNotCentralized } from '../../../src/rules/root/root-credentials-not-centralized.js';
import type { OrganizationFeatures, Snapshot } from '../../../src/snapshot/schema.js';
import { managedOrganization, ORGANIZATION_ID, organization } from '../../builders/guardrails.js';
import { runRule } from '../../builders/rules.js';
import { emptySnapshot, NOW, withFailedSection, withSection } from '../../builders/snapshot.js';

function managementSnapshot(features: OrganizationFeatures): Snapshot {
  return withSection(
    withSection(emptySnapshot(), 'organization', managedOrganization()),
    'organizationFeatures',
    features,
  );
}

describe('root-credentials-not-centralized in the management account', () => {
  test.each<{ name: string; enabledFeatures: string[]; reported: boolean }>([
    {
      name: 'both features on',
      enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
      reported: false,
    },
    {
      name: 'root credentials management on, root sessions off',
      enabledFeatures: ['RootCredentialsManagement'],
      reported: false,
    },
    { name: 'only root sessions on', enabledFeatures: ['RootSessions'], reported: true },
    { name: 'nothing on (or IAM trusted access not enabled)', enabledFeatures: [], reported: true },
  ])('$name', ({ enabledFeatures, reported }) => {
    const findings = runRule(
      rootCredentialsNotCentralized,
      managementSnapshot({ organizationId: ORGANIZATION_ID, enabledFeatures }),
    );
    expect(findings).toEqual(
      reported
        ? [
            {
              resource: managedOrganization().arn,
              message:
                'Organization o-a1b2c3d4e5 does not manage root credentials centrally (RootCredentialsManagement is off): ' +
                'every member account keeps its own root password, keys and MFA to protect.',
              evidence: { enabledFeatures },
            },
          ]
        : [],
    );
  });
});

describe('root-credentials-not-centralized: which accounts it concerns', () => {
  const rules = resolveRules([rootCredentialsNotCentralized], {});
  const run = (snapshot: Snapshot) => evaluate([{ snapshot }], rules, { today: new Date(NOW) });

  test.each<{ name: string; snapshot: Snapshot }>([
    {
      name: 'a member account (IAM answers only the management account)',
      snapshot: withFailedSection(
        withSection(emptySnapshot(), 'organization', organization()),
        'organizationFeatures',
        'skipped',
      ),
    },
    {
      name: 'a standalone account',
      snapshot: withSection(withSection(emptySnapshot(), 'organization', null), 'organizationFeatures', {
        organizationId: null,
        enabledFeatures: [],
      }),
    },
  ])('does not apply to $name', ({ snapshot }) => {
    const report = run(snapshot);
    expect([report.findings, report.notEvaluated]).toEqual([[], []]);
  });

  test('with the organization unknown it still judges the features it has', () => {
    const snapshot = withSection(
      withFailedSection(emptySnapshot(), 'organization', 'denied'),
      'organizationFeatures',
      {
        organizationId: ORGANIZATION_ID,
        enabledFeatures: [],
      },
    );
    expect(run(snapshot).findings.map((finding) => finding.resource)).toEqual([
      'arn:aws:iam::123456789012:root',
    ]);
  });

  test('is not evaluated when the management account could not read the features', () => {
    const snapshot = withFailedSection(
      withSection(emptySnapshot(), 'organization', managedOrganization()),
      'organizationFeatures',
      'denied',
      'iam:ListOrganizationsFeatures',
    );
    expect(run(snapshot).notEvaluated.map((entry) => entry.ruleId)).toEqual([
      'root-credentials-not-centralized',
    ]);
  });
});
