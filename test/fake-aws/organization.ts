// Ready-made organizations for the --org tests and the benchmark: a management account (the fake's
// own account, whose keys the tests use) and members reachable through sts:AssumeRole of an audit
// role, laid out in a small OU tree: root -> workloads -> web, with every other member under web.
import type { FakeAccount, FakeAccountInit, FakeAccountState, FakeOrganization } from './model.js';
import {
  allowDocument,
  DEFAULT_ROOT_ID,
  fakeAccount,
  fakeOrganization,
  fakeRole,
  fullAwsAccess,
  organizationAccount,
  trustDocument,
} from './model.js';

export const MANAGEMENT_ACCOUNT_ID = '100000000000';
export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';
export const ROOT_ID = DEFAULT_ROOT_ID;
export const WORKLOADS_OU = 'ou-a1b2-workloads';
export const WEB_OU = 'ou-a1b2-webfront';

/** The id of the `index`-th member (0-based): 200000000000, 200000000001, ... */
export function memberId(index: number): string {
  return String(200_000_000_000 + index);
}

/** What the audit role in each member may do: read, as `iamspect permissions` asks. */
const AUDIT_POLICY = allowDocument(['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport']);

export interface OrganizationOptions {
  memberCount: number;
  roleName?: string;
  partition?: string;
  /** Member account states other than ACTIVE, by account id. */
  states?: Record<string, FakeAccountState>;
  /** Members without the audit role: sts:AssumeRole is refused there. */
  withoutRole?: string[];
  /** Extra content for a member's model. */
  member?: (id: string, index: number) => FakeAccountInit;
}

export interface FakeOrganizationWorld {
  management: FakeAccount;
  organization: FakeOrganization;
  memberIds: string[];
}

export function organizationWorld(options: OrganizationOptions): FakeOrganizationWorld {
  const roleName = options.roleName ?? DEFAULT_ROLE_NAME;
  const partition = options.partition ?? 'aws';
  const memberIds = Array.from({ length: options.memberCount }, (_, index) => memberId(index));
  const organization = fakeOrganization({
    managementAccountId: MANAGEMENT_ACCOUNT_ID,
    rootId: ROOT_ID,
    units: [
      { id: WORKLOADS_OU, name: 'workloads', parentId: ROOT_ID },
      { id: WEB_OU, name: 'web', parentId: WORKLOADS_OU },
    ],
    accounts: [
      organizationAccount(MANAGEMENT_ACCOUNT_ID, { name: 'management' }),
      ...memberIds.map((id, index) =>
        organizationAccount(id, {
          state: options.states?.[id] ?? 'ACTIVE',
          parentId: index % 2 === 0 ? WEB_OU : WORKLOADS_OU,
        }),
      ),
    ],
    policies: [fullAwsAccess([ROOT_ID, WORKLOADS_OU, WEB_OU, MANAGEMENT_ACCOUNT_ID, ...memberIds])],
  });
  const management = fakeAccount({ id: MANAGEMENT_ACCOUNT_ID, partition, organization });
  memberIds.forEach((id, index) => {
    const init = options.member?.(id, index) ?? {};
    const auditRole = fakeRole(roleName, {
      trustPolicy: trustDocument({ AWS: `arn:${partition}:iam::${MANAGEMENT_ACCOUNT_ID}:root` }),
      inlinePolicies: { audit: AUDIT_POLICY },
    });
    const roles = options.withoutRole?.includes(id) ? [] : [auditRole];
    organization.members.set(
      id,
      fakeAccount({ ...init, id, partition, organization, roles: [...roles, ...(init.roles ?? [])] }),
    );
  });
  return { management, organization, memberIds };
}
