import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { isExempt } from '../shared/policy-findings.js';
import type { RoleDetail } from '../../snapshot/schema.js';
import { dayOf, daysRoundedUp, isMoreThanDaysAgo } from '../shared/days.js';
import { countableDate, roleField } from '../shared/future-dates.js';
import { positiveCountOption } from '../shared/options.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

export const roleUnused = defineRule({
  id: 'role-unused',
  title: 'Roles that have not been used for a long time are removed',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z
    .object({
      maxUnusedDays: positiveCountOption(
        90,
        'Days without use after which a role is reported (exactly this many days is still fine).',
      ),
    })
    .strict(),
  docs: {
    rationale:
      'A role nobody uses still has its permissions and its trust policy: whoever it trusts can still ' +
      'assume it, long after the project that needed it ended. Removing idle roles shrinks what can be ' +
      'abused and what has to be reviewed.\n\n' +
      "Uses IAM's `RoleLastUsed`, which records assumptions in the last 400 days (so a role used more " +
      'than 400 days ago reads as never used). A role never used is counted from its creation. Reported ' +
      'when more than `maxUnusedDays` days have passed (exactly `maxUnusedDays` days is not reported). ' +
      'Service-linked roles are never reported.',
    remediation:
      "Check with the role's owner (its tags, its name, CloudTrail), then delete it: detach its policies, " +
      'delete its inline policies and instance profiles, and `aws iam delete-role`.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html',
    ],
  },
  frameworks: {},
  check: (context) => {
    const { snapshot, options, now } = context;
    return analyzeAccount(snapshot).roles.flatMap((principal) => {
      if (isExempt(principal)) return [];
      const role = principal.detail as RoleDetail;
      const lastUsed = role.lastUsed?.date ?? null;
      const since = lastUsed ?? role.createDate;
      if (!since) return [];
      const field = roleField(role, lastUsed ? 'RoleLastUsed.LastUsedDate' : 'CreateDate');
      if (!countableDate(since, field, context)) return [];
      if (!isMoreThanDaysAgo(since, now, options.maxUnusedDays)) return [];
      const when = lastUsed
        ? `last used ${dayOf(lastUsed)}`
        : `never used since its creation on ${dayOf(since)}`;
      return [
        {
          resource: role.arn,
          message: `Role ${role.name} unused for ${plural(daysRoundedUp(since, now), 'day')}, ${when} (allowed: ${options.maxUnusedDays}).`,
          evidence: {
            lastUsed,
            lastUsedRegion: role.lastUsed?.region ?? null,
            createDate: role.createDate,
            maxUnusedDays: options.maxUnusedDays,
          },
        },
      ];
    });
  },
});
