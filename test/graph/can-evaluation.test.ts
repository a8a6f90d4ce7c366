// `can` against IAM's documented evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny anywhere wins; otherwise an identity policy must allow, and every limiting layer
// present (permissions boundary, each SCP level) must allow too. Action names are case-insensitive,
// Resource and NotResource/NotAction follow the documented wildcard rules, policy variables are
// substituted, and a condition key missing from the request fails a plain operator but passes
// ...IfExists and ForAllValues (ForAnyValue fails: reference_policies_condition-single-vs-multi-valued-context-keys).
// IpAddress/NotIpAddress decide when --context gives aws:SourceIp, and are conditional otherwise.
import { decide } from '../../src/commands/can.js';
import { accessGraph } from '../../src/graph/access-graph.js';
import type { ManagedPolicy, Statement } from '../../src/snapshot/schema.js';
import { deny, iamResource, inlinePolicy } from '../builders/policies.js';
import {
  allow,
  doc,
  emptySnapshot,
  managedPolicy,
  role,
  user,
  withAuthorizationDetails,
  withSection,
} from '../builders/snapshot.js';

interface Case {
  name: string;
  statements: Statement[];
  boundary?: Statement[];
  scp?: Statement[];
  action: string;
  resource: string;
  context?: Record<string, string>;
  /** Who asks: user alice (default) or role app, whose requests carry no aws:username. */
  principal?: 'user' | 'role';
  decision: 'allowed' | 'denied' | 'conditional';
}

const BUCKET = 'arn:aws:s3:::data/report.csv';

