// Which frameworks a run reports on (--framework and the config's `frameworks`), checked before
// anything runs, and the config's attestations checked against the frameworks' controls.
import type { Config } from '../config.js';
import { InputError } from '../errors.js';
import { frameworkControls } from './controls.js';
import { findFramework, FRAMEWORK_IDS } from './frameworks.js';
import type { Framework } from './types.js';

/** The frameworks named by --framework and the config, each once, in the order first named. */
export function selectFrameworks(flagIds: readonly string[], config: Config): Framework[] {
  const ids = [...new Set([...flagIds, ...(config.frameworks ?? [])])];
  return ids.map((id) => {
    const framework = findFramework(id);
    if (!framework) {
      throw new InputError(
        `--framework ${id}: unknown framework`,
        `Frameworks: ${FRAMEWORK_IDS.join(', ')} (\`iamspect frameworks\` lists them).`,
      );
    }
    return framework;
  });
}

/** The ids of the rules behind `frameworks`' controls: a framework's report runs them all. */
export function frameworkRuleIds(frameworks: readonly Framework[]): string[] {
  return [
    ...new Set(frameworks.flatMap((framework) => frameworkControls(framework).flatMap((c) => c.rules))),
  ];
}

/**
 * An attestation must name a control of its framework that no rule checks: a person's word
 * never stands in for a rule's result. Throws an InputError naming the entry.
 */
export function checkAttestations(config: Config, configFile: string): void {
  (config.attestations ?? []).forEach((attestation, index) => {
    const where = `${configFile}: attestations[${index}]`;
    const framework = findFramework(attestation.framework)!;
    const control = frameworkControls(framework).find((entry) => entry.id === attestation.control);
    if (!control) {
      throw new InputError(
        `${where}: ${framework.id} has no control "${attestation.control}"`,
        `Run \`iamspect frameworks --controls ${framework.id}\` for its control ids.`,
      );
    }
    if (control.rules.length > 0) {
      throw new InputError(
        `${where}: ${framework.id} control ${control.id} is checked by ${control.rules.join(', ')}; only manual controls are attested`,
        'Remove the attestation: the audit judges this control itself.',
      );
    }
  });
}
