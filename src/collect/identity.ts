// Who we are talking to: the account, its partition and the caller, from STS GetCallerIdentity;
// and the account's alias. The partition comes from the caller's ARN (`arn:aws-us-gov:...`), never
// from an assumption, so GovCloud and China accounts get their own ARNs everywhere.
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Clients } from './clients.js';

export interface CallerIdentity {
  accountId: string;
  partition: string;
  callerArn: string;
}

const ARN_PARTITION = /^arn:([a-z][a-z0-9-]*):/;

export async function collectIdentity(clients: Clients): Promise<CallerIdentity> {
  const output = await clients.sts.send(new GetCallerIdentityCommand({}));
  const partition = ARN_PARTITION.exec(output.Arn ?? '')?.[1];
  if (!output.Account || !output.Arn || !partition) {
    throw new Error(
      `STS GetCallerIdentity returned no usable identity (Account ${output.Account ?? 'missing'}, Arn ${output.Arn ?? 'missing'})`,
    );
  }
  return { accountId: output.Account, partition, callerArn: output.Arn };
}

/** The account alias, or null when it has none. An account has at most one, so one page is all. */
export async function collectAccountAlias(clients: Clients): Promise<string | null> {
  const output = await clients.iam.send(new ListAccountAliasesCommand({}));
  return output.AccountAliases?.[0] ?? null;
}
