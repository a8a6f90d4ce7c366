// One framework's controls judged from a report: pass, fail, manual, not-evaluated or
// not-applicable. A control is only a pass when every rule behind it ran, could judge everything
// and was as strict as the benchmark asks; anything less says why it is not evaluated. A control
// no rule checks is manual, never a pass: an attestation records who looked, not that it passed.
import type { Attestation } from '../config.js';
import { MANUAL_NOTE } from '../report/compliance-summary.js';
import type { ControlResult, FrameworkResult, Report, ReportFinding } from '../report/model.js';
import type { AnyRule } from '../rules/types.js';
import type { FrameworkControl } from './controls.js';
import { frameworkControls } from './controls.js';
import { describeLoosened, loosenedLimits } from './thresholds.js';
import type { Framework } from './types.js';

/** A rule as the run ran it: options parsed, defaults filled in. */
export interface RunRule {
  rule: AnyRule;
  options: unknown;
}

export interface AssessInput {
  report: Pick<Report, 'findings' | 'notEvaluated' | 'ruleErrors'>;
  /** The rules the run ran. */
  rules: readonly RunRule[];
  /** Whether a rule concerns any audited account (its appliesTo): one that concerns none is not applicable. */
  applies: (rule: AnyRule) => boolean;
  attestations: readonly Attestation[];
  /** Wall-clock day for attestation expiry. */
  today: Date;
}

/** An attestation holds through its `until` day (UTC), like a suppression's expiry. */
export function isAttestationExpired(attestation: Pick<Attestation, 'until'>, today: Date): boolean {
  return today.toISOString().slice(0, 10) > attestation.until;
}

export function assessFramework(framework: Framework, input: AssessInput): FrameworkResult {
  return {
    framework: framework.id,
    title: framework.title,
    controls: frameworkControls(framework).map((control) => assessControl(framework, control, input)),
  };
}

function assessControl(framework: Framework, control: FrameworkControl, input: AssessInput): ControlResult {
  const base = { id: control.id, title: control.title, rules: control.rules };
  if (control.rules.length === 0) return manualControl(framework, control, input, base);

  const claiming = input.report.findings.filter((finding) => claims(finding, framework.tag, control.id));
  const findings = claiming.filter((finding) => !finding.suppressed).length;
  if (findings > 0) return { ...base, status: 'fail', findings };
  const result = (status: ControlResult['status'], note?: string): ControlResult => {
    const suppressed = claiming.length - findings;
    const suppressedNote =
      suppressed > 0 ? `${suppressed} suppressed finding${suppressed === 1 ? '' : 's'}` : '';
    const full = [note, suppressedNote].filter(Boolean).join('; ');
    return { ...base, status, findings, ...(full ? { note: full } : {}) };
  };

  const run = new Map(input.rules.map((entry) => [entry.rule.id, entry]));
  // Only this control's limits: an option too loose for IAM.22 (45 days) may still do for IAM.8 (90).
  const loosened = control.rules
    .flatMap((id) => {
      const entry = run.get(id);
      return entry ? loosenedLimits(entry.rule, entry.options) : [];
    })
    .filter((limit) => limit.tag === framework.tag && limit.control === control.id);
  if (loosened.length > 0) return result('not-evaluated', loosened.map(describeLoosened).join('; '));

  const notRun = control.rules.filter((id) => !run.has(id));
  if (notRun.length > 0) {
    return result('not-evaluated', `not run: ${notRun.join(', ')} (disabled in the config or excluded)`);
  }
  const gaps = [
    ...input.report.ruleErrors
      .filter((error) => control.rules.includes(error.ruleId))
      .map((error) => `${error.ruleId} failed: ${error.message}`),
    ...input.report.notEvaluated
      .filter((gap) => control.rules.includes(gap.ruleId))
      .map((gap) => `${gap.ruleId}${gap.resource ? ` could not judge ${gap.resource}` : ''}: ${gap.reason}`),
  ];
  if (gaps.length > 0) {
    const more = gaps.length > 1 ? ` (and ${gaps.length - 1} more)` : '';
    return result('not-evaluated', `${gaps[0]}${more}`);
  }
  if (control.rules.every((id) => !input.applies(run.get(id)!.rule))) {
    return result(
      'not-applicable',
      `${control.rules.join(', ')} concern${control.rules.length === 1 ? 's' : ''} no audited account`,
    );
  }
  return result('pass');
}

function claims(finding: ReportFinding, tag: string, controlId: string): boolean {
  return finding.frameworks[tag]?.includes(controlId) ?? false;
}

function manualControl(
  framework: Framework,
  control: FrameworkControl,
  input: AssessInput,
  base: Pick<ControlResult, 'id' | 'title' | 'rules'>,
): ControlResult {
  const attestation = input.attestations.find(
    (entry) => entry.framework === framework.id && entry.control === control.id,
  );
  if (!attestation) {
    return {
      ...base,
      status: 'manual',
      findings: 0,
      note: MANUAL_NOTE,
    };
  }
  const { by, statement, until } = attestation;
  if (isAttestationExpired(attestation, input.today)) {
    return {
      ...base,
      status: 'not-evaluated',
      findings: 0,
      note: `attestation by ${by} expired: it held until ${until}`,
      attestation: { by, statement, until },
    };
  }
  return {
    ...base,
    status: 'manual',
    findings: 0,
    note: `attested by ${by} until ${until}: ${statement}`,
    attestation: { by, statement, until },
  };
}
