// The rule registry: every rule, explicitly imported through its area's list, sorted by id.
// test/rules/meta.test.ts checks that every file under src/rules/<area>/ is registered here.
import type { AnyRule } from './types.js';
import { accountRules } from './account/index.js';
import { cloudfrontRules } from './cloudfront/index.js';
import { domainRules } from './domains/index.js';
import { ec2Rules } from './ec2/index.js';
import { passwordRules } from './password/index.js';
import { policyRules } from './policy/index.js';
import { rootRules } from './root/index.js';
import { s3Rules } from './s3/index.js';
import { templateRules } from './template/index.js';
import { trustRules } from './trust/index.js';
import { userRules } from './users/index.js';

const areas: AnyRule[][] = [
  accountRules,
  cloudfrontRules,
  domainRules,
  ec2Rules,
  passwordRules,
  policyRules,
  rootRules,
  s3Rules,
  templateRules,
  trustRules,
  userRules,
];

export const RULES: readonly AnyRule[] = areas.flat().sort((a, b) => a.id.localeCompare(b.id));

/** The rule `id` (or an alias) names in `registry` (default: the built-in rules). */
export function findRule(id: string, registry: readonly AnyRule[] = RULES): AnyRule | undefined {
  return registry.find((rule) => rule.id === id || rule.aliases?.includes(id));
}
