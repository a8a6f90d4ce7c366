import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { describePrincipal, isExempt } from '../shared/policy-findings.js';
import { awsManagedPolicyName } from '../../policy/well-known-policies.js';
import { cis, defineRule } from '../types.js';

const CLOUDSHELL_FULL_ACCESS = 'AWSCloudShellFullAccess';

export const policyCloudshellFullAccess = defineRule({
  id: 'policy-cloudshell-full-access',
  title: 'AWSCloudShellFullAccess is not attached to any identity',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'The AWS managed policy `AWSCloudShellFullAccess` lets its holders upload and download files to ' +
      'and from CloudShell and reach the internet from it without restriction: an easy, unmonitored way ' +
      'to move data or tools in and out of the account from a browser session.\n\n' +
      'One finding per user, group or role the policy is attached to (recognised by ARN in any ' +
      'partition), so each attachment can be fixed or suppressed on its own. Service-linked roles are ' +
      'never reported.',
    remediation:
      'Detach `AWSCloudShellFullAccess` and, where CloudShell is needed, grant a custom policy without ' +
      'the file transfer actions (`cloudshell:GetFileUploadUrls`, `cloudshell:GetFileDownloadUrls`) or ' +
      'deny them explicitly.',
    references: [
      'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-27',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.22', v4: '1.22', v5: '1.21', v6: '2.21', v7: '2.20' }),
    'aws-security-hub': ['IAM.27'],
  },
  check: ({ snapshot }) =>
    analyzeAccount(snapshot).principals.flatMap((principal) => {
      if (isExempt(principal)) return [];
      const attached = principal.detail.attachedPolicies.find(
        (policy) => awsManagedPolicyName(policy.arn) === CLOUDSHELL_FULL_ACCESS,
      );
      if (!attached) return [];
      return [
        {
          resource: principal.arn,
          message: `${describePrincipal(principal)} has ${CLOUDSHELL_FULL_ACCESS} attached.`,
          evidence: { policyArn: attached.arn },
        },
      ];
    }),
});
