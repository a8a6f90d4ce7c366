// Problems in an identity policy document that IAM would reject, or that silently change what it
// grants: an action name that matches nothing (harmless in Action, but inside NotAction it excludes
// nothing and so widens the grant), an unknown condition operator, policy variables in a document
// whose Version makes IAM read them literally.
import type { PolicyDocument, Statement } from '../snapshot/schema.js';
import type { ActionCatalog } from './catalog.js';
import { splitAction } from './catalog.js';
import { isKnownConditionOperator } from './conditions.js';
import { hasWildcard } from './glob.js';

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

function actionProblems(statement: Statement, where: string, catalog: ActionCatalog): string[] {
  const inNotAction = statement.Action === undefined && statement.NotAction !== undefined;
  const element = inNotAction ? 'NotAction' : 'Action';
  const widens = inNotAction ? ': it excludes nothing, so the statement allows more than it seems to' : '';
  return (statement.Action ?? statement.NotAction ?? []).flatMap((action) => {
    if (action === '*') return [];
    const [service] = splitAction(action);
    if (service === undefined)
      return [`${where}: ${element} "${action}" is not of the form service:action${widens}`];
    if (!hasWildcard(service) && !catalog.isKnownService(service)) {
      return [`${where}: ${element} "${action}" names an unknown service "${service}"${widens}`];
    }
    return catalog.expand(action).isEmpty()
      ? [`${where}: ${element} "${action}" matches no known action${widens}`]
      : [];
  });
}

function statementProblems(statement: Statement, where: string, catalog: ActionCatalog): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(statement)) {
    if (!STATEMENT_KEYS.has(key)) problems.push(`${where}: unknown element "${key}"`);
  }
  const pairs: Array<[string, string]> = [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
  ];
  for (const [positive, negative] of pairs) {
    const has = (key: string) => (statement as Record<string, unknown>)[key] !== undefined;
    if (has(positive) && has(negative)) problems.push(`${where}: has both ${positive} and ${negative}`);
    if (!has(positive) && !has(negative)) problems.push(`${where}: has neither ${positive} nor ${negative}`);
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (statement[key] !== undefined) problems.push(`${where}: ${key} is not allowed in an identity policy`);
  }
  problems.push(...actionProblems(statement, where, catalog));
  for (const operator of Object.keys(statement.Condition ?? {})) {
    if (!isKnownConditionOperator(operator)) {
      problems.push(`${where}: "${operator}" is not an IAM condition operator`);
    }
  }
  return problems;
}

/** Everything wrong with an identity policy document, one readable line per problem. */
export function documentProblems(document: PolicyDocument, catalog: ActionCatalog): string[] {
  const problems = [...(document.problems ?? [])];
  if (document.Version !== undefined && !VERSIONS.has(document.Version)) {
    problems.push(`Version "${document.Version}" is neither 2012-10-17 nor 2008-10-17`);
  }
  document.Statement.forEach((statement, index) => {
    const where = `Statement[${index}]${statement.Sid ? ` (${statement.Sid})` : ''}`;
    problems.push(...statementProblems(statement, where, catalog));
    const usesVariables = [...(statement.Resource ?? []), ...(statement.NotResource ?? [])].some((r) =>
      r.includes('${'),
    );
    if (usesVariables && document.Version !== '2012-10-17') {
      problems.push(
        `${where}: uses policy variables, which IAM only substitutes when "Version" is "2012-10-17" ` +
          '(otherwise they match literally)',
      );
    }
  });
  return problems;
}
