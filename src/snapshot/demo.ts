// `iamspect audit --demo`: a made-up account with the problems iamspect exists to find, so anyone
// can see its output without AWS credentials. It is stored as an AWS CLI output directory
// (fixtures/demo/) and read with the same reader as --aws-cli-dir, so the demo also exercises it.
// demo.json pins what CLI outputs cannot carry: the account, its alias, the partition, and a fixed
// collectedAt so the demo's "N days ago" never drifts with the files' modification times.
//
// The story, relative to collectedAt 2026-11-01T09:00:00Z:
// - root signed in 3 days ago, still has an access key from 2019, and its MFA is a virtual device;
// - `admin` was created from a CloudFormation template: console password, no MFA, and
//   AdministratorAccess through the `administrators` group;
// - `ci-deploy` has two active access keys, one 200 days old, both used in the last day;
// - `j.morrison` has left: password and access key unused for months;
// - `priya.raman` and `tom.becker` are developers with MFA, as everyone should be;
// - the password policy is weak (8 characters, no symbols, no reuse prevention);
// - roles: an EC2 instance role and OrganizationAccountAccessRole (admin, trusting the management account);
// - a forgotten IAM server certificate expired a week ago;
// - it is a member of the northwind organization (o-7k2m9x4q1p, managed by 318574620093), so the
//   SCP and root-access-feature rules, which only the management account can be judged on, do
//   not apply here;
// - of its four enabled regions, AWS Config records in us-east-1 and eu-west-1 (whose delivery to
//   the archive bucket fails), was stopped in eu-central-1 in July and was never set up in
//   us-west-2, and no recorder includes global IAM resources; IAM Access Analyzer runs only in
//   eu-west-1; three opt-in regions are off and not checked;
// - nobody is the SECURITY alternate contact, and the only CloudWatch alarm watches CPU, not the bill;
// - its one CloudTrail trail, northwind-audit, logs every management event but in us-east-1 only,
//   without log file validation (get-trail-status.northwind-audit.json and
//   get-event-selectors.northwind-audit.json beside describe-trails.json); its CloudWatch Logs log
//   group has a metric filter for unauthorized API calls (no alarm on it) but none for root use;
// - www.northwind-shop.com is served by a CloudFront distribution that allows plain HTTP, keeps no
//   access logs and reads its S3 bucket without origin access control;
// - of its two registered domains, northwind-sale.com has no transfer lock.
// get-credential-report.json holds the CSV base64-encoded, as the CLI prints it: decode it with
// `jq -r .Content get-credential-report.json | base64 -d` to read or edit it.
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../util/package-root.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import { readAwsCliDir } from './aws-cli.js';
import { validateInput } from './input-validation.js';
import type { Snapshot } from './schema.js';

const demoSettings = z
  .object({
    accountId: z.string(),
    accountAlias: z.string().nullable(),
    partition: z.string(),
    collectedAt: z.string(),
  })
  .strict();

export function loadDemoSnapshot(): Snapshot {
  const dir = join(packageRoot(), 'fixtures', 'demo');
  const settingsPath = join(dir, 'demo.json');
  const settings = validateInput(
    demoSettings,
    parseJsonText(readInputFile(settingsPath, 'demo settings file'), settingsPath, 'demo settings file'),
    settingsPath,
  );
  // No path: the demo's install location says nothing about the account and would make reports
  // differ between machines.
  return { ...readAwsCliDir(dir, settings), source: { kind: 'demo' } };
}
