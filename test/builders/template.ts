// Builds snapshots from CloudFormation template text, the way `iamspect template` does, for
// template and template-rule tests.
import type { PreparedRun } from '../../src/commands/report-options.js';
import type { TemplateRun } from '../../src/commands/template.js';
import { runsOnTemplates, templateReport } from '../../src/commands/template.js';
import type { Config } from '../../src/config.js';
import { resolveRules } from '../../src/engine/resolve-rules.js';
import { RULES } from '../../src/rules/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import type { ScanOptions } from '../../src/template/scan.js';
import { scanTemplates } from '../../src/template/scan.js';
import { parseTemplateText } from '../../src/template/parse.js';
import type { Template } from '../../src/template/template.js';
import { readTemplate } from '../../src/template/template.js';
import { templateSnapshot } from '../../src/template/to-snapshot.js';
import { NOW } from './snapshot.js';

export function templateOf(text: string): Template {
  const template = readTemplate(parseTemplateText(text));
  if (!template) throw new Error('test template is not a CloudFormation template');
  return template;
}

export function snapshotFromTemplate(text: string, file = 'stack.yaml'): Snapshot {
  return templateSnapshot(templateOf(text), file, NOW);
}

/** The cloudFormation facts of a one-template snapshot. */
export function factsOf(snapshot: Snapshot) {
  const facts = snapshot.sections.cloudFormation?.data?.templates[0];
  if (!facts) throw new Error('snapshot has no template facts');
  return facts;
}

/** The authorizationDetails of a template snapshot. */
export function detailsOf(snapshot: Snapshot) {
  const details = snapshot.sections.authorizationDetails?.data;
  if (!details) throw new Error('snapshot has no authorization details');
  return details;
}

/** A scan of template files with every rule a template can feed, as `iamspect template` runs it. */
export function scanReport(paths: string[], options: ScanOptions & { config?: Config } = {}): TemplateRun {
  const prepared: PreparedRun = {
    loaded: { config: options.config ?? {} },
    rules: resolveRules(RULES.filter(runsOnTemplates), options.config ?? {}),
    notRun: [],
    failOn: 'high',
    outputs: [],
  };
  return templateReport(scanTemplates(paths, { now: new Date(NOW), ...options }), prepared);
}

/** `ruleId resource` of each finding of a scan, sorted: what a case expects, in one line each. */
export function findingsOf(run: TemplateRun): string[] {
  return run.report.findings.map((finding) => `${finding.ruleId} ${finding.resource}`).sort();
}
