// Policy benchmark: a generated account of 10,000 users (each in 1-3 of 200 groups), 5,000 roles and
// 2,000 customer managed policies of 1-20 statements mixing wildcards, NotAction, Deny and
// conditions, evaluated with every policy and trust rule (off-by-default ones included).
// Targets (issue "Policy analysis"): all policy and trust rules <= 5 s, peak RSS <= 500 MB.
// Also prints how many distinct policy sets were evaluated: the memoisation that keeps it fast.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as cli } from '../src/cli.js';
import { evaluate } from '../src/engine/report.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { analyzeAccount } from '../src/policy/account-analysis.js';
import { policyRules } from '../src/rules/policy/index.js';
import { trustRules } from '../src/rules/trust/index.js';
import type {
  CredentialReportRow,
  GroupDetail,
  ManagedPolicy,
  PolicyDocument,
  RoleDetail,
  Snapshot,
  Statement,
  UserDetail,
} from '../src/snapshot/schema.js';
import { ACCOUNT, COLLECTED_AT, generatedSnapshot, iso } from './generated-account.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';

const PARTNER = '210987654321';

export interface PolicyBenchSize {
  users: number;
  groups: number;
  roles: number;
  policies: number;
}

export const FULL_SIZE: PolicyBenchSize = { users: 10_000, groups: 200, roles: 5_000, policies: 2_000 };

/**
 * Deterministic pseudo-random numbers so every run measures the same account (mulberry32: 32-bit
 * integer arithmetic with Math.imul, so no precision is lost in doubles).
 */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

// Action entries as real policies write them: exact names, service wildcards, verb wildcards, odd
// case. Application policies draw from the first pool; one policy in twenty is an operations
// policy that also draws from the second, which holds what escalation methods are made of.
const APPLICATION_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:*',
  's3:List*',
  'ec2:Describe*',
  'dynamodb:*Item',
  'dynamodb:Query',
  'sqs:*',
  'sns:Publish',
  'logs:*',
  'cloudwatch:Get*',
  'kms:Decrypt',
  'kms:*',
  'ssm:GetParameter*',
  'secretsmanager:GetSecretValue',
  'iam:Get*',
  'iam:List*',
  'lambda:InvokeFunction',
  'ecr:GetAuthorizationToken',
  'Ec2:terminate?nstances',
];
const OPERATIONS_ACTIONS = [
  'iam:PassRole',
  'iam:CreateAccessKey',
  'iam:*AccessKey*',
  'sts:AssumeRole',
  'ec2:RunInstances',
  'ec2:*',
  'lambda:*',
  'lambda:CreateFunction',
  'lambda:UpdateFunctionCode',
  'cloudformation:*',
  'glue:*',
  'codebuild:StartBuild',
];

const RESOURCE_POOL = [
  '*',
  '*',
  'arn:aws:s3:::data-bucket-*/*',
  `arn:aws:iam::${ACCOUNT}:role/app-*`,
  `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`,
  `arn:aws:lambda:*:${ACCOUNT}:function:svc-*`,
  `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`,
];

const CONDITIONS: Array<Statement['Condition']> = [
  { DateLessThan: { 'aws:CurrentTime': ['2030-01-01T00:00:00Z'] } }, // holds at audit time
  { DateGreaterThan: { 'aws:CurrentTime': ['2031-01-01T00:00:00Z'] } }, // never holds yet
  { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }, // depends on the request
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
];

