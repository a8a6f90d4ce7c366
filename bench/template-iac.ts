// SAM and Terraform benchmark: one 500-resource SAM template (250 functions with managed policies,
// inline statements and policy templates, 250 tables and buckets) and one 2,000-resource Terraform
// plan (roles, policies, attachments, users and group memberships, across the root module and 10
// child modules, with count addresses and values unknown until apply), each read, parsed, expanded,
// mapped and evaluated with every rule a template can feed.
// Targets (issue 13): the SAM template <= 1 s, the Terraform plan <= 2 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreparedRun } from '../src/commands/report-options.js';
import { runsOnTemplates, templateReportOf } from '../src/commands/template.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { RULES } from '../src/rules/index.js';
import { scanTemplatesInParallel } from '../src/template/parallel-scan.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';

const SAM_FUNCTIONS = 250;
const TF_MODULES = 11;
/** Per module: 40 roles, 40 policies, 40 attachments, 40 users, 20 memberships = 180; 11 modules = 1,980 (+20 in the root). */
const TF_PER_MODULE = 40;

export function generateSamTemplate(): string {
  const lines = ['Transform: AWS::Serverless-2016-10-31', 'Resources:'];
  for (let f = 0; f < SAM_FUNCTIONS; f++) {
    const policies =
      f % 3 === 0
        ? [
            `        - DynamoDBCrudPolicy: {TableName: !Ref Table${f}}`,
            '        - AWSLambdaVPCAccessExecutionRole',
          ]
        : f % 3 === 1
          ? [
              `        - S3ReadPolicy: {BucketName: !Ref Table${f}}`,
              '        - SQSPollerPolicy: {QueueName: jobs}',
            ]
          : [
              '        - Statement:',
              `            - {Effect: Allow, Action: ["s3:GetObject"], Resource: "arn:aws:s3:::data-${f}/*"}`,
              ...(f % 50 === 2 ? ['        - AdministratorAccess'] : []),
            ];
    lines.push(
      `  Function${f}:`,
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Runtime: python3.12',
      '      Handler: app.handler',
      '      CodeUri: src/',
      '      Policies:',
      ...policies,
      `  Table${f}:`,
      '    Type: AWS::Serverless::SimpleTable',
    );
  }
  return `${lines.join('\n')}\n`;
}

interface PlanResource {
  address: string;
  mode: 'managed';
  type: string;
  name: string;
  index?: number;
  values: Record<string, unknown>;
}

export function generateTerraformPlan(): string {
  const trust = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
    ],
  });
  const modules: Array<{ address: string; resources: PlanResource[] }> = [];
  const changes: unknown[] = [];
  const moduleCalls: Record<string, unknown> = {};
  for (let m = 0; m < TF_MODULES; m++) {
    const prefix = m === 0 ? '' : `module.m${m}.`;
    const resources: PlanResource[] = [];
    const add = (
      type: string,
      name: string,
      index: number,
      values: Record<string, unknown>,
      unknown: object,
    ) => {
      const address = `${prefix}${type}.${name}[${index}]`;
      resources.push({ address, mode: 'managed', type, name, index, values });
      changes.push({
        address,
        type,
        name,
        index,
        change: { actions: ['create'], after: values, after_unknown: unknown },
      });
    };
    for (let i = 0; i < TF_PER_MODULE; i++) {
      const wide = i === 0 ? '*' : `s3:GetObject`;
      add(
        'aws_iam_role',
        'app',
        i,
        { name: `m${m}-app-${i}`, path: '/', assume_role_policy: trust },
        { arn: true },
      );
      add(
        'aws_iam_policy',
        'app',
        i,
        {
          name: `m${m}-policy-${i}`,
          path: '/',
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: wide, Resource: '*' }] }),
        },
        { arn: true, id: true },
      );
      add('aws_iam_role_policy_attachment', 'app', i, { role: `m${m}-app-${i}` }, { policy_arn: true });
      add('aws_iam_user', 'dev', i, { name: `m${m}-dev-${i}`, path: '/' }, { arn: true });
      if (i % 2 === 0)
        add(
          'aws_iam_user_group_membership',
          'dev',
          i,
          { user: `m${m}-dev-${i}`, groups: ['developers'] },
          {},
        );
    }
    modules.push({ address: m === 0 ? '' : `module.m${m}`, resources });
    const config = {
      resources: [
        {
          address: 'aws_iam_role_policy_attachment.app',
          type: 'aws_iam_role_policy_attachment',
          name: 'app',
          expressions: {
            role: { references: ['aws_iam_role.app[count.index].name', 'aws_iam_role.app'] },
            policy_arn: { references: ['aws_iam_policy.app[count.index].arn', 'aws_iam_policy.app'] },
          },
        },
      ],
    };
    if (m > 0) moduleCalls[`m${m}`] = { source: `./modules/m${m}`, module: config };
  }
  const [root, ...children] = modules;
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: root!.resources, child_modules: children } },
    resource_changes: changes,
    configuration: { root_module: { resources: [], module_calls: moduleCalls } },
  });
}

export async function main(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'iamspect-bench-iac-'));
  writeFileSync(join(dir, 'sam.yaml'), generateSamTemplate());
  writeFileSync(join(dir, 'tfplan.json'), generateTerraformPlan());
  const rules = resolveRules(RULES.filter(runsOnTemplates), {});
  const prepared: PreparedRun = { loaded: { config: {} }, rules, notRun: [], failOn: 'high', outputs: [] };
  const today = new Date('2026-11-01T09:00:00Z');
  // CPU time beside wall time: on a shared machine the wall time also measures the other processes.
  const scan = async (file: string) => {
    const cpuBefore = process.cpuUsage();
    const run = await timed(() =>
      templateReportOf(scanTemplatesInParallel([join(dir, file)], { cwd: dir, now: today }), prepared, today),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { ...run, cpu: (cpu.user + cpu.system) / 1000 };
  };
  const sam = await scan('sam.yaml');
  const plan = await scan('tfplan.json');
  rmSync(dir, { recursive: true, force: true });
  return printMeasurements(`bench/template-iac: a SAM template and a Terraform plan; ${rules.length} rules`, [
    { label: 'SAM template, 500 resources', value: sam.ms, unit: 'ms', target: 1_000 },
    { label: 'SAM template, CPU time (all threads)', value: sam.cpu, unit: 'ms' },
    { label: 'SAM findings', value: sam.result.report.findings.length, unit: 'count' },
    { label: 'Terraform plan, 2,000 resources', value: plan.ms, unit: 'ms', target: 2_000 },
    { label: 'Terraform plan, CPU time (all threads)', value: plan.cpu, unit: 'ms' },
    { label: 'Terraform findings', value: plan.result.report.findings.length, unit: 'count' },
    { label: 'peak RSS', value: peakRssMb(), unit: 'MB', target: 500 },
  ]);
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
