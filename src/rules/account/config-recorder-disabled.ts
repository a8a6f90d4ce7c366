import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import type { ConfigRegion } from '../../snapshot/schema.js';
import { isConfigFailure, perEnabledRegion } from '../shared/guardrails.js';
import type { Finding } from '../types.js';
import { cis, defineRule } from '../types.js';

type Recorder = ConfigRegion['recorders'][number];

/** Customer managed recorders (service-linked ones record only for their service). */
function recordersOf(region: ConfigRegion): Recorder[] {
  return region.recorders.filter((recorder) => recorder.servicePrincipal === null);
}

/** Recorders that are recording and whose last recording did not fail. */
function workingRecorders(region: ConfigRegion): Recorder[] {
  return recordersOf(region).filter((recorder) => {
    const status = region.statuses.find((candidate) => candidate.name === recorder.name);
    return status?.recording === true && !isConfigFailure(status.lastStatus);
  });
}

/** What is wrong with Config in the region, or undefined when a recorder works there. */
function regionProblem(region: ConfigRegion): string | undefined {
  if (workingRecorders(region).length > 0) return undefined;
  const [recorder] = recordersOf(region);
  if (!recorder) return 'has no AWS Config recorder';
  const status = region.statuses.find((candidate) => candidate.name === recorder.name);
  if (!status?.recording) return `has AWS Config recorder ${recorder.name}, but it is not recording`;
  const detail = [status.lastErrorCode, status.lastErrorMessage].filter(Boolean).join(': ');
  return `has AWS Config recorder ${recorder.name}, but its last recording failed${detail ? ` (${detail})` : ''}`;
}

/**
 * Global IAM resources (users, groups, roles, customer managed policies) are recorded by a recorder
 * of all supported types with includeGlobalResourceTypes, or one that lists AWS::IAM::* types.
 */
function recordsGlobalIam(recorder: Recorder): boolean {
  return (
    (recorder.allSupported === true && recorder.includeGlobalResourceTypes === true) ||
    recorder.resourceTypes.some((type) => type.startsWith('AWS::IAM::'))
  );
}

export const configRecorderDisabled = defineRule({
  id: 'config-recorder-disabled',
  title: 'AWS Config records every enabled region, and IAM changes somewhere',
  severity: 'medium',
  needs: ['configRecorders', 'regions'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'AWS Config keeps the history of resource configurations: who opened a security group, when a ' +
      'bucket policy changed, what a role looked like before an incident. A region where it does not ' +
      'record has no such history, and resources created there (by mistake or by an attacker) go ' +
      'unseen. IAM users, groups, roles and policies are global: they are recorded only where a ' +
      'recorder includes global resource types, and if no region does, IAM changes are recorded nowhere.\n\n' +
      'One finding per enabled region (regions the account has not enabled are not checked) where no ' +
      'customer managed recorder is recording with a last status other than failure (lastStatus is ' +
      'compared in any letter case: the API says `Failure`, its examples `FAILURE`), and one finding ' +
      'when no working recorder in any region records global IAM resources (all supported types with ' +
      '`includeGlobalResourceTypes`, or `AWS::IAM::*` types listed explicitly). Delivery problems are ' +
      "config-delivery-failing's business.",
    remediation:
      'Enable Config in every enabled region, recording all resource types, with a delivery channel to ' +
      'a central bucket (a CloudFormation StackSet or AWS Control Tower does this for every account). ' +
      'Start a stopped recorder with `aws configservice start-configuration-recorder ' +
      '--configuration-recorder-name default --region <region>`; for a failing one, check the ' +
      "recorder's role. Record global resource types in exactly one region.",
    references: [
      'https://docs.aws.amazon.com/config/latest/developerguide/gs-cli.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1',
    ],
  },
  frameworks: {
    ...cis({ v3: '3.3', v4: '3.3', v5: '3.3', v6: '4.3', v7: '4.3' }),
    'aws-security-hub': ['Config.1'],
  },
  check: ({ snapshot }) => {
    const regions = perEnabledRegion(
      sectionData(snapshot, 'regions'),
      sectionData(snapshot, 'configRecorders'),
      'configRecorders',
    );
    const findings: Finding[] = regions.flatMap((region) => {
      const what = regionProblem(region);
      if (!what) return [];
      return [
        {
          resource: accountArn(snapshot),
          discriminator: region.region,
          message: `Region ${region.region} ${what}: resource changes there are not recorded.`,
          evidence: { region: region.region, recorders: region.recorders, statuses: region.statuses },
        },
      ];
    });
    if (!regions.some((region) => workingRecorders(region).some(recordsGlobalIam))) {
      findings.push({
        resource: accountArn(snapshot),
        discriminator: 'global-iam',
        message:
          `No working AWS Config recorder in the ${regions.length} enabled regions records global IAM ` +
          'resources (users, groups, roles, policies): changes to IAM are recorded nowhere.',
        evidence: { regions: regions.map((region) => region.region) },
      });
    }
    return findings;
  },
});