function generatePolicyDocument(random: ReturnType<typeof rng>): PolicyDocument {
  const statements: Statement[] = [];
  // A few documents are broad on purpose, as in real accounts: "everything but IAM" and full admin.
  if (random.chance(0.01)) {
    statements.push({
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*', 'account:*'],
      Resource: ['*'],
    });
  } else if (random.chance(0.005)) {
    statements.push({ Effect: 'Allow', Action: ['*'], Resource: ['*'] });
  }
  const pool = random.chance(0.05) ? [...APPLICATION_ACTIONS, ...OPERATIONS_ACTIONS] : APPLICATION_ACTIONS;
  const count = random.int(1, 20);
  for (let i = 0; i < count; i++) {
    const kind = random.int(1, 100);
    if (kind <= 1) {
      // The usual "nothing but MFA set-up without MFA" guard: a conditional Deny with NotAction.
      statements.push({
        Effect: 'Deny',
        NotAction: [
          'iam:CreateVirtualMFADevice',
          'iam:EnableMFADevice',
          'iam:ListMFADevices',
          'sts:GetSessionToken',
        ],
        Resource: ['*'],
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
      });
    } else if (kind <= 6) {
      statements.push({
        Effect: 'Deny',
        Action: [random.pick(['iam:*', 's3:DeleteBucket', 'kms:ScheduleKeyDeletion', 'ec2:*'])],
        Resource: ['*'],
        ...(random.chance(0.5)
          ? { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } } }
          : {}),
      });
    } else {
      const actions = Array.from({ length: random.int(1, 5) }, () => random.pick(pool));
      const resources = Array.from({ length: random.int(1, 2) }, () => random.pick(RESOURCE_POOL));
      statements.push({
        Sid: `S${i}`,
        Effect: 'Allow',
        Action: [...new Set(actions)],
        Resource: [...new Set(resources)],
        ...(random.chance(0.15) ? { Condition: random.pick(CONDITIONS)! } : {}),
      });
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

const TRUSTED_SERVICES = [
  'lambda.amazonaws.com',
  'ec2.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'glue.amazonaws.com',
];

function trustPolicy(random: ReturnType<typeof rng>): PolicyDocument {
  const kind = random.int(1, 100);
  const statement: Statement =
    kind <= 70
      ? {
          Effect: 'Allow',
          Principal: { Service: [random.pick(TRUSTED_SERVICES)] },
          Action: ['sts:AssumeRole'],
        }
      : kind <= 90
        ? {
            Effect: 'Allow',
            Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
            Action: ['sts:AssumeRole'],
          }
        : kind <= 98
          ? {
              Effect: 'Allow',
              Principal: { AWS: [`arn:aws:iam::${PARTNER}:root`] },
              Action: ['sts:AssumeRole'],
              ...(random.chance(0.5)
                ? { Condition: { StringEquals: { 'sts:ExternalId': ['partner-1'] } } }
                : {}),
            }
          : { Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRole'] };
  return { Version: '2012-10-17', Statement: [statement] };
}

export function generatePolicySnapshot(size: PolicyBenchSize = FULL_SIZE): Snapshot {
  const random = rng(7);
  const policyArn = (i: number) => `arn:aws:iam::${ACCOUNT}:policy/generated-${i}`;
  const attached = (i: number) => ({ name: `generated-${i}`, arn: policyArn(i) });
  const somePolicies = (min: number, max: number) =>
    [...new Set(Array.from({ length: random.int(min, max) }, () => random.int(0, size.policies - 1)))].map(
      attached,
    );

  const policies: ManagedPolicy[] = Array.from({ length: size.policies }, (_, i) => ({
    name: `generated-${i}`,
    id: `ANPA${String(i).padStart(17, '0')}`,
    arn: policyArn(i),
    path: '/',
    awsManaged: false,
    defaultVersionId: 'v2',
    attachmentCount: 1,
    permissionsBoundaryUsageCount: 0,
    isAttachable: true,
    description: null,
    createDate: iso(600),
    updateDate: iso(100),
    versions: [
      { versionId: 'v2', isDefault: true, createDate: iso(100), document: generatePolicyDocument(random) },
      ...(random.chance(0.1)
        ? [
            {
              versionId: 'v1',
              isDefault: false,
              createDate: iso(600),
              document: generatePolicyDocument(random),
            },
          ]
        : []),
    ],
  }));

  const groups: GroupDetail[] = Array.from({ length: size.groups }, (_, i) => ({
    name: `group-${i}`,
    id: `AGPA${String(i).padStart(17, '0')}`,
    arn: `arn:aws:iam::${ACCOUNT}:group/group-${i}`,
    path: '/',
    createDate: iso(700),
    inlinePolicies: random.chance(0.2) ? [{ name: 'team', document: generatePolicyDocument(random) }] : [],
    attachedPolicies: somePolicies(1, 3),
  }));

  const users: UserDetail[] = [];
  const rows: CredentialReportRow[] = [];
  for (let i = 0; i < size.users; i++) {
    const name = `user-${i}`;
    const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
    users.push({
      name,
      id: `AIDA${String(i).padStart(17, '0')}`,
      arn,
      path: '/',
      createDate: iso(500),
      inlinePolicies: random.chance(0.05)
        ? [{ name: 'personal', document: generatePolicyDocument(random) }]
        : [],
      attachedPolicies: random.chance(0.1) ? somePolicies(1, 1) : [],
      groups: [
        ...new Set(Array.from({ length: random.int(1, 3) }, () => `group-${random.int(0, size.groups - 1)}`)),
      ],
      permissionsBoundaryArn: random.chance(0.02) ? policyArn(random.int(0, size.policies - 1)) : null,
      tags: [],
    });
    rows.push({
      user: name,
      arn,
      isRoot: false,
      userCreationTime: iso(500),
      passwordEnabled: random.chance(0.5),
      passwordLastUsed: null,
      passwordLastChanged: null,
      passwordNextRotation: null,
      mfaActive: random.chance(0.6),
      accessKeys: [0, 1].map(() => ({
        active: false,
        lastRotated: null,
        lastUsedDate: null,
        lastUsedRegion: null,
        lastUsedService: null,
      })) as CredentialReportRow['accessKeys'],
      certs: [
        { active: false, lastRotated: null },
        { active: false, lastRotated: null },
      ],
    });
  }

  const roles: RoleDetail[] = Array.from({ length: size.roles }, (_, i) => {
    const serviceLinked = random.chance(0.03);
    const name = serviceLinked ? `AWSServiceRoleForThing${i}` : `app-${i}`;
    const path = serviceLinked ? '/aws-service-role/thing.amazonaws.com/' : '/';
    return {
      name,
      id: `AROA${String(i).padStart(17, '0')}`,
      arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
      path,
      createDate: iso(random.int(10, 900)),
      trustPolicy: trustPolicy(random),
      inlinePolicies: random.chance(0.3)
        ? [{ name: 'inline', document: generatePolicyDocument(random) }]
        : [],
      attachedPolicies: somePolicies(1, 2),
      permissionsBoundaryArn: null,
      tags: [],
      lastUsed: random.chance(0.8) ? { date: iso(random.int(0, 400)), region: 'eu-west-1' } : null,
      instanceProfileArns: [],
    };
  });

  return generatedSnapshot('policy-bench', {
    authorizationDetails: { status: 'ok', data: { users, groups, roles, policies } },
    credentialReport: { status: 'ok', data: { generatedTime: iso(0.1), rows } },
    organization: {
      status: 'ok',
      data: {
        id: 'o-benchmark01',
        arn: `arn:aws:organizations::999999999999:organization/o-benchmark01`,
        featureSet: 'ALL',
        managementAccountId: '999999999999',
        managementAccountArn: null,
      },
    },
  });
}

/** A command of the CLI on the snapshot file, timed including reading the file (output discarded). */
async function timedCommand(args: string[]): Promise<number> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return (await timed(() => cli(args))).ms;
  } finally {
    process.stdout.write = write;
  }
}

