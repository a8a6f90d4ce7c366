import { ESCALATION_METHODS } from '../../../src/policy/privesc-methods.js';
import { roleComputeAdmin } from '../../../src/rules/trust/role-compute-admin.js';
import type { RoleDetail } from '../../../src/snapshot/schema.js';
import {
  ADMINISTRATOR_ACCESS,
  accountWith,
  iamResource,
  inlinePolicy,
  trustPolicy,
} from '../../builders/policies.js';
import { runRule } from '../../builders/rules.js';
import { allow, role } from '../../builders/snapshot.js';

const assumableBy = (service: string) => trustPolicy({ Service: [service] });

describe('role-compute-admin', () => {
  test.each<{ name: string; roles: RoleDetail[]; message: string | null }>([
    {
      name: 'a Lambda role with full admin',
      roles: [
        role('fn', {
          trustPolicy: assumableBy('lambda.amazonaws.com'),
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ],
      message: 'Role fn, assumable by lambda.amazonaws.com, has full admin through AdministratorAccess.',
    },
    {
      name: 'an EC2 role that can attach any policy to itself',
      roles: [
        role('vm', {
          trustPolicy: assumableBy('ec2.amazonaws.com'),
          inlinePolicies: [inlinePolicy('self', allow(['iam:AttachRolePolicy'], [iamResource('role/vm')]))],
        }),
      ],
      message:
        'Role vm, assumable by ec2.amazonaws.com, can reach full admin: role vm -> full admin (rsl-09).',
    },
    {
      name: 'an EC2 role that can mint keys, with no other user in the account',
      roles: [
        role('vm', {
          trustPolicy: assumableBy('ec2.amazonaws.com'),
          inlinePolicies: [inlinePolicy('keys', allow(['iam:CreateAccessKey']))],
        }),
      ],
      message: null,
    },
    {
      name: 'an admin role people assume',
      roles: [
        role('ops', {
          trustPolicy: trustPolicy({ AWS: [iamResource('root')] }),
          attachedPolicies: [ADMINISTRATOR_ACCESS],
        }),
      ],
      message: null,
    },
    {
      name: 'a Lambda role that reads a bucket',
      roles: [
        role('fn', {
          trustPolicy: assumableBy('lambda.amazonaws.com'),
          inlinePolicies: [inlinePolicy('s3', allow(['s3:GetObject']))],
        }),
      ],
      message: null,
    },
  ])('$name', ({ roles, message }) => {
    expect(runRule(roleComputeAdmin, accountWith({ roles })).map((f) => f.message)).toEqual(
      message === null ? [] : [message],
    );
  });
});

describe('role-compute-admin covers every service the escalation catalogue runs code with', () => {
  const services = [
    ...new Set(
      ESCALATION_METHODS.filter(
        (m) => m.category === 'passrole-to-service' || m.category === 'existing-resource-takeover',
      ).flatMap((m) => (m.service ? [m.service] : [])),
    ),
  ].sort();

  test.each(services.map((service) => [service]))('an admin role assumable by %s is reported', (service) => {
    const roles = [
      role('worker', { trustPolicy: assumableBy(service), attachedPolicies: [ADMINISTRATOR_ACCESS] }),
    ];
    const findings = runRule(roleComputeAdmin, accountWith({ roles }));
    expect(findings.map((f) => f.message)).toEqual([
      `Role worker, assumable by ${service}, has full admin through AdministratorAccess.`,
    ]);
  });
});
