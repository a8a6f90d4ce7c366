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
  const attachment = template.managedPolicyAttachments.find((candidate) => candidate.policyArn === resource);
  if (attachment) return attachment.location;
  return { file: template.file, line: 1, column: 1 };
}
