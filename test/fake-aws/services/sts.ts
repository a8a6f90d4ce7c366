// STS over AWS Query: who is calling (GetCallerIdentity), and AssumeRole handing out temporary
// credentials that the fake remembers, so later calls signed with them are the assumed role's, in
// the role's account: the fake's own, or any member of its organization it models.
import { randomBytes } from 'node:crypto';
import type { FakeRole, JsonDocument } from '../model.js';
import { fakeId } from '../model.js';
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { callerArn } from '../service.js';

const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** The external ids the role's trust policy requires (StringEquals sts:ExternalId), if any. */
function requiredExternalIds(trustPolicy: JsonDocument): string[] {
  const statements = trustPolicy.Statement as Array<{ Condition?: Record<string, Record<string, unknown>> }>;
  return statements.flatMap((statement) => {
    const value = statement.Condition?.StringEquals?.['sts:ExternalId'];
    return value === undefined ? [] : [value].flat().map(String);
  });
}

function trusts(role: FakeRole, externalId: unknown): boolean {
  const required = requiredExternalIds(role.trustPolicy);
  return required.length === 0 || required.includes(String(externalId));
}

export const stsService: FakeService = {
  signingName: 'sts',
  actionPrefix: 'sts',
  protocol: { kind: 'query', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  errors: {
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttling: { code: 'Throttling', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
  },
  operations: {
    GetCallerIdentity: (_input, context) => {
      const arn = callerArn(context);
      return { UserId: fakeId('AIDA', arn), Account: context.account.id, Arn: arn };
    },
    AssumeRole: (input, context) => {
      const roleArn = String(input.RoleArn ?? '');
      const sessionName = String(input.RoleSessionName ?? '');
      const match = ROLE_ARN.exec(roleArn);
      const account = match ? context.findAccount(match[1]!) : undefined;
      const role = account?.roles.find((candidate) => candidate.name === match?.[2]);
      if (!account || !role || !trusts(role, input.ExternalId)) {
        throw new FakeAwsError(
          'AccessDenied',
          `User: ${callerArn(context)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          403,
        );
      }
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        throw new FakeAwsError('ValidationError', `Invalid RoleSessionName: ${sessionName}`);
      }
      const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
      const assumedArn = `arn:${account.partition}:sts::${account.id}:assumed-role/${role.name}/${sessionName}`;
      context.sessions.set(accessKeyId, { arn: assumedArn, account });
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: randomBytes(20).toString('base64'),
          SessionToken: randomBytes(32).toString('base64'),
          // The SDK checks expiry against the real clock, not the tests' pinned one.
          Expiration: new Date(Date.now() + role.sessionSeconds * 1000),
        },
        AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedArn },
      };
    },
  },
};
