// STS over AWS Query: who is calling (GetCallerIdentity), and AssumeRole handing out temporary
// credentials that the fake remembers, so later calls signed with them are the assumed role's.
import { randomBytes } from 'node:crypto';
import { fakeId } from '../model.js';
import { FakeAwsError } from '../protocols.js';
import type { FakeService } from '../service.js';
import { accessDeniedError, callerArn } from '../service.js';

const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

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
      const role =
        match && match[1] === context.account.id && context.account.roles.find((r) => r.name === match[2]);
      if (!role) throw accessDeniedError(stsService, 'sts:AssumeRole', context);
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
        throw new FakeAwsError('ValidationError', `Invalid RoleSessionName: ${sessionName}`);
      }
      const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
      const assumedArn = `arn:${context.account.partition}:sts::${context.account.id}:assumed-role/${role.name}/${sessionName}`;
      context.sessions.set(accessKeyId, assumedArn);
      return {
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretAccessKey: randomBytes(20).toString('base64'),
          SessionToken: randomBytes(32).toString('base64'),
          // The SDK checks expiry against the real clock, not the tests' pinned one.
          Expiration: new Date(Date.now() + 3_600_000),
        },
        AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: assumedArn },
      };
    },
  },
};