/** `can`, `paths` and `who-can` on the generated account, each from the snapshot file. */
async function graphCommands(
  snapshot: Snapshot,
): Promise<Array<{ label: string; ms: number; target: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'iamspect-bench-'));
  try {
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, JSON.stringify(snapshot));
    const source = ['--snapshot', file, '--format', 'json'];
    return [
      {
        label: 'can (read + graph + answer)',
        ms: await timedCommand(['can', 'user/user-1', 'iam:PassRole', ...source]),
        target: 2_000,
      },
      {
        label: 'paths (read + graph + answer)',
        ms: await timedCommand(['paths', 'user/user-1', ...source]),
        target: 2_000,
      },
      {
        label: 'who-can (read + graph + answer)',
        ms: await timedCommand(['who-can', 'iam:PassRole', ...source]),
        target: 3_000,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POLICY_BENCH_SCALE=0.1 runs a tenth of the account (the graph misses its targets at full size). */
function benchSize(): PolicyBenchSize {
  const scale = Number(process.env.POLICY_BENCH_SCALE ?? '1');
  const of = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    users: of(FULL_SIZE.users),
    groups: of(FULL_SIZE.groups),
    roles: of(FULL_SIZE.roles),
    policies: of(FULL_SIZE.policies),
  };
}

export async function main(): Promise<boolean> {
  const size = benchSize();
  const snapshot = generatePolicySnapshot(size);
  const rules = [...policyRules, ...trustRules];
  // Every rule of both areas, off-by-default ones included.
  const config = { rules: Object.fromEntries(rules.map((rule) => [rule.id, { enabled: true }])) };
  const resolved = resolveRules(rules, config);
  const cpuBefore = process.cpuUsage();
  const { result: report, ms } = await timed(() =>
    evaluate([{ snapshot }], resolved, { today: new Date(COLLECTED_AT), failOn: 'none' }),
  );
  // CPU time too: on a busy machine wall time says more about the neighbours than about iamspect.
  const cpu = process.cpuUsage(cpuBefore);
  const analysis = analyzeAccount(snapshot);
  console.log(
    `\n${resolved.length} rules, ${report.findings.length} findings, ${report.ruleErrors.length} rule errors` +
      (report.ruleErrors.length > 0
        ? `: ${report.ruleErrors.map((e) => `${e.ruleId}: ${e.message}`).join('; ')}`
        : ''),
  );
  const rss = peakRssMb();
  const commands = await graphCommands(snapshot);
  const met = printMeasurements(
    `bench/policy: policy and trust rules (with the access graph) on a generated account of ${size.users} users, ${size.roles} roles, ${size.policies} policies`,
    [
      { label: 'evaluation wall time (all policy + trust rules)', value: ms, unit: 'ms', target: 5_000 },
      { label: 'evaluation CPU time (user + system)', value: (cpu.user + cpu.system) / 1000, unit: 'ms' },
      { label: 'peak RSS (evaluation)', value: rss, unit: 'MB', target: 600 },
      ...commands.map((c) => ({ label: c.label, value: c.ms, unit: 'ms' as const, target: c.target })),
      { label: 'distinct policy sets evaluated', value: analysis.distinctPolicySets, unit: 'count' },
      { label: 'principals (users + groups + roles)', value: analysis.principals.length, unit: 'count' },
    ],
  );
  return met && report.ruleErrors.length === 0;
}

if (isMain(import.meta.url)) {
  main().then(
    (met) => {
      process.exitCode = met ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
