import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { AccessAnalyzerRegion } from '../../snapshot/schema.js';
import { perEnabledRegion } from '../shared/guardrails.js';
import { joinWithAnd } from '../../util/words.js';
import { cis, defineRule } from '../types.js';

/** Analyzers of external access: of this account's resources, or (in its administrator) of the organization's. */
const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

function problem({ analyzers }: AccessAnalyzerRegion): string | undefined {
  const external = analyzers.filter((analyzer) => EXTERNAL_ACCESS_TYPES.has(analyzer.type));
  if (external.some((analyzer) => analyzer.status?.toUpperCase() === 'ACTIVE')) return undefined;
  if (external.length > 0) {
    const states = external.map(
      (analyzer) => `${analyzer.name} is ${analyzer.status ?? 'in an unknown state'}`,
    );
    return `has no active external-access analyzer (${joinWithAnd(states)})`;
  }
  if (analyzers.length > 0) {
    const types = [...new Set(analyzers.map((analyzer) => analyzer.type))].sort();
    return `has only ${joinWithAnd(types)} analyzers, none for external access`;
  }
  return 'has no IAM Access Analyzer';
}

export const accessAnalyzerDisabled = defineRule({
  id: 'access-analyzer-disabled',
  title: 'IAM Access Analyzer watches every enabled region',
  severity: 'medium',
  needs: ['accessAnalyzers', 'regions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'IAM Access Analyzer reports resources (buckets, keys, roles, queues, snapshots...) that are ' +
      'shared outside the account or organization. Analyzers are regional: a region without one is a ' +
      'region where a bucket made public or a role opened to another account goes unnoticed, and ' +
      'attackers favour the regions nobody watches.\n\n' +
      'One finding per enabled region (regions the account has not enabled are not checked) that has ' +
      'no analyzer of type ACCOUNT or ORGANIZATION with status ACTIVE; unused-access analyzers do not ' +
      'count. An ORGANIZATION analyzer lives in the management account or its delegated administrator ' +
      'and is not visible from member accounts: if you rely on one, suppress this rule for the members.',
    remediation:
      'Create an analyzer in each enabled region: `aws accessanalyzer create-analyzer --analyzer-name ' +
      'account-analyzer --type ACCOUNT --region <region>` (or `--type ORGANIZATION` from the delegated ' +
      'administrator), typically with a CloudFormation StackSet across regions.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-28',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.20', v4: '1.20', v5: '1.19', v6: '2.19', v7: '2.18' }),
    'aws-security-hub': ['IAM.28'],
  },
  check: ({ snapshot }) => {
    const regions = perEnabledRegion(
      sectionData(snapshot, 'regions'),
      sectionData(snapshot, 'accessAnalyzers'),
      'accessAnalyzers',
    );
    return regions.flatMap((region) => {
      const what = problem(region);
      if (!what) return [];
      return [
        {
          resource: accountArn(snapshot),
          discriminator: region.region,
          message: `Region ${region.region} ${what}: resources shared outside the account there go unreported.`,
          evidence: { region: region.region, analyzers: region.analyzers },
        },
      ];
    });
  },
});
