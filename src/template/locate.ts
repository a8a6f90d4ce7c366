// Where in its template a finding of a shared rule (policy, trust, user rules) belongs. Those rules
// know ARNs, not files; the cloudFormation section records where each ARN and each inline policy
// is written, so a finding lands on the line that causes it and code scanning can annotate it.
import type { Subject } from '../model/subject.js';
import type { CloudFormationTemplate, SourceLocation } from '../snapshot/schema.js';

/**
 * Rules whose findings are about what a principal lacks (a group, members). About a principal the
 * template does not declare the template says nothing of the kind, so such a finding would be a guess.
 */
const ABSENCE_RULES: ReadonlySet<string> = new Set(['user-not-in-group', 'group-empty']);

const KIND_NAMES = { user: 'User', group: 'Group', role: 'Role' } as const;

/** What placing a finding needs to know of it: what it is about, and what the rule said. */
export interface TemplateFinding {
  ruleId: string;
  resource: string;
  subject?: Subject;
  message: string;
  location?: SourceLocation;
}

/** A finding as a template's report shows it: at the location of its cause, worded for a template. */
export interface Placement {
  location: SourceLocation;
  message: string;
}

/**
 * Where a template's finding belongs and how it reads there: at the location of its cause, and,
 * about a principal the template does not declare, worded as the lower bound it is. Undefined for a
 * finding that would only restate that the template does not describe such a principal.
 */
export function placeFinding(
  template: CloudFormationTemplate,
  finding: TemplateFinding,
): Placement | undefined {
  const outside = template.externalPrincipals.find((principal) => principal.arn === finding.resource);
  if (outside && ABSENCE_RULES.has(finding.ruleId)) return undefined;
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
  return { location: finding.location ?? source.location, message: notes.join(' ') };
}

/**
 * The most specific location for a finding on `resource`: the inline policy its subject names,
 * else the resource that has the ARN (principal, managed policy), else the first attachment of an
 * AWS managed policy with that ARN, else the top of the file (every finding of a template scan
 * points into its template).
 */
export function findingLocation(
  template: CloudFormationTemplate,
  finding: { resource: string; subject?: Subject },
): SourceLocation {
  return findingSource(template, finding).location;
}

/** The fact a finding is about: where it is written, and the unknown conditions it depends on. */
function findingSource(
  template: CloudFormationTemplate,
  finding: { resource: string; subject?: Subject },
): { location: SourceLocation; conditions: readonly string[] } {
  const { resource } = finding;
  const policyName = finding.subject?.policy;
  if (policyName !== undefined) {
    const inline = template.inlinePolicies.find(
      (policy) => policy.principalArn === resource && policy.policyName === policyName,
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
