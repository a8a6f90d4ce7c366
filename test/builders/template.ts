// Builds snapshots from CloudFormation template text, the way `iamspect template` does, for
// template and template-rule tests.
import type { Snapshot } from '../../src/snapshot/schema.js';
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
