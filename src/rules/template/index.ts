// Rules that only CloudFormation templates can break: secrets written into the template and
// identities it creates with more power than a user should have. They read the cloudFormation
// section that `iamspect template` builds; the policy and trust rules apply to templates as well.
import type { AnyRule } from '../types.js';
import { templateAccessKeySecretOutput } from './template-access-key-secret-output.js';
import { templateDuplicatePhysicalName } from './template-duplicate-physical-name.js';
import { templateLiteralPassword } from './template-literal-password.js';
import { templatePasswordResetNotRequired } from './template-password-reset-not-required.js';
import { templateUserManagedAdmin } from './template-user-managed-admin.js';

export const templateRules: AnyRule[] = [
  templateAccessKeySecretOutput,
  templateDuplicatePhysicalName,
  templateLiteralPassword,
  templatePasswordResetNotRequired,
  templateUserManagedAdmin,
];
