// The least-privilege IAM policy for running iamspect: exactly the operations its clients are
// allowed to send (READ_ONLY_OPERATIONS), so the policy and the read-only guard cannot drift apart.
import { allowedActions } from './read-operations.js';

export interface IamPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*';
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamPolicyStatement[];
}

/**
 * One Allow statement on Resource "*": these are account-level reads (the credential report, the
 * account summary, GetAccountAuthorizationDetails...) that IAM does not scope to resources.
 */
export function leastPrivilegePolicy(): IamPolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'IamspectReadOnlyAudit', Effect: 'Allow', Action: allowedActions(), Resource: '*' }],
  };
}
