// Telling principals apart that rules must treat differently.
import type { RoleDetail } from '../../snapshot/schema.js';

/**
 * Service-linked roles are created and maintained by an AWS service under the reserved path
 * `/aws-service-role/`; the account cannot change their policies, so findings on them cannot be acted on.
 */
export function isServiceLinkedRole(role: RoleDetail): boolean {
  return role.path.startsWith('/aws-service-role/');
}
