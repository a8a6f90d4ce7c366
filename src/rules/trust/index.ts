// Role trust: who may assume each role, and whether roles that code runs as are dangerous or idle.
import type { AnyRule } from '../types.js';
import { roleComputeAdmin } from './role-compute-admin.js';
import { roleTrustAnyPrincipal } from './role-trust-any-principal.js';
import { roleTrustCrossAccount } from './role-trust-cross-account.js';
import { roleTrustServiceConfusedDeputy } from './role-trust-service-confused-deputy.js';
import { roleUnused } from './role-unused.js';

export const trustRules: AnyRule[] = [
  roleComputeAdmin,
  roleTrustAnyPrincipal,
  roleTrustCrossAccount,
  roleTrustServiceConfusedDeputy,
  roleUnused,
];
