// Account password policy rules: how IAM users' console passwords must look and how long they live.
import type { AnyRule } from '../types.js';
import { passwordPolicyComplexity } from './password-policy-complexity.js';
import { passwordPolicyMaxAge } from './password-policy-max-age.js';
import { passwordPolicyMinLength } from './password-policy-min-length.js';
import { passwordPolicyMissing } from './password-policy-missing.js';
import { passwordPolicyReuse } from './password-policy-reuse.js';

export const passwordRules: AnyRule[] = [
  passwordPolicyComplexity,
  passwordPolicyMaxAge,
  passwordPolicyMinLength,
  passwordPolicyMissing,
  passwordPolicyReuse,
];
