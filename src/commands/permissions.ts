// `iamspect permissions`: print the least-privilege IAM policy iamspect needs, as JSON that can be
// saved and attached as is (aws iam create-policy --policy-document file://iamspect.json).
import type { Command } from 'commander';
import { leastPrivilegePolicy } from '../collect/permissions.js';
import { printReport } from '../util/stdout.js';

export function registerPermissions(program: Command): void {
  program
    .command('permissions')
    .summary('print the least-privilege IAM policy iamspect needs')
    .description(
      [
        'Print the IAM policy (JSON) that allows exactly the read operations iamspect sends, and nothing else. Attach it to the user or role that runs iamspect (with --role-arn, to that role: the caller then only needs sts:AssumeRole on it).',
      ].join('\n'),
    )
    .addHelpText(
      'after',
      '\nExample:\n  iamspect permissions > iamspect-policy.json\n' +
        '  aws iam create-policy --policy-name iamspect-audit \\\n' +
        '    --policy-document file://iamspect-policy.json',
    )
    .action(() => {
      printReport(`${JSON.stringify(leastPrivilegePolicy(), null, 2)}\n`);
    });
}
