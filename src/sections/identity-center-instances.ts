// identityCenterInstances: in every enabled region, the IAM Identity Center instances
// sso-admin ListInstances lists: those created in the account (an account instance, or the
// organization instance in the management account) and those visible to it (the organization
// instance, in a delegated administrator account). An instance lives in one region, so every
// enabled region is asked. A member account reached through the organization instance sees none;
// Identity Center's SAML provider in that account (samlProviders) shows it instead. A region that
// refuses the call (an SCP that denies the region, a role without sso:ListInstances) is kept as
// unread with the refusal: an instance elsewhere still answers the rule, and when none is found
// the rule names the regions it could not read instead of guessing.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { awsErrorCode, isAccessDenied } from '../collect/failures.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const identityCenterRegionSchema = z.object({
  region: z.string(),
  instances: z.array(
    z.object({
      arn: z.string(),
      /** ACTIVE, CREATE_IN_PROGRESS, CREATE_FAILED, DELETE_IN_PROGRESS; null when the API leaves it out. */
      status: z.string().nullable(),
      ownerAccountId: z.string().nullable(),
    }),
  ),
  /** The region's refusal of sso:ListInstances; null when the region was read. */
  unread: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type IdentityCenterRegion = z.infer<typeof identityCenterRegionSchema>;

const listInstancesPage = z.object({
  Instances: z
    .array(z.object({ InstanceArn: z.string(), Status: optionalString, OwnerAccountId: optionalString }))
    .optional(),
});

/** sso:ListInstances pages of one region -> its instances. */
export function normalizeInstances(
  region: string,
  pages: readonly unknown[],
  source: string,
): IdentityCenterRegion {
  const instances = validatePages(listInstancesPage, pages, source).flatMap((page) =>
    (page.Instances ?? []).map(({ InstanceArn, Status, OwnerAccountId }) => ({
      arn: InstanceArn,
      status: Status,
      ownerAccountId: OwnerAccountId,
    })),
  );
  return { region, instances, unread: null };
}

/** Largest page ListInstances allows. */
const PAGE_SIZE = 100;

const COMMAND = 'list-instances';

export const identityCenterInstancesSection = defineSection({
  name: 'identityCenterInstances',
  data: z.array(identityCenterRegionSchema),
  reads: ['sso:ListInstances'],
  readWith: ['regions'],
  collect: (context) =>
    forEachEnabledRegion(context, 'identityCenterInstances', async (region) => {
      const { ListInstancesCommand } = await import('@aws-sdk/client-sso-admin');
      const sso = context.clients.inRegion('sso', region);
      try {
        const pages = await allTokenPages(
          (NextToken) => sso.send(new ListInstancesCommand({ MaxResults: PAGE_SIZE, NextToken })),
          (page) => page.NextToken,
        );
        return normalizeInstances(region, pages, `sso:ListInstances response in ${region}`);
      } catch (error) {
        if (!isAccessDenied(error)) throw error;
        return {
          region,
          instances: [],
          unread: { code: awsErrorCode(error), message: (error as Error).message },
        };
      }
    }),
  awsCli: {
    kind: 'per-region',
    commands: [{ name: COMMAND, shape: { required: { Instances: 'list' }, more: 'NextToken' } }],
    howToSave: `in each enabled region R: aws sso-admin list-instances --region R > ${COMMAND}.R.json`,
    action: 'sso:ListInstances',
    read: (region, [instances]) =>
      normalizeInstances(region, pagesOf(parseCliJson(instances!)), instances!.path),
  },
});
