// The frameworks iamspect reports on, and each one's controls joined with the rules that answer
// them (from the rules' metadata) and the option limits that apply.
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import { AWS_FSBP } from './benchmarks/aws-fsbp.js';
import { CIS_AWS_FRAMEWORKS } from './benchmarks/cis-aws.js';
import type { ControlLimit } from './thresholds.js';
import { limitsOf } from './thresholds.js';
import type { BenchmarkControl, Framework } from './types.js';

export const FRAMEWORKS: readonly Framework[] = [...CIS_AWS_FRAMEWORKS, AWS_FSBP];

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((framework) => framework.id === id);
}

export interface FrameworkControl extends BenchmarkControl {
  /** Ids of the rules whose metadata names this control. None: no automated check yet. */
  rules: string[];
  /** The benchmark's numbers for those rules' options. */
  limits: ControlLimit[];
}

export function frameworkControls(
  framework: Framework,
  rules: readonly AnyRule[] = RULES,
): FrameworkControl[] {
  return framework.controls.map((control) => {
    const answering = rules.filter((rule) => rule.frameworks[framework.tag]?.includes(control.id));
    return {
      ...control,
      rules: answering.map((rule) => rule.id),
      limits: answering
        .flatMap(limitsOf)
        .filter((limit) => limit.tag === framework.tag && limit.control === control.id),
    };
  });
}
