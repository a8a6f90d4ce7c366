// The test kit for rule authors (`import ... from 'iamspect/testing'`): snapshot builders and
// ruleCases, table-driven rule tests for Jest or node:test. Pinned by api/iamspect.api.md.
export { ruleCases } from '../testing/rule-cases.js';
export type { InvalidCase, RuleCases, TestFunctions, ValidCase } from '../testing/rule-cases.js';
export {
  ACCOUNT,
  NOW,
  allow,
  credentialReportSnapshot,
  daysAgo,
  doc,
  emptySnapshot,
  group,
  managedPolicy,
  role,
  rootRow,
  user,
  userRow,
  withAuthorizationDetails,
  withCredentialReport,
  withFailedSection,
  withSection,
} from '../testing/snapshot.js';
