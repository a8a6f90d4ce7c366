// Where in its template a finding of a shared rule (policy, trust, user rules) belongs. Those rules
// know ARNs, not files; the cloudFormation section records where each ARN and each inline policy
// is written, so a finding lands on the line that causes it and code scanning can annotate it.
import type { SourceLocation } from '../snapshot/schema.js';
import type { CloudFormationTemplate } from '../snapshot/schema.js';

/**
 * Does a discriminator name this inline policy? Rules build discriminators from policy names
 * joined with other parts (`inline:Name`, `Name#2`, `Name Sid`), so a whole token must match.
 */
function namesPolicy(discriminator: string, policyName: string): boolean {
  return discriminator === policyName || discriminator.split(/[\s:#,/]+/).includes(policyName);
}

/**
 * Rules whose findings are about what a principal lacks (a group, members). About a principal the
 * template does not declare the template says nothing of the kind, so such a finding would be a guess.
 */
const ABSENCE_RULES: ReadonlySet<string> = new Set(['user-not-in-group', 'group-empty']);

const KIND_NAMES = { user: 'User', group: 'Group', role: 'Role' } as const;

interface TemplateFinding {
  ruleId: string;
  resource: string;
  discriminator?: string;
  message: string;
  location?: SourceLocation;
}

/**
 * A template's findings as its report shows them: each at the location of its cause, a finding
 * about a principal the template does not declare worded as the lower bound it is, and none that
 * would only restate that the template does not describe such a principal.
 */
export function placeFindings<F extends TemplateFinding>(
  template: CloudFormationTemplate,
  findings: readonly F[],
): Array<F & { location: SourceLocation }> {
  const external = new Map(template.externalPrincipals.map((principal) => [principal.arn, principal]));
  return findings.flatMap((finding) => {
    const outside = external.get(finding.resource);
    if (outside && ABSENCE_RULES.has(finding.ruleId)) return [];
    const source = findingSource(template, finding);
    const notes = [finding.message];
    if (outside) {
      notes.push(
        `${KIND_NAMES[outside.kind]} ${outside.name} is not declared in the template: it has at least what ` +
          'the template grants it; its other permissions are unknown.',
      );
    }
    if (source.conditions.length > 0) {
      const which = source.conditions.length === 1 ? 'condition' : 'conditions';
      notes.push(
        `Depends on the template's ${which} ${source.conditions.join(', ')}, known only at deploy time: ` +
          'both branches were judged.',
      );
    }
    return [{ ...finding, location: finding.location ?? source.location, message: notes.join(' ') }];
  });
}

/**
 * The most specific location for a finding on `resource`: the inline policy the discriminator
 * names, else the resource that has the ARN (principal, managed policy), else the first attachment
 * of an AWS managed policy with that ARN, else the top of the file (every finding of a template
 * scan points into its template).
 */
export function findingLocation(
  template: CloudFormationTemplate,
  finding: { resource: string; discriminator?: string },
): SourceLocation {
  return findingSource(template, finding).location;
}

/** The fact a finding is about: where it is written, and the unknown conditions it depends on. */
function findingSource(
  template: CloudFormationTemplate,
  finding: { resource: string; discriminator?: string },
): { location: SourceLocation; conditions: readonly string[] } {
  const { resource, discriminator } = finding;
  if (discriminator !== undefined) {
    const inline = template.inlinePolicies.find(
      (policy) => policy.principalArn === resource && namesPolicy(discriminator, policy.policyName),
    );
    if (inline) return inline;
  }
  const declared = template.resources.find((candidate) => candidate.arn === resource);
  if (declared) return declared;
  const external = template.externalPrincipals.find((candidate) => candidate.arn === resource);
  const attachment = template.managedPolicyAttachments.find((candidate) => candidate.policyArn === resource);
  const location = external?.location ?? attachment?.location ?? { file: template.file, line: 1, column: 1 };
  // An external principal has no facts of its own: its policies from the template say it all.
  const conditions = external
    ? [
        ...new Set(
          template.inlinePolicies.filter((p) => p.principalArn === resource).flatMap((p) => p.conditions),
        ),
      ]
    : [];
  return { location, conditions };
}
