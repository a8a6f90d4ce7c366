import { z } from 'zod';
import type { Invariant } from '../../config.js';
import { invariantSchema } from '../../config.js';
import { globMatch, STAR_ONLY } from '../../util/glob.js';
import type { GraphNode } from '../../graph/access-graph.js';
import { accessGraph } from '../../graph/access-graph.js';
import { adminPath } from '../../graph/paths.js';
import { whoCan } from '../../graph/who-can.js';
import { pathEvidence, pathWithMethods } from '../shared/policy-findings.js';
import type { Snapshot } from '../../snapshot/schema.js';
import type { Finding } from '../types.js';
import { defineRule } from '../types.js';

/** Does a principal glob (an ARN glob, or `role/ci-*` after the account id) match the node? */
function matches(glob: string, node: GraphNode): boolean {
  if (glob.startsWith('arn:')) return globMatch(glob, node.arn, STAR_ONLY);
  return globMatch(
    glob,
    node.arn.slice(node.arn.indexOf(':', node.arn.indexOf(':iam::') + 6) + 1),
    STAR_ONLY,
  );
}

function neverAdmin(snapshot: Snapshot, invariant: Extract<Invariant, { never: 'admin' }>): Finding[] {
  const graph = accessGraph(snapshot);
  return graph.principals.flatMap((node) => {
    if (!matches(invariant.principals, node)) return [];
    const direct = graph.isFullAdmin(node);
    const path = direct ? null : adminPath(graph, node);
    if (!direct && !path) return [];
    const how = path
      ? `can reach full admin${path.conditional ? ' under conditions' : ''}: ${pathWithMethods(path)}`
      : 'has full admin';
    return [
      {
        resource: node.arn,
        discriminator: invariant.id,
        message: `Invariant ${invariant.id} (${invariant.principals} never admin): ${node.label} ${how}.`,
        evidence: { invariant, ...(path ? pathEvidence(snapshot, path) : {}) },
      },
    ];
  });
}

function onlyAllowed(snapshot: Snapshot, invariant: Extract<Invariant, { only: string[] }>): Finding[] {
  const graph = accessGraph(snapshot);
  const action = graph.account.env.catalog.indexOf(invariant.action);
  if (action === undefined) throw new Error(`invariant ${invariant.id}: unknown action ${invariant.action}`);
  const resource = invariant.resource ?? '*';
  return whoCan(graph, action, resource).flatMap(({ node, decision, path }) => {
    if (invariant.only.some((glob) => matches(glob, node))) return [];
    const how = path ? ` through ${pathWithMethods(path)}` : '';
    return [
      {
        resource: node.arn,
        discriminator: invariant.id,
        message:
          `Invariant ${invariant.id} (only ${invariant.only.join(', ')} may ${invariant.action}): ` +
          `${node.label} may ${invariant.action} on ${resource}${decision === 'conditional' ? ' under conditions' : ''}${how}.`,
        evidence: { invariant, decision, ...(path ? pathEvidence(snapshot, path) : {}) },
      },
    ];
  });
}

export const accessInvariantViolated = defineRule({
  id: 'access-invariant-violated',
  title: 'The access invariants of the config file hold',
  severity: 'high',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z
    .object({
      invariants: z
        .array(invariantSchema)
        .default([])
        .describe('Filled from the top-level `invariants` of the config file (the place to write them).'),
    })
    .strict(),
  docs: {
    rationale:
      'Some access rules are yours, not AWS best practice: "CI roles never reach admin", "nobody but the ' +
      'break-glass role may create access keys". Written as `invariants` in `.iamspect.yml`, they are ' +
      'checked on every audit against the access graph (docs/access-graph.md), so a principal that gets ' +
      'there through a path (assuming a role, passing one to Lambda, changing a policy) breaks them as ' +
      "surely as one granted the permission directly: an offline counterpart of IAM Access Analyzer's " +
      'custom policy checks.\n\n' +
      '`{ id, principals: GLOB, never: admin }`: every matching user or role that is full admin or can ' +
      'reach it is a finding. `{ id, action, resource, only: [GLOBs] }`: every user or role outside ' +
      '`only` that may perform the action on the resource (default `*`: somewhere), directly or through ' +
      'a path, is a finding. Principal globs are ARN globs or the part after the account id (`role/ci-*`). ' +
      'Findings carry the invariant id as discriminator; conditional grants count and are marked. Only ' +
      'identity-based access is covered.',
    remediation:
      'Break the path the finding names (or remove the direct grant), or, if the access is intended, ' +
      'change the invariant in the config file.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    ],
  },
  frameworks: {},
  check: ({ snapshot, options }) =>
    options.invariants.flatMap((invariant) =>
      'never' in invariant ? neverAdmin(snapshot, invariant) : onlyAllowed(snapshot, invariant),
    ),
});
