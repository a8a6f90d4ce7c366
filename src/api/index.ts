// The public rule API (`import ... from 'iamspect'`): what a plugin's rule may use. Semantic
// versioning applies to every name exported here, and only to these: api/iamspect.api.md pins
// them with their types, and `npm run docs:check` (test/docs.test.ts) fails when one changes
// without the report being regenerated. Everything else in the package is internal.

// Writing a rule.
export { defineRule, cis } from '../rules/types.js';
export type { AnyRule, Finding, Frameworks, Rule, RuleContext, RuleDocs, RunsOn } from '../rules/types.js';
export type { Severity } from '../model/severity.js';
export { SEVERITIES } from '../model/severity.js';

// The snapshot and its sections.
export type {
  CredentialReportRow,
  GroupDetail,
  ManagedPolicy,
  PolicyDocument,
  RoleDetail,
  SectionData,
  SectionName,
  Snapshot,
  UserDetail,
} from '../snapshot/schema.js';
export { accountArn, iamArn, optionalSectionData, sectionData } from '../snapshot/access.js';

// Days: rules judge ages against the snapshot's collection time (`now`), never the clock.
export { dayAndAge, dayOf, daysRoundedUp, isMoreThanDaysAgo } from '../rules/shared/days.js';

// Credential-report rows.
export {
  activeAccessKeys,
  findRootRow,
  hasConsolePassword,
  iamUserRows,
} from '../rules/shared/credential-report.js';
export type { ActiveAccessKey, CredentialSlot } from '../rules/shared/credential-report.js';

// Principals.
export { isServiceLinkedRole } from '../rules/shared/principals.js';
