// Account, organization and detective controls.
import type { AnyRule } from '../types.js';
import { supportRoleMissing } from './support-role-missing.js';

export const accountRules: AnyRule[] = [supportRoleMissing];
