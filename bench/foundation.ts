// Foundation benchmark: a 10,000-user / 5,000-role / 2,000-policy snapshot read from disk,
// evaluated with the credential, root and password rules, and written as table, JSON and SARIF.
// Targets (issue "Foundation"): whole pipeline <= 3 s, evaluation <= 1 s, peak RSS <= 300 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../src/engine/report.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { writeReport } from '../src/report/render.js';
import { RULES } from '../src/rules/index.js';
import type { CredentialReportRow, Snapshot } from '../src/snapshot/schema.js';
import { readSnapshotFile, serializeSnapshot } from '../src/snapshot/read-snapshot.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { fileURLToPath } from 'node:url';
import { ACCOUNT, COLLECTED_AT, generatedSnapshot, iso } from './generated-account.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';

/** Deterministic pseudo-random numbers so every run measures the same account. */
function rng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function generateSnapshot(users = 10_000, roles = 5_000, policies = 2_000): Snapshot {
  const random = rng(42);
  const key = (present: boolean) => ({
    active: present,
    lastRotated: present ? iso(Math.floor(random() * 400)) : null,
    lastUsedDate: present && random() > 0.3 ? iso(Math.floor(random() * 120)) : null,
    lastUsedRegion: present ? 'eu-west-1' : null,
    lastUsedService: present ? 's3' : null,
  });
  const rows: CredentialReportRow[] = [];
  const userDetails = [];
  for (let i = 0; i < users; i++) {
    const name = `user-${i}`;
    const password = random() > 0.5;
    rows.push({
      user: name,
      arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
      isRoot: false,
      userCreationTime: iso(500),
      passwordEnabled: password,
      passwordLastUsed: password && random() > 0.2 ? iso(Math.floor(random() * 200)) : null,
      passwordLastChanged: password ? iso(300) : null,
      passwordNextRotation: null,
      mfaActive: random() > 0.4,
      accessKeys: [key(random() > 0.3), key(random() > 0.8)],
      certs: [
        { active: false, lastRotated: null },
        { active: false, lastRotated: null },
      ],
    });
    userDetails.push({
      name,
      id: `AIDA${String(i).padStart(17, '0')}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
      path: '/',
      createDate: iso(500),
      inlinePolicies: [],
      attachedPolicies: [
        { name: `policy-${i % policies}`, arn: `arn:aws:iam::${ACCOUNT}:policy/policy-${i % policies}` },
      ],
      groups: [`group-${i % 200}`],
      permissionsBoundaryArn: null,
      tags: [],
    });
  }
  const statement = (i: number) => ({
    Effect: 'Allow',
    Action: [`s3:Get*`, `ec2:Describe*`],
    Resource: [`arn:aws:s3:::bucket-${i}/*`],
  });
  return generatedSnapshot('bench', {
    credentialReport: {
      status: 'ok',
      data: {
        generatedTime: iso(0.1),
        rows: [
          {
            ...rows[0]!,
            user: '<root_account>',
            arn: `arn:aws:iam::${ACCOUNT}:root`,
            isRoot: true,
            passwordEnabled: null,
          },
          ...rows,
        ],
      },
    },
    accountSummary: {
      status: 'ok',
      data: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: users },
    },
    passwordPolicy: { status: 'ok', data: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } },
    virtualMfaDevices: { status: 'ok', data: [] },
    serverCertificates: { status: 'ok', data: [] },
    authorizationDetails: {
      status: 'ok',
      data: {
        users: userDetails,
        groups: Array.from({ length: 200 }, (_, i) => ({
          name: `group-${i}`,
          id: `AGPA${String(i).padStart(17, '0')}`,
          arn: `arn:aws:iam::${ACCOUNT}:group/group-${i}`,
          path: '/',
          createDate: iso(500),
          inlinePolicies: [],
          attachedPolicies: [],
        })),
        roles: Array.from({ length: roles }, (_, i) => ({
          name: `role-${i}`,
          id: `AROA${String(i).padStart(17, '0')}`,
          arn: `arn:aws:iam::${ACCOUNT}:role/role-${i}`,
          path: '/',
          createDate: iso(500),
          trustPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: ['lambda.amazonaws.com'] },
                Action: ['sts:AssumeRole'],
              },
            ],
          },
          inlinePolicies: [
            { name: 'inline', document: { Version: '2012-10-17', Statement: [statement(i)] } },
          ],
          attachedPolicies: [],
          permissionsBoundaryArn: null,
          tags: [],
          lastUsed: { date: iso(Math.floor(random() * 200)), region: 'eu-west-1' },
          instanceProfileArns: [],
        })),
        policies: Array.from({ length: policies }, (_, i) => ({
          name: `policy-${i}`,
          id: `ANPA${String(i).padStart(17, '0')}`,
          arn: `arn:aws:iam::${ACCOUNT}:policy/policy-${i}`,
          path: '/',
          awsManaged: false,
          defaultVersionId: 'v1',
          attachmentCount: 5,
          permissionsBoundaryUsageCount: 0,
          isAttachable: true,
          description: null,
          createDate: iso(500),
          updateDate: iso(100),
          versions: [
            {
              versionId: 'v1',
              isDefault: true,
              createDate: iso(100),
              document: { Version: '2012-10-17', Statement: [statement(i)] },
            },
          ],
        })),
      },
    },
  });
}

/** The rules of the foundation issue: those that read only credential, account and password data. */
const FOUNDATION_SECTIONS = new Set([
  'credentialReport',
  'accountSummary',
  'passwordPolicy',
  'virtualMfaDevices',
  'serverCertificates',
]);

/** Reads, evaluates and writes in this process, which did nothing else, so its peak RSS is the pipeline's. */
async function measure(file: string): Promise<boolean> {
  const dir = join(file, '..');
  const registry = RULES.filter((rule) => rule.needs.every((need) => FOUNDATION_SECTIONS.has(need)));
  const rules = resolveRules(registry, {});
  const today = new Date(COLLECTED_AT);

  const whole = await timed(async () => {
    const read = await timed(() => readSnapshotFile(file));
    const evaluation = await timed(() =>
      evaluate([{ snapshot: read.result }], rules, { today, failOn: 'high' }),
    );
    const written = await timed(() => {
      const context = {
        color: false,
        showSuppressed: false,
        sarifAnchor: '.iamspect.yml',
        cwd: process.cwd(),
      };
      for (const format of ['table', 'json', 'sarif'] as const) {
        // As `--output FORMAT=FILE` writes them: atomically, JSON and SARIF streamed.
        writeFileAtomic(join(dir, `report.${format}`), (write) =>
          writeReport(format, evaluation.result, context, write),
        );
      }
    });
    return {
      read: read.ms,
      evaluate: evaluation.ms,
      write: written.ms,
      findings: evaluation.result.findings.length,
    };
  });
  return printMeasurements(
    `bench/foundation: 10,000 users, 5,000 roles, 2,000 policies; ${rules.length} rules`,
    [
      { label: 'read snapshot', value: whole.result.read, unit: 'ms' },
      { label: 'evaluate rules', value: whole.result.evaluate, unit: 'ms', target: 1000 },
      { label: 'write table + JSON + SARIF', value: whole.result.write, unit: 'ms' },
      { label: 'read + evaluate + write', value: whole.ms, unit: 'ms', target: 3000 },
      { label: 'findings', value: whole.result.findings, unit: 'count' },
      { label: 'peak RSS', value: peakRssMb(), unit: 'MB', target: 300 },
    ],
  );
}

/** Generates the snapshot file, then measures in a fresh process so generation does not count. */
export async function main(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'iamspect-bench-'));
  const file = join(dir, 'snapshot.json');
  try {
    writeFileSync(file, serializeSnapshot(generateSnapshot()));
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', file], {
      stdio: 'inherit',
    });
    return child.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--measure');
  const ok = at > 0 ? await measure(process.argv[at + 1]!) : await main();
  process.exitCode = ok ? 0 : 1;
}
