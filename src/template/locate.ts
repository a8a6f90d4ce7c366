// Where in its template a finding of a shared rule (policy, trust, user rules) belongs. Those rules
// know ARNs, not files; the cloudFormation section records where each ARN and each inline policy
// is written, so a finding lands on the line that causes it and code scanning can annotate it.
import type { SourceLocation } from '../rules/types.js';
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
    const located = { ...finding, location: finding.location ?? findingLocation(template, finding) };
    if (!outside) return [located];
    const lowerBound =
      `${KIND_NAMES[outside.kind]} ${outside.name} is not declared in the template: it has at least what ` +
      'the template grants it; its other permissions are unknown.';
    return [{ ...located, message: `${finding.message} ${lowerBound}` }];
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
  const { resource, discriminator } = finding;
  if (discriminator !== undefined) {
    const inline = template.inlinePolicies.find(
      (policy) => policy.principalArn === resource && namesPolicy(discriminator, policy.policyName),
    );
    if (inline) return inline.location;
  }
  const declared = template.resources.find((candidate) => candidate.arn === resource);
  if (declared) return declared.location;
  const external = template.externalPrincipals.find((candidate) => candidate.arn === resource);
  if (external) return external.location;
  const attachment = template.managedPolicyAttachments.find((candidate) => candidate.policyArn === resource);
  if (attachment) return attachment.location;
  return { file: template.file, line: 1, column: 1 };
}
