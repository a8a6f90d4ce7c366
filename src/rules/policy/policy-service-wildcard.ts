import { z } from 'zod';
import { analyzeAccount } from '../../policy/account-analysis.js';
import { documentFinding, statementId } from '../shared/policy-findings.js';
import { joinWithAnd } from '../../util/words.js';
import { documentReadable } from '../shared/undecodable-policies.js';
import { defineRule } from '../types.js';

/** Services where `service:*` hands over identity, keys, the organization or the audit trail. */
const SENSITIVE_SERVICES = new Set(['iam', 'sts', 'kms', 'organizations', 'cloudtrail', 'config']);

const SERVICE_WILDCARD = /^([^:*?]+):\*$/;

export const policyServiceWildcard = defineRule({
  id: 'policy-service-wildcard',
  title: 'Policies name the actions they need rather than every action of a service',
  severity: 'medium',
  needs: ['authorizationDetails'],
  runsOn: 'both',
  options: z.object({}).strict(),
  docs: {
    rationale:
      '`"Action": "s3:*"` grants every current and future action of the service: deleting buckets, ' +
      'changing bucket policies, turning off encryption, not just reading and writing objects. Least ' +
      'privilege means naming the actions. The finding is **high** for services where a wildcard hands ' +
      'over the account itself: `iam`, `sts`, `kms`, `organizations`, `cloudtrail` and `config`.\n\n' +
      'One finding per customer managed policy (default version) or inline policy with an Allow ' +
      'statement whose Action contains `service:*` (case-insensitive), whatever its resources. Documents ' +
      'that are full admin are reported by policy-full-admin instead; statements whose condition can ' +
      'never hold are ignored.',
    remediation:
      'Replace `service:*` with the actions the workload calls (CloudTrail or IAM Access Analyzer policy ' +
      'generation shows them), or with read-only patterns such as `s3:Get*` and `s3:List*` when that is ' +
      'all it needs.',
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-21',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
    ],
  },
  frameworks: { 'aws-security-hub': ['IAM.21'] },
  check: ({ snapshot, notEvaluated }) => {
    const analysis = analyzeAccount(snapshot);
    const catalog = analysis.env.catalog;
    return analysis.policyDocuments().flatMap((entry) => {
      if (!documentReadable(entry, notEvaluated)) return [];
      if (entry.permissions.fullAdmin()) return [];
      const services = new Set<string>();
      const statements: Array<string | number> = [];
      for (const statement of entry.compiled.statements) {
        if (statement.effect !== 'Allow' || statement.notAction) continue;
        if (entry.compiled.resolve(statement, entry.permissions.facts).verdict === 'never') continue;
        const named = (entry.compiled.document.Statement[statement.index]!.Action ?? []).flatMap((action) => {
          const service = SERVICE_WILDCARD.exec(action)?.[1]?.toLowerCase();
          return service && catalog.isKnownService(service) ? [service] : [];
        });
        if (named.length === 0) continue;
        named.forEach((service) => services.add(service));
        statements.push(statementId(statement));
      }
      if (services.size === 0) return [];
      const sorted = [...services].sort();
      const sensitive = sorted.filter((service) => SENSITIVE_SERVICES.has(service));
      return [
        {
          ...documentFinding(
            entry,
            `${entry.label} allows every action of ${joinWithAnd(sorted.map((s) => `${s}:*`))}.`,
            { services: sorted, statements },
          ),
          ...(sensitive.length > 0 ? { severity: 'high' as const } : {}),
        },
      ];
    });
  },
});
