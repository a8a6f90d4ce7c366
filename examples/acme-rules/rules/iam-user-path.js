// acme/iam-user-path: every IAM user lives under a path that says what it is, /humans/ for people
// and /machines/ for workloads, so a policy or a review can tell them apart by ARN alone.
import { defineRule, sectionData } from 'iamspect';
import { z } from 'zod';

export const iamUserPath = defineRule({
  id: 'iam-user-path',
  title: 'IAM users live under /humans/ or /machines/',
  severity: 'medium',
  needs: ['authorizationDetails'],
  options: z
    .object({
      allowedPaths: z
        .array(z.string().regex(/^\/(.+\/)?$/, 'an IAM path: starts and ends with /'))
        .min(1)
        .default(['/humans/', '/machines/'])
        .describe('The paths a user may live under; each covers the paths below it (/humans/eng/).'),
    })
    .strict(),
  docs: {
    rationale:
      "Acme tells people from workloads by the IAM path in a user's ARN: permission boundaries, SCP " +
      'conditions and the quarterly access review all match `user/humans/*` or `user/machines/*`. A ' +
      'user anywhere else is reviewed by nobody and matched by no guard rail.',
    remediation:
      'Recreate the user under the right path (`aws iam update-user --user-name NAME --new-path ' +
      '/humans/`), then update the policies that name its old ARN.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names',
    ],
    url: 'https://github.com/iamspect/iamspect/blob/main/examples/acme-rules/README.md#acmeiam-user-path',
  },
  frameworks: {},
  check: ({ snapshot, options }) =>
    sectionData(snapshot, 'authorizationDetails')
      .users.filter((user) => !options.allowedPaths.some((path) => user.path.startsWith(path)))
      .map((user) => ({
        resource: user.arn,
        message: `${user.name} is under ${user.path} (allowed: ${options.allowedPaths.join(', ')}).`,
        evidence: { path: user.path },
      })),
});
