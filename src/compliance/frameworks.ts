// The frameworks iamspect reports on. Data only (no rule is loaded), so the config schema can
// name the ids.
import { AWS_FSBP } from './benchmarks/aws-fsbp.js';
import { CIS_AWS_FRAMEWORKS } from './benchmarks/cis-aws.js';
import type { Framework } from './types.js';

export const FRAMEWORKS: readonly Framework[] = [...CIS_AWS_FRAMEWORKS, AWS_FSBP];

export const FRAMEWORK_IDS = FRAMEWORKS.map((framework) => framework.id) as [string, ...string[]];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((framework) => framework.id === id);
}
