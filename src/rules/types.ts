// The rule interface. A rule is a pure function of the snapshot: no SDK, no clock (now is the
// snapshot's collectedAt), no environment. Its zod options schema is the only source of the
// options' type, defaults, validation and documentation.
import type { z } from 'zod';
import type { Severity } from '../model/severity.js';
import type { Subject } from '../model/subject.js';
import type { SectionName, Snapshot, SourceLocation } from '../snapshot/schema.js';

export interface Finding {
  /** ARN of the thing that is wrong (the principal, policy, account...). */
  resource: string;
  /** Names the thing and the numbers: "Access key AKIA…XYZ of alice unused for 61 days (allowed: 45)." */
  message: string;
  /**
   * Tells two findings of one rule on one resource apart (a key slot, a policy name, a region).
   * Part of the fingerprint, so it must not depend on wording.
   */
  discriminator?: string;
  evidence?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. a PassRole method nobody can use). */
  severity?: Severity;
  /** Where the finding is in a template (template scans only). */
  location?: SourceLocation;
  /**
   * What the finding is about, as data (principal or policy, inline policy, statement): where a
   * template scan places the finding. Not part of the report or the fingerprint.
   */
  subject?: Subject;
}

export interface RuleDocs {
  /** Why it matters (markdown). */
  rationale: string;
  /** How to fix it (markdown). */
  remediation: string;
  references: string[];
  /**
   * The rule's own documentation page (a plugin's): SARIF's helpUri. Built-in rules leave it out;
   * theirs is their section of docs/rules.md.
   */
  url?: string;
}

/** Framework id -> control ids, e.g. { 'cis-aws-5.0': ['1.11'], 'aws-security-hub': ['IAM.22'] }. */
export type Frameworks = Record<string, string[]>;

export interface RuleContext<Options> {
  snapshot: Snapshot;
  options: Options;
  /** The snapshot's collectedAt: rules never read the clock. */
  now: Date;
  /**
   * Says the rule could not judge one resource (a principal with a policy that cannot be decoded, a
   * user whose dates lie after the collection time) and why. It lands in the report's not-evaluated
   * list and makes the run incomplete: a resource the rule could not judge is never a pass, and a
   * guess from the data that is left is never a finding.
   */
  notEvaluated: (resource: string, reason: string) => void;
}

export interface Rule<Schema extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  severity: Severity;
  /** Sections the rule reads: any that is not `ok` makes the rule "not evaluated", never a pass. */
  needs: readonly SectionName[];
  /**
   * Sections the rule reads only when `needs` leaves the answer open: collected with the rule, but
   * one that is not `ok` does not stop it. The rule then says itself, with notEvaluated, what it
   * could not judge without them (identity-federation-missing passes on an IAM identity provider
   * alone, and asks Identity Center only when there is none).
   */
  alsoReads?: readonly SectionName[];
  /** Off unless enabled in config (noisy or informational rules). */
  enabledByDefault: boolean;
  options: Schema;
  docs: RuleDocs;
  frameworks: Frameworks;
  /** Older ids that still select this rule in config, suppressions and --rules. */
  aliases?: readonly string[];
  /**
   * More specific rules that report the same problem on the same thing: when one of them, run on
   * the same account, finds the same resource (and discriminator), the engine drops this rule's
   * finding there. `user-without-mfa` names `user-console-without-mfa` and `user-admin-without-mfa`:
   * an administrator without MFA is one problem, not three. List every rule that covers this one
   * (supersession is not followed transitively).
   */
  supersededBy?: readonly string[];
  /**
   * Which command runs the rule: `audit` ('account'), `iamspect template` ('template'), or both.
   * 'both' suits a rule that judges each principal or policy on its own from what a template
   * declares (authorizationDetails); a rule that judges the account as a whole ("nobody has
   * AWSSupportAccess") is 'account' even when a template has its data, since a template holds
   * only part of an account. test/rules/meta.test.ts checks it against `needs` (`templateNeeds`
   * when set).
   */
  runsOn: RunsOn;
  /**
   * The sections the rule needs when it judges a template (`iamspect template`), if fewer than
   * `needs`: a template holds no organization data, and a rule that can say what it does not know
   * (role-trust-cross-account: "organization membership unknown") runs without it there.
   */
  templateNeeds?: readonly SectionName[];
  /**
   * Whether the rule concerns this account at all: only an organization's management account has
   * SCP guard rails to judge, billing metrics exist only in the aws partition. A rule that does not
   * apply is neither run nor reported as not evaluated. Called before `needs` is checked, so it
   * must cope with missing sections: when unsure it returns true, and the rule is then not
   * evaluated rather than silently skipped.
   */
  appliesTo?: (snapshot: Snapshot) => boolean;
  check: (context: RuleContext<z.output<Schema>>) => Finding[];
}

export type AnyRule = Rule<z.ZodType>;

export type RunsOn = 'account' | 'template' | 'both';

type RuleDefinition<Schema extends z.ZodType> = Omit<Rule<Schema>, 'enabledByDefault' | 'runsOn'> & {
  enabledByDefault?: boolean;
  /** Default 'account': most rules read data only an account has. */
  runsOn?: RunsOn;
};

export function defineRule<Schema extends z.ZodType>(definition: RuleDefinition<Schema>): AnyRule {
  return { enabledByDefault: true, runsOn: 'account', ...definition } as unknown as AnyRule;
}

/** The CIS AWS Foundations Benchmark versions iamspect maps controls to (v3.0.0 ... v7.0.0). */
const CIS_VERSIONS = {
  v3: 'cis-aws-3.0',
  v4: 'cis-aws-4.0',
  v5: 'cis-aws-5.0',
  v6: 'cis-aws-6.0',
  v7: 'cis-aws-7.0',
};

/**
 * CIS control ids by version, e.g. `cis({ v3: '1.11', v4: '1.11', v5: '1.10' })`; a version the
 * control is not in is left out. Frameworks come out oldest version first.
 */
export function cis(ids: Partial<Record<keyof typeof CIS_VERSIONS, string>>): Frameworks {
  return Object.fromEntries(
    Object.entries(CIS_VERSIONS).flatMap(([version, framework]) => {
      const id = ids[version as keyof typeof CIS_VERSIONS];
      return id === undefined ? [] : [[framework, [id]]];
    }),
  );
}
