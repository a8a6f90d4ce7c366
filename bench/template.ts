// Template benchmark: 1,000 generated CloudFormation templates of 30 resources each (half YAML with
// short-form tags, half JSON) read from a directory, parsed, mapped, evaluated with every rule a
// template can feed, and written as table, JSON and SARIF.
// Targets (issue 7): whole scan <= 10 s, peak RSS <= 500 MB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreparedRun } from '../src/commands/report-options.js';
import { runsOnTemplates, templateReportOf } from '../src/commands/template.js';
import { resolveRules } from '../src/engine/resolve-rules.js';
import { renderReport } from '../src/report/render.js';
import { RULES } from '../src/rules/index.js';
import { parseTemplateText } from '../src/template/parse.js';
import { scanTemplatesInParallel } from '../src/template/parallel-scan.js';
import type { TemplateNode } from '../src/template/tree.js';
import { isMain, peakRssMb, printMeasurements, timed } from './measure.js';

const TEMPLATES = 1_000;

/**
 * One template of exactly 30 resources, shaped like an application stack: a bucket and a queue, 2
 * groups, 3 users (console users with a Secrets Manager or NoEcho password, a CI user with an
 * access key), 9 roles for Lambda, ECS and EC2 (one trusted by another account), 6 managed
 * policies, 4 policies, 2 instance profiles and a group addition, wired with Ref, GetAtt, Sub,
 * Join, If and FindInMap. Every tenth stack has the classic mistakes: a literal password, an
 * administrators group, the access key's secret in an output.
 */
export function generateTemplate(n: number): string {
  const careless = n % 10 === 0;
  const lines: string[] = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    `Description: generated application stack ${n}`,
    'Parameters:',
    '  Env: {Type: String, Default: prod}',
    '  OperatorPassword: {Type: String, NoEcho: true}',
    '  TrustedAccount: {Type: String, Default: "111122223333"}',
    'Mappings:',
    '  Settings:',
    '    prod: {QueueAction: "sqs:SendMessage"}',
    'Conditions:',
    '  IsProd: !Equals [!Ref Env, prod]',
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    `      BucketName: !Sub "app-${n}-\${Env}"`,
    '  Queue:',
    '    Type: AWS::SQS::Queue',
  ];
  for (let g = 0; g < 2; g++) {
    const managed = careless && g === 0 ? 'AdministratorAccess' : 'ReadOnlyAccess';
    lines.push(
      `  Group${g}:`,
      '    Type: AWS::IAM::Group',
      '    Properties:',
      `      GroupName: !Sub "app-${n}-group-${g}-\${Env}"`,
      `      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/${managed}"]`,
      '      Policies:',
      '        - PolicyName: bucket-read',
      '          PolicyDocument:',
      '            Version: "2012-10-17"',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: [s3:GetObject, s3:ListBucket]',
      '                Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]',
    );
  }
  const passwords = [
    careless ? '"Initial-Pa55word!"' : '"{{resolve:secretsmanager:app-operator:SecretString:password}}"',
    '!Ref OperatorPassword',
  ];
  for (let u = 0; u < 2; u++) {
    lines.push(
      `  Operator${u}:`,
      '    Type: AWS::IAM::User',
      '    Properties:',
      `      UserName: app-${n}-operator-${u}`,
      `      Groups: [!Ref Group${u}]`,
      '      LoginProfile:',
      `        Password: ${passwords[u]}`,
      `        PasswordResetRequired: ${!careless}`,
    );
  }
  lines.push(
    '  Deployer:',
    '    Type: AWS::IAM::User',
    '    Properties:',
    `      UserName: !Join ["-", [app, "${n}", deployer]]`,
    '      ManagedPolicyArns: [!If [IsProd, !Ref Managed0, !Ref AWS::NoValue]]',
  );
  const services = ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'];
  for (let r = 0; r < 9; r++) {
    const principal =
      r === 8 ? '{AWS: !Sub "arn:aws:iam::${TrustedAccount}:root"}' : `{Service: ${services[r % 3]}}`;
    lines.push(
      `  Role${r}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      RoleName: !Sub "app-${n}-role-${r}"`,
      '      AssumeRolePolicyDocument:',
      '        Version: "2012-10-17"',
      `        Statement: [{Effect: Allow, Principal: ${principal}, Action: sts:AssumeRole}]`,
      '      Policies:',
      '        - PolicyName: runtime',
      '          PolicyDocument:',
      '            Version: "2012-10-17"',
      '            Statement:',
      '              - {Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: "*"}',
      '              - {Effect: Allow, Action: !FindInMap [Settings, !Ref Env, QueueAction], Resource: !GetAtt Queue.Arn}',
    );
  }
  for (let p = 0; p < 6; p++) {
    lines.push(
      `  Managed${p}:`,
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      `      ManagedPolicyName: app-${n}-managed-${p}`,
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      `            Action: [${p === 0 ? 'cloudformation:*, "s3:*"' : '"ec2:Describe*", s3:PutObject'}]`,
      `            Resource: ${p === 0 ? '"*"' : '!Sub "${Bucket.Arn}/*"'}`,
      `      Roles: [!Ref Role${p}]`,
    );
  }
  for (let p = 0; p < 4; p++) {
    lines.push(
      `  Policy${p}:`,
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      `      PolicyName: app-${n}-policy-${p}`,
      '      PolicyDocument:',
      `        Statement: [{Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: !Sub "arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:app-${p}-*"}]`,
      `      Roles: [!Ref Role${p + 4}]`,
    );
  }
  lines.push(
    '  DeployerKey:',
    '    Type: AWS::IAM::AccessKey',
    '    Properties:',
    '      UserName: !Ref Deployer',
  );
  for (let i = 0; i < 2; i++) {
    lines.push(
      `  Profile${i}:`,
      '    Type: AWS::IAM::InstanceProfile',
      '    Properties:',
      `      Roles: [!Ref Role${i * 3 + 2}]`,
    );
  }
  lines.push(
    '  DeployerGroups:',
    '    Type: AWS::IAM::UserToGroupAddition',
    '    Properties:',
    '      GroupName: !Ref Group1',
    '      Users: [!Ref Deployer]',
    'Outputs:',
    '  DeployerKeyId:',
    '    Value: !Ref DeployerKey',
  );
  if (careless) lines.push('  DeployerSecret:', '    Value: !GetAtt DeployerKey.SecretAccessKey');
  return `${lines.join('\n')}\n`;
}

