// What a compliance framework is to iamspect: the benchmark's own list of controls (ids, titles,
// and whether the benchmark itself calls the check automated or manual), kept as data. Which rules
// answer a control is not written here: it comes from the rules' `frameworks` metadata, so the
// mapping is written once, on the rule.

/** How the benchmark says a control is assessed. */
export type Assessment = 'automated' | 'manual';

export interface BenchmarkControl {
  id: string;
  title: string;
  assessment: Assessment;
}

export interface Framework {
  /** What users type: `--framework cis-aws-7.0`, `frameworks: [cis-aws-7.0]`. */
  id: string;
  title: string;
  /** The key of a rule's `frameworks` whose control ids belong to this framework. */
  tag: string;
  /** The part of the benchmark iamspect reports on, in words. */
  scope: string;
  /** Where the list of controls comes from. */
  source: string;
  controls: readonly BenchmarkControl[];
}

/** Builds a control entry; keeps the benchmark tables one line per control. */
export function control(id: string, title: string, assessment: Assessment): BenchmarkControl {
  return { id, title, assessment };
}