const cases: Case[] = [
  {
    name: 'an Allow allows',
    statements: [allow(['s3:GetObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'no statement: implicit deny',
    statements: [allow(['s3:PutObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'explicit Deny beats Allow',
    statements: [allow(['s3:*']), deny(['s3:GetObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'a Deny on another resource leaves it',
    statements: [allow(['s3:*']), deny(['s3:GetObject'], ['arn:aws:s3:::other/*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'action names are case-insensitive',
    statements: [allow(['S3:getobject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'action wildcards',
    statements: [allow(['s3:Get*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'resource wildcards match',
    statements: [allow(['s3:GetObject'], ['arn:aws:s3:::data/*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'resource wildcards that do not match',
    statements: [allow(['s3:GetObject'], ['arn:aws:s3:::logs/*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'NotAction allows everything else',
    statements: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] }],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'NotAction does not allow what it names',
    statements: [{ Effect: 'Allow', NotAction: ['s3:*'], Resource: ['*'] }],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'NotResource allows other resources',
    statements: [{ Effect: 'Allow', Action: ['s3:GetObject'], NotResource: ['arn:aws:s3:::secret/*'] }],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'NotResource excludes the resources it names',
    statements: [{ Effect: 'Allow', Action: ['s3:GetObject'], NotResource: ['arn:aws:s3:::data/*'] }],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'a boundary that allows',
    statements: [allow(['s3:*'])],
    boundary: [allow(['s3:GetObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: 'a boundary that does not allow',
    statements: [allow(['s3:*'])],
    boundary: [allow(['s3:PutObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'a boundary alone grants nothing',
    statements: [],
    boundary: [allow(['s3:*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'an SCP that does not allow',
    statements: [allow(['s3:*'])],
    scp: [allow(['ec2:*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'an SCP that denies',
    statements: [allow(['s3:*'])],
    scp: [allow(['*']), deny(['s3:GetObject'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'denied',
  },
  {
    name: 'an SCP that allows',
    statements: [allow(['s3:*'])],
    scp: [allow(['*'])],
    action: 's3:GetObject',
    resource: BUCKET,
    decision: 'allowed',
  },
  {
    name: '${aws:username} names the user itself',
    statements: [allow(['iam:CreateAccessKey'], ['arn:aws:iam::123456789012:user/${aws:username}'])],
    action: 'iam:CreateAccessKey',
    resource: iamResource('user/alice'),
    decision: 'allowed',
  },
  {
    name: '${aws:username} does not name another user',
    statements: [allow(['iam:CreateAccessKey'], ['arn:aws:iam::123456789012:user/${aws:username}'])],
    action: 'iam:CreateAccessKey',
    resource: iamResource('user/bob'),
    decision: 'denied',
  },
  ...conditionCases(),
];

function conditionCases(): Case[] {
  const gated = (condition: Statement['Condition']): Statement[] => [
    { ...allow(['s3:GetObject']), Condition: condition },
  ];
  const region = { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } };
  const ifExists = { StringEqualsIfExists: { 'aws:RequestedRegion': ['eu-west-1'] } };
  const forAll = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } };
  const forAny = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } };
  const fromOffice = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } };
  const base = { action: 's3:GetObject', resource: BUCKET };
  return [
    {
      name: 'StringEquals, key unknown: conditional',
      statements: gated(region),
      ...base,
      decision: 'conditional',
    },
    {
      name: 'StringEquals, matching context',
      statements: gated(region),
      ...base,
      context: { 'aws:RequestedRegion': 'eu-west-1' },
      decision: 'allowed',
    },
    {
      name: 'StringEquals, other context',
      statements: gated(region),
      ...base,
      context: { 'aws:RequestedRegion': 'us-east-1' },
      decision: 'denied',
    },
    {
      name: 'StringEqualsIfExists, matching context',
      statements: gated(ifExists),
      ...base,
      context: { 'aws:RequestedRegion': 'eu-west-1' },
      decision: 'allowed',
    },
    {
      name: 'StringEqualsIfExists, other context',
      statements: gated(ifExists),
      ...base,
      context: { 'aws:RequestedRegion': 'us-east-1' },
      decision: 'denied',
    },
    {
      name: 'ForAllValues, matching value',
      statements: gated(forAll),
      ...base,
      context: { 'aws:TagKeys': 'team' },
      decision: 'allowed',
    },
    {
      name: 'ForAllValues, other value',
      statements: gated(forAll),
      ...base,
      context: { 'aws:TagKeys': 'owner' },
      decision: 'denied',
    },
    {
      name: 'ForAnyValue, matching value',
      statements: gated(forAny),
      ...base,
      context: { 'aws:TagKeys': 'team' },
      decision: 'allowed',
    },
    {
      name: 'ForAnyValue, other value',
      statements: gated(forAny),
      ...base,
      context: { 'aws:TagKeys': 'owner' },
      decision: 'denied',
    },
    {
      name: 'ForAllValues on a key missing from the request holds',
      statements: gated({ 'ForAllValues:StringEquals': { 'aws:username': ['alice'] } }),
      ...base,
      principal: 'role',
      decision: 'allowed',
    },
    {
      name: 'ForAnyValue on a key missing from the request fails',
      statements: gated({ 'ForAnyValue:StringEquals': { 'aws:username': ['alice'] } }),
      ...base,
      principal: 'role',
      decision: 'denied',
    },
    {
      name: 'a plain operator on a key missing from the request fails',
      statements: gated({ StringEquals: { 'aws:username': ['alice'] } }),
      ...base,
      principal: 'role',
      decision: 'denied',
    },
    {
      name: 'IpAddress, source address unknown: conditional',
      statements: gated(fromOffice),
      ...base,
      decision: 'conditional',
    },
    {
      name: 'IpAddress, last address of the block',
      statements: gated(fromOffice),
      ...base,
      context: { 'aws:SourceIp': '203.0.113.255' },
      decision: 'allowed',
    },
    {
      name: 'IpAddress, first address past the block',
      statements: gated(fromOffice),
      ...base,
      context: { 'aws:SourceIp': '203.0.114.0' },
      decision: 'denied',
    },
    {
      name: 'IpAddress, an IPv6 block',
      statements: gated({ IpAddress: { 'aws:SourceIp': ['2001:db8::/32'] } }),
      ...base,
      context: { 'aws:SourceIp': '2001:db8:ffff::1' },
      decision: 'allowed',
    },
    {
      name: 'NotIpAddress Deny from outside the block denies',
      statements: [allow(['s3:*']), { ...deny(['s3:*']), Condition: { NotIpAddress: fromOffice.IpAddress } }],
      ...base,
      context: { 'aws:SourceIp': '198.51.100.7' },
      decision: 'denied',
    },
    {
      name: 'NotIpAddress Deny from inside the block does not apply',
      statements: [allow(['s3:*']), { ...deny(['s3:*']), Condition: { NotIpAddress: fromOffice.IpAddress } }],
      ...base,
      context: { 'aws:SourceIp': '203.0.113.9' },
      decision: 'allowed',
    },
    {
      name: 'a conditional Deny makes an Allow conditional',
      statements: [allow(['s3:*']), { ...deny(['s3:GetObject']), Condition: region }],
      ...base,
      decision: 'conditional',
    },
    {
      name: 'a conditional Deny whose condition holds denies',
      statements: [allow(['s3:*']), { ...deny(['s3:GetObject']), Condition: region }],
      ...base,
      context: { 'aws:RequestedRegion': 'eu-west-1' },
      decision: 'denied',
    },
  ];
}

function accountFor(c: Case) {
  const boundary: ManagedPolicy | undefined = c.boundary
    ? managedPolicy('boundary', doc(...c.boundary))
    : undefined;
  const holding = {
    inlinePolicies: c.statements.length > 0 ? [inlinePolicy('granted', ...c.statements)] : [],
    ...(boundary ? { permissionsBoundaryArn: boundary.arn } : {}),
  };
  let snapshot = withAuthorizationDetails(emptySnapshot(), {
    users: c.principal === 'role' ? [] : [user('alice', holding)],
    roles: c.principal === 'role' ? [role('app', holding)] : [],
    groups: [],
    policies: boundary ? [boundary] : [],
  });
  if (c.scp) {
    snapshot = withSection(snapshot, 'serviceControlPolicies', {
      accountPath: [{ id: 'r-root', type: 'ROOT' }],
      policies: [
        {
          id: 'p-guard',
          arn: 'arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-guard',
          name: 'guard',
          awsManaged: false,
          targetIds: ['r-root'],
          document: doc(...c.scp),
        },
      ],
    });
    snapshot = withSection(snapshot, 'organization', {
      id: 'o-x',
      arn: 'arn:aws:organizations::999999999999:organization/o-x',
      featureSet: 'ALL',
      managementAccountId: '999999999999',
      managementAccountArn: null,
    });
  }
  return snapshot;
}

describe('can follows IAM policy evaluation', () => {
  test.each(cases)('$name: $decision', (c) => {
    const graph = accessGraph(accountFor(c));
    const node = graph.node(iamResource(c.principal === 'role' ? 'role/app' : 'user/alice'))!;
    const context = Object.fromEntries(Object.entries(c.context ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = decide(
      node,
      graph.account.env.catalog.requireIndex(c.action),
      c.action,
      c.resource,
      context,
    );
    expect(answer.decision).toBe(c.decision);
  });
});
