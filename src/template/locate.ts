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
 * Where a template's findings belong and how they read there: at the location of their cause, and,
 * about a principal the template does not declare, worded as the lower bound they are. The placer
 * answers undefined for a finding that would only restate that the template does not describe such
 * a principal. Its lookups are built once per template: searching every list for each finding grew
 * with findings times resources (a 2,000-resource plan has hundreds of findings).
 */
export function templatePlacer(
  template: CloudFormationTemplate,
): (finding: TemplateFinding) => Placement | undefined {
  const facts = new TemplateFacts(template);
  return (finding) => {
    const outside = facts.external(finding.resource);
    if (outside && ABSENCE_RULES.has(finding.ruleId)) return undefined;
    const source = facts.source(finding);
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
  };
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
  return new TemplateFacts(template).source(finding).location;
}

/** The first of `items` for each key (the first fact written wins, as a search in order finds it). */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return byKey;
}

/** A template's facts looked up by ARN. */
class TemplateFacts {
  private readonly resources: Map<string, CloudFormationTemplate['resources'][number]>;
  private readonly externals: Map<string, CloudFormationTemplate['externalPrincipals'][number]>;
  private readonly attachments: Map<string, CloudFormationTemplate['managedPolicyAttachments'][number]>;
  /** Each principal's inline policies, in template order. */
  private readonly inlinePolicies = new Map<string, CloudFormationTemplate['inlinePolicies']>();

  constructor(private readonly template: CloudFormationTemplate) {
    this.resources = firstBy(
      template.resources.filter((resource) => resource.arn !== null),
      (resource) => resource.arn!,
    );
    this.externals = firstBy(template.externalPrincipals, (principal) => principal.arn);
    this.attachments = firstBy(template.managedPolicyAttachments, (attachment) => attachment.policyArn);
    for (const policy of template.inlinePolicies) {
      const list = this.inlinePolicies.get(policy.principalArn);
      if (list) list.push(policy);
      else this.inlinePolicies.set(policy.principalArn, [policy]);
    }
  }

  external(arn: string): CloudFormationTemplate['externalPrincipals'][number] | undefined {
    return this.externals.get(arn);
  }

  /** The fact a finding is about: where it is written, and the unknown conditions it depends on. */
  source(finding: { resource: string; subject?: Subject }): {
    location: SourceLocation;
    conditions: readonly string[];
  } {
    const { resource } = finding;
    const inlinePolicies = this.inlinePolicies.get(resource) ?? [];
    const policyName = finding.subject?.policy;
    if (policyName !== undefined) {
      const inline = inlinePolicies.find((policy) => policy.policyName === policyName);
      if (inline) return inline;
    }
    const declared = this.resources.get(resource);
    if (declared) return declared;
    const external = this.externals.get(resource);
    const attachment = this.attachments.get(resource);
    const location = external?.location ??
      attachment?.location ?? { file: this.template.file, line: 1, column: 1 };
    // An external principal has no facts of its own: its policies from the template say it all.
    const conditions = external ? [...new Set(inlinePolicies.flatMap((policy) => policy.conditions))] : [];
    return { location, conditions };
  }
}
