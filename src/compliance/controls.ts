// A framework's controls joined with the rules that answer them, read from the rules' metadata
// (their `frameworks`), and with the benchmark's limits on those rules' options.
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../rules/types.js';
import type { ControlLimit } from './thresholds.js';
import { limitsOf } from './thresholds.js';
import type { BenchmarkControl, Framework } from './types.js';

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
