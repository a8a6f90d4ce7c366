// serviceControlPolicies: the organization's SCPs with their targets, and the account's place in
// the tree (root -> OUs -> account), which policy analysis intersects level by level. Organizations
// shows SCPs only to the management account and delegated administrators; anywhere else the
// section is skipped with that reason (an --org run fills it in for every member from the
// management account instead).
import type { Parent } from '@aws-sdk/client-organizations';
import pLimit from 'p-limit';
import { z } from 'zod';
import type { Clients } from '../collect/clients.js';
import { allTokenPages, SectionSkipped } from '../collect/collector.js';
import { isAccessDenied } from '../collect/failures.js';
import { normalizePolicyDocument, PolicyDocumentError } from '../snapshot/policy-document.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import type { PolicyDocument } from '../snapshot/schema-parts.js';
import { policyDocumentSchema } from '../snapshot/schema-parts.js';
import { defineSection } from './section.js';

export const scpSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  awsManaged: z.boolean(),
  document: policyDocumentSchema.nullable(),
  /** Ids of the roots, OUs and accounts the policy is attached to. */
  targetIds: z.array(z.string()),
});
export type ServiceControlPolicy = z.infer<typeof scpSchema>;

export const serviceControlPoliciesSchema = z.object({
  policies: z.array(scpSchema),
  /**
   * For the audited account: the chain root -> OUs -> account (ids). SCPs bind at every level,
   * so effective permissions intersect the SCPs attached at each level of this chain.
   */
  accountPath: z.array(
    z.object({ id: z.string(), type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']) }),
  ),
});
export type ServiceControlPolicies = z.infer<typeof serviceControlPoliciesSchema>;

const policySummary = z.object({
  Id: z.string(),
  Arn: z.string(),
  Name: z.string(),
  AwsManaged: z.boolean().optional(),
});

const describePolicyOutput = z.object({
  Policy: z.object({ PolicySummary: policySummary, Content: z.string().optional() }),
});

const listTargetsPage = z.object({ Targets: z.array(z.object({ TargetId: z.string() })).optional() });

/**
 * DescribePolicy output and the ListTargetsForPolicy pages of one SCP -> the policy with its
 * document (JSON text, not URL-encoded) and the ids of the roots, OUs and accounts it is attached to.
 */
export function normalizeServiceControlPolicy(
  described: unknown,
  targetPages: readonly unknown[],
  source: string,
): ServiceControlPolicy {
  const { PolicySummary: summary, Content: content } = validateInput(
    describePolicyOutput,
    described,
    source,
  ).Policy;
  return {
    id: summary.Id,
    arn: summary.Arn,
    name: summary.Name,
    awsManaged: summary.AwsManaged ?? false,
    document: content === undefined ? null : scpDocument(content),
    targetIds: validatePages(listTargetsPage, targetPages, `${source} targets`).flatMap((page) =>
      (page.Targets ?? []).map((target) => target.TargetId),
    ),
  };
}

/** Organizations validates SCPs, so this only fails on a garbled file; null then means "unknown". */
function scpDocument(content: string): PolicyDocument | null {
  try {
    return normalizePolicyDocument(content);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return null;
    throw error;
  }
}

/** Organizations calls in flight at once: its API is rate-limited per organization. */
export const ORGANIZATIONS_CONCURRENCY = 4;

type PathLevel = ServiceControlPolicies['accountPath'][number];

/** Every SCP of the organization, with its document and targets. */
export async function readServiceControlPolicies(clients: Clients): Promise<ServiceControlPolicy[]> {
  const { DescribePolicyCommand, ListPoliciesCommand, ListTargetsForPolicyCommand } =
    await import('@aws-sdk/client-organizations');
  const { organizations } = clients;
  const pages = await allTokenPages(
    (NextToken) =>
      organizations.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY', NextToken })),
    (page) => page.NextToken,
  );
  const limit = pLimit(ORGANIZATIONS_CONCURRENCY);
  const summaries = pages.flatMap((page) => page.Policies ?? []);
  return Promise.all(
    summaries.map((summary) =>
      limit(async () => {
        const PolicyId = summary.Id ?? '';
        const [described, targets] = await Promise.all([
          organizations.send(new DescribePolicyCommand({ PolicyId })),
          allTokenPages(
            (NextToken) => organizations.send(new ListTargetsForPolicyCommand({ PolicyId, NextToken })),
            (page) => page.NextToken,
          ),
        ]);
        return normalizeServiceControlPolicy(described, targets, `organizations:DescribePolicy ${PolicyId}`);
      }),
    ),
  );
}

/**
 * Parents already looked up, by child id. Accounts under the same OU share its chain, so an
 * organization-wide run asks for each OU's parent once.
 */
export type ParentCache = Map<string, Promise<PathLevel>>;

async function parentOf(clients: Clients, childId: string): Promise<PathLevel> {
  const { ListParentsCommand } = await import('@aws-sdk/client-organizations');
  const output = await clients.organizations.send(new ListParentsCommand({ ChildId: childId }));
  // An account or OU has exactly one parent.
  const parent: Parent | undefined = output.Parents?.[0];
  if (!parent?.Id || (parent.Type !== 'ROOT' && parent.Type !== 'ORGANIZATIONAL_UNIT')) {
    throw new Error(`organizations:ListParents returned no parent for ${childId}`);
  }
  return { id: parent.Id, type: parent.Type };
}

/** The chain root -> OUs -> account for `accountId`, from ListParents up to the root. */
export async function accountPath(
  clients: Clients,
  accountId: string,
  cache: ParentCache = new Map(),
): Promise<PathLevel[]> {
  const path: PathLevel[] = [{ id: accountId, type: 'ACCOUNT' }];
  let parent = await parentOf(clients, accountId);
  while (parent.type !== 'ROOT') {
    path.unshift(parent);
    const childId = parent.id;
    let lookup = cache.get(childId);
    if (!lookup) {
      lookup = parentOf(clients, childId);
      cache.set(childId, lookup);
    }
    parent = await lookup;
  }
  path.unshift(parent);
  return path;
}

export const serviceControlPoliciesSection = defineSection({
  name: 'serviceControlPolicies',
  data: serviceControlPoliciesSchema,
  // Answered only in the management account or a delegated administrator (elsewhere refused, and
  // the section says why).
  reads: [
    'organizations:DescribePolicy',
    'organizations:ListParents',
    'organizations:ListPolicies',
    'organizations:ListTargetsForPolicy',
  ],
  readWith: ['organization'],
  async collect({ clients, identity, shared }) {
    const organization = await shared.organization();
    if (!organization) {
      throw new SectionSkipped(
        'NotInOrganization',
        'the account is in no organization, so no SCP applies to it',
      );
    }
    // Without all features an organization has no SCPs: nothing restricts its accounts.
    if (organization.featureSet === 'CONSOLIDATED_BILLING') return { policies: [], accountPath: [] };
    let policies: ServiceControlPolicy[];
    try {
      policies = await readServiceControlPolicies(clients);
    } catch (error) {
      // A member account is refused whatever its IAM permissions say: that is where it sits in
      // the organization, not a missing permission.
      if (isAccessDenied(error) && organization.managementAccountId !== identity.accountId) {
        throw new SectionSkipped(
          'NotManagementAccount',
          `SCPs can be read only from the management account (${organization.managementAccountId}) or a ` +
            'delegated administrator; audit with --org from there to apply them to this account',
          'organizations:ListPolicies',
        );
      }
      throw error;
    }
    return { policies, accountPath: await accountPath(clients, identity.accountId) };
  },
  awsCli: { kind: 'not-read', why: 'SCPs take several calls per policy' },
});
