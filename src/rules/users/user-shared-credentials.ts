import { z } from 'zod';
import { sectionData } from '../../snapshot/access.js';
import type { CredentialReportRow } from '../../snapshot/schema.js';
import { activeAccessKeys, hasConsolePassword, iamUserRows } from '../shared/credential-report.js';
import { dayAndAge, isMoreThanDaysAgo } from '../shared/days.js';
import { positiveCountOption } from '../shared/options.js';
import { defineRule } from '../types.js';

const DEFAULT_GENERIC_NAMES = [
  'account',
  'admin',
  'administrator',
  'aws',
  'common',
  'console',
  'default',
  'demo',
  'deploy',
  'deployer',
  'dev',
  'devops',
  'generic',
  'guest',
  'master',
  'operator',
  'ops',
  'root',
  'shared',
  'superuser',
  'support',
  'sysadmin',
  'team',
  'temp',
  'test',
  'tester',
  'testing',
  'tmp',
  'user',
];

/** Generic words that say outright that an identity is shared, number or not. */
const DEFAULT_SHARING_WORDS = ['common', 'generic', 'shared', 'team'];

interface NameWords {
  genericNames: ReadonlySet<string>;
  sharingWords: ReadonlySet<string>;
}

/**
 * A name is generic when, ignoring case, it is a listed name as a whole, or every word in it is
 * one. Words are the runs of letters (digits and `- _ . + = ,` separate them) before any `@`, so an
 * e-mail style name is judged by its local part. `Admin`, `shared-ops`, `OPS_TEAM` and
 * `admin@example.com` are generic; `alice.admin` and `deploy-alice` are not, because a person's
 * name in the user name makes someone accountable for it. A number makes the name one of a series
 * (`user-00042`, `dev-7`, `test01`, `admin2`): numbering is how accounts handed out one per person
 * or system are told apart, so it is no sign of sharing, and such a name is generic only when one of
 * its words says it is shared (`shared-2`, `team1`).
 */
function isGenericName(name: string, { genericNames, sharingWords }: NameWords): boolean {
  const lower = name.toLowerCase();
  if (genericNames.has(lower)) return true;
  const localPart = lower.split('@')[0]!;
  const words = localPart.match(/[a-z]+/g) ?? [];
  if (words.length === 0 || !words.every((word) => genericNames.has(word))) return false;
  const numbered = /[0-9]/.test(localPart);
  return !numbered || words.some((word) => sharingWords.has(word));
}

type Signal =
  | { signal: 'generic-name'; name: string }
  | { signal: 'two-recently-used-keys'; keys: Array<{ slot: number; lastUsedDate: string }> };

function recentlyUsedKeys(row: CredentialReportRow, now: Date, recentDays: number) {
  return activeAccessKeys(row).flatMap(({ slot, key }) =>
    key.lastUsedDate && !isMoreThanDaysAgo(key.lastUsedDate, now, recentDays)
      ? [{ slot, lastUsedDate: key.lastUsedDate }]
      : [],
  );
}

export const userSharedCredentials = defineRule({
  id: 'user-shared-credentials',
  title: 'Each IAM user stands for one person or one system',
  severity: 'medium',
  needs: ['credentialReport'],
  options: z
    .object({
      genericNames: z
        .array(z.string().min(1))
        .default(DEFAULT_GENERIC_NAMES)
        .describe(
          'Names (or words of names) that say "nobody in particular"; compared ignoring case. Replaces the default list.',
        ),
      sharingWords: z
        .array(z.string().min(1))
        .default(DEFAULT_SHARING_WORDS)
        .describe(
          'Words of genericNames that say an identity is shared: a name with a number (user-00042, team1) is generic only with one of them. Replaces the default list.',
        ),
      recentDays: positiveCountOption(
        30,
        'Two active keys both used at most this many days before the snapshot suggest two consumers.',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'When several people or systems share one identity, CloudTrail shows what the identity did but ' +
      'not who did it, nobody can be removed without breaking the others, and its password or key is ' +
      'known to everyone who ever shared it. Two signals point at sharing:\n\n' +
      '- **generic-name**: a user with a console password and a generic name. The name is generic when, ' +
      'ignoring case, it is in `genericNames` as a whole, or every word of it is (words are the runs of ' +
      'letters before any `@`). `admin`, `Admin`, `shared-ops`, `ops_team` and `admin@example.com` ' +
      'match; `alice.admin` and `deploy-alice` do not, since they name a person. A name with a number ' +
      '(`user-00042`, `dev-7`, `test01`, `admin2`) is one of a series, which is how identities handed ' +
      'out one each are told apart: it matches only when one of its words is in `sharingWords` ' +
      '(`shared-2`, `team1`).\n' +
      '- **two-recently-used-keys**: both access keys active and both used within `recentDays` (exactly ' +
      '`recentDays` days ago still counts). During a rotation this is brief; lasting, it means two ' +
      'consumers hold one identity.\n\n' +
      'The evidence lists the signals that fired. Shared root use is reported by `root-recent-use`.',
    remediation:
      'Give each person their own identity (IAM Identity Center, or one IAM user each) and each system ' +
      'its own role or user, then delete the shared credentials. For a generic name that really belongs ' +
      'to one person, rename the user or suppress the finding with the reason.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, options, now }) => {
    const lowerCased = (names: readonly string[]) => new Set(names.map((name) => name.toLowerCase()));
    const nameWords: NameWords = {
      genericNames: lowerCased(options.genericNames),
      sharingWords: lowerCased(options.sharingWords),
    };
    return iamUserRows(sectionData(snapshot, 'credentialReport')).flatMap((row) => {
      const signals: Signal[] = [];
      const reasons: string[] = [];
      if (hasConsolePassword(row) && isGenericName(row.user, nameWords)) {
        signals.push({ signal: 'generic-name', name: row.user });
        reasons.push('a console user with a generic name');
      }
      const recentKeys = recentlyUsedKeys(row, now, options.recentDays);
      if (recentKeys.length === 2) {
        signals.push({ signal: 'two-recently-used-keys', keys: recentKeys });
        const uses = recentKeys.map((k) => `key ${k.slot} on ${dayAndAge(k.lastUsedDate, now)}`).join(', ');
        reasons.push(`both active access keys used within ${options.recentDays} days (${uses})`);
      }
      if (signals.length === 0) return [];
      return [
        {
          resource: row.arn,
          message: `${row.user} looks shared: ${reasons.join('; ')}.`,
          evidence: { signals },
        },
      ];
    });
  },
});
