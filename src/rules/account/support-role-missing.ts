import { z } from 'zod';
import { accountArn, sectionData } from '../../snapshot/access.js';
import { awsManagedPolicyName } from '../../policy/well-known-policies.js';
import { cis, defineRule } from '../types.js';

const SUPPORT_ACCESS = 'AWSSupportAccess';

export const supportRoleMissing = defineRule({
  id: 'support-role-missing',
  title: 'Someone is set up to manage incidents with AWS Support',
  severity: 'low',
  needs: ['authorizationDetails'],
  options: z.object({}).strict(),
  docs: {
    rationale:
      'During an incident someone must be able to open and follow AWS Support cases without borrowing ' +
      'root or an administrator. CIS asks for a role (or group) with the AWS managed `AWSSupportAccess` ' +
      'policy attached, so that access is ready and limited to Support.\n\n' +
      'Passes when any user, group or role has `AWSSupportAccess` attached (recognised by ARN in any ' +
      'partition); otherwise one finding on the account.',
    remediation:
      'Create a role (or group) for the incident responders and attach ' +
      '`arn:aws:iam::aws:policy/AWSSupportAccess` to it: `aws iam attach-role-policy --role-name ' +
      'support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess`.',
    references: [
      'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-18',
    ],
  },
  frameworks: {
    ...cis({ v3: '1.17', v4: '1.17', v5: '1.16', v6: '2.16', v7: '2.15' }),
    'aws-security-hub': ['IAM.18'],
  },
  check: ({ snapshot }) => {
    const details = sectionData(snapshot, 'authorizationDetails');
    const holders = [...details.users, ...details.groups, ...details.roles].filter((principal) =>
      principal.attachedPolicies.some((policy) => awsManagedPolicyName(policy.arn) === SUPPORT_ACCESS),
    );
    if (holders.length > 0) return [];
    return [
      {
        resource: accountArn(snapshot),
        message: `No user, group or role has ${SUPPORT_ACCESS} attached, so nobody is set up to manage AWS Support cases.`,
      },
    ];
  },
});