/** The same template in JSON (long-form functions), from the parsed YAML. */
function asJson(node: TemplateNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'list') return node.items.map(asJson);
  return Object.fromEntries([...node.entries.values()].map((entry) => [entry.key, asJson(entry.value)]));
}

export async function main(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'iamspect-bench-templates-'));
  for (let n = 0; n < TEMPLATES; n++) {
    const yaml = generateTemplate(n);
    const name = join(dir, `stack-${String(n).padStart(4, '0')}`);
    if (n % 2 === 0) writeFileSync(`${name}.yaml`, yaml);
    else writeFileSync(`${name}.json`, JSON.stringify(asJson(parseTemplateText(yaml)), null, 2));
  }
  const rules = resolveRules(RULES.filter(runsOnTemplates), {});
  const prepared: PreparedRun = { loaded: { config: {} }, rules, notRun: [], failOn: 'high', outputs: [] };
  const today = new Date('2026-11-01T09:00:00Z');

  const whole = await timed(async () => {
    // Scanning is streamed: each template is read, mapped and evaluated before the next is read.
    const cpuBefore = process.cpuUsage();
    const scan = await timed(() =>
      templateReportOf(scanTemplatesInParallel([dir], { cwd: dir, now: today }), prepared, today),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const written = await timed(() => {
      const context = { color: false, showSuppressed: false, sarifAnchor: '.iamspect.yml', cwd: dir };
      for (const format of ['table', 'json', 'sarif'] as const) {
        writeFileSync(join(dir, `report.${format}`), renderReport(format, scan.result.report, context));
      }
    });
    return {
      scan: scan.ms,
      scanCpu: (cpu.user + cpu.system) / 1000,
      write: written.ms,
      templates: scan.result.templates,
      findings: scan.result.report.findings.length,
    };
  });
  rmSync(dir, { recursive: true, force: true });
  return printMeasurements(
    `bench/template: ${TEMPLATES.toLocaleString('en-US')} templates of 30 resources (half YAML, half JSON); ${rules.length} rules`,
    [
      { label: 'read + parse + map + evaluate', value: whole.result.scan, unit: 'ms' },
      // CPU time (all threads, GC included): what the scan costs when other processes compete.
      { label: 'CPU time of the scan (all threads)', value: whole.result.scanCpu, unit: 'ms' },
      { label: 'write table + JSON + SARIF', value: whole.result.write, unit: 'ms' },
      { label: 'whole scan', value: whole.ms, unit: 'ms', target: 10_000 },
      { label: 'templates scanned', value: whole.result.templates, unit: 'count' },
      { label: 'findings', value: whole.result.findings, unit: 'count' },
      { label: 'peak RSS', value: peakRssMb(), unit: 'MB', target: 500 },
    ],
  );
}

if (isMain(import.meta.url)) {
  process.exitCode = (await main()) ? 0 : 1;
}
