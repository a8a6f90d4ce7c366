// Renders docs/escalation-methods.md: the escalation catalogue (src/policy/privesc-methods.ts) as a
// table, so what principal-privilege-escalation checks can be read without the source.
import type { EscalationMethod, MethodPrecondition } from '../src/policy/privesc-methods.js';
import { ESCALATION_METHODS } from '../src/policy/privesc-methods.js';

/** Where the short source names of the catalogue point. */
const NAMED_SOURCES: Readonly<Record<string, string>> = {
  bishopfox: 'https://github.com/BishopFox/iam-vulnerable',
  pmapper: 'https://github.com/nccgroup/PMapper',
  cloudsplaining: 'https://github.com/salesforce/cloudsplaining',
};
const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';

const PRECONDITIONS: Readonly<Record<MethodPrecondition, string>> = {
  'more-permissive-policy-version':
    'a customer managed policy the principal holds has a non-default version that grants more than it has now',
  'assumable-admin-role':
    'a full-admin role trusts the account (or the principal by name) and the principal may assume it',
  'organization-management-account':
    "the audited account is its organization's management account, where IAM Identity Center's " +
    'organization instance lives. Delegated administrators of Identity Center are not collected, so a ' +
    'member account is never reported; when organization data is missing the method is reported as ' +
    'conditional ("if this is the organization\'s management account"), never left out',
};

function sourceLink(source: string): string {
  if (source.startsWith('https://')) return `<${source}>`;
  if (source.startsWith('rhino#')) return `[${source}](${RHINO})`;
  if (source.startsWith('pathfinding:')) {
    return `[${source}](https://pathfinding.cloud/paths/${source.slice('pathfinding:'.length)})`;
  }
  const url = NAMED_SOURCES[source];
  return url ? `[${source}](${url})` : source;
}

const code = (text: string) => `\`${text}\``;

function row(method: EscalationMethod): string {
  return [
    code(method.id),
    method.name,
    method.category,
    method.actions.map(code).join(', '),
    method.service ? code(method.service) : '',
    method.precondition ? code(method.precondition) : '',
    method.sources.map(sourceLink).join(', '),
  ]
    .map((cell) => cell.replaceAll('|', '\\|'))
    .join(' | ');
}

export function escalationMethodsAsMarkdown(): string {
  const lines = [
    '# Privilege escalation methods',
    '',
    '<!-- Generated from src/policy/privesc-methods.ts by `npm run docs`: do not edit. -->',
    '',
    `The ${ESCALATION_METHODS.length} methods the rule \`principal-privilege-escalation\` (and ` +
      '`role-compute-admin`) look for. A method applies to a principal when its effective permissions ' +
      'allow every listed action on a resource the method can exploit; with a service, the role it ends ' +
      'up using is one that service may assume (and, with `iam:PassRole`, one the principal may pass to ' +
      'it). Each method keeps the public write-up it comes from.',
    '',
    '## Preconditions',
    '',
    ...Object.entries(PRECONDITIONS).map(([name, text]) => `- ${code(name)}: ${text}.`),
    '',
    '## Methods',
    '',
    '| Id | Method | Category | Actions | Service | Precondition | Sources |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...ESCALATION_METHODS.map((method) => `| ${row(method)} |`),
    '',
  ];
  return lines.join('\n');
}
