// AWS Organizations over awsJson 1.1, answering from the caller's organization model. As in AWS,
// any member may describe its organization, but only the management account lists accounts,
// policies, targets and parents; other callers get AccessDeniedException. ListAccounts pages can
// be empty and still carry a NextToken, which AWS documents and readers must follow.
import type { FakeAccount, FakeOrganization, FakeServiceControlPolicy } from '../model.js';
import { FakeAwsError } from '../protocols.js';
import type { FakeRequestContext, FakeService } from '../service.js';
import { tokenPage } from '../service.js';

const NOT_IN_USE = 'Your account is not a member of an organization.';

function organizationOf(account: FakeAccount): FakeOrganization {
  if (!account.organization) throw new FakeAwsError('AWSOrganizationsNotInUseException', NOT_IN_USE);
  return account.organization;
}

/** The organization, when the caller is its management account. */
function managedOrganization(context: FakeRequestContext): FakeOrganization {
  const organization = organizationOf(context.account);
  if (organization.managementAccountId !== context.account.id) {
    throw new FakeAwsError('AccessDeniedException', "You don't have permissions to access this resource.");
  }
  return organization;
}

function organizationsArn(account: FakeAccount, organization: FakeOrganization, resource: string): string {
  return `arn:${account.partition}:organizations::${organization.managementAccountId}:${resource}`;
}

function policyArn(
  account: FakeAccount,
  organization: FakeOrganization,
  policy: FakeServiceControlPolicy,
): string {
  return policy.awsManaged
    ? `arn:${account.partition}:organizations::aws:policy/service_control_policy/${policy.id}`
    : organizationsArn(
        account,
        organization,
        `policy/${organization.id}/service_control_policy/${policy.id}`,
      );
}

function policySummary(
  account: FakeAccount,
  organization: FakeOrganization,
  policy: FakeServiceControlPolicy,
) {
  return {
    Id: policy.id,
    Arn: policyArn(account, organization, policy),
    Name: policy.name,
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: policy.awsManaged,
  };
}

function findPolicy(
  organization: FakeOrganization,
  input: Record<string, unknown>,
): FakeServiceControlPolicy {
  const policy = organization.policies.find((candidate) => candidate.id === input.PolicyId);
  if (!policy)
    throw new FakeAwsError(
      'PolicyNotFoundException',
      `We can't find a policy with the PolicyId ${String(input.PolicyId)}.`,
    );
  return policy;
}

function targetType(id: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' {
  if (id.startsWith('r-')) return 'ROOT';
  return id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
}

/** ListAccounts: pages of listAccountsPageSize; with emptyPages, an empty page (token and all) before each. */
function listAccounts(input: Record<string, unknown>, context: FakeRequestContext) {
  const organization = managedOrganization(context);
  const maxResults =
    input.MaxResults === undefined ? organization.listAccountsPageSize : Number(input.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 20) {
    throw new FakeAwsError(
      'InvalidInputException',
      `MaxResults must be 1 to 20, got ${String(input.MaxResults)}`,
    );
  }
  const [offsetToken, servedEmpty] = String(input.NextToken ?? '|').split('|');
  if (organization.emptyPages && servedEmpty !== 'empty') {
    return { Accounts: [], NextToken: `${offsetToken}|empty` };
  }
  const { page, next } = tokenPage(
    organization.accounts,
    offsetToken === '' ? undefined : offsetToken,
    Math.min(maxResults, organization.listAccountsPageSize),
  );
  return {
    Accounts: page.map((member) => ({
      Id: member.id,
      Arn: organizationsArn(context.account, organization, `account/${organization.id}/${member.id}`),
      Email: `${member.name}@example.com`,
      Name: member.name,
      // Status knows only ACTIVE, SUSPENDED and PENDING_CLOSURE; State adds CLOSED and PENDING_ACTIVATION.
      Status:
        member.state === 'CLOSED'
          ? 'SUSPENDED'
          : member.state === 'PENDING_ACTIVATION'
            ? 'ACTIVE'
            : member.state,
      ...(member.statusOnly ? {} : { State: member.state }),
      JoinedMethod: 'CREATED',
      JoinedTimestamp: new Date('2021-03-01T10:00:00Z'),
    })),
    ...(next !== undefined && { NextToken: `${next}|` }),
  };
}

export const organizationsService: FakeService = {
  signingName: 'organizations',
  actionPrefix: 'organizations',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'AWSOrganizationsV20161128' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'TooManyRequestsException', status: 400 },
    serverError: { code: 'ServiceException', status: 500 },
  },
  operations: {
    DescribeOrganization: (_input, { account }) => {
      const organization = organizationOf(account);
      return {
        Organization: {
          Id: organization.id,
          Arn: organizationsArn(account, organization, `organization/${organization.id}`),
          FeatureSet: organization.featureSet,
          MasterAccountArn: organizationsArn(
            account,
            organization,
            `account/${organization.id}/${organization.managementAccountId}`,
          ),
          MasterAccountId: organization.managementAccountId,
          MasterAccountEmail: 'management@example.com',
        },
      };
    },
    ListAccounts: listAccounts,
    ListDelegatedAdministrators: (input, context) => {
      const ids = Object.keys(managedOrganization(context).delegatedAdministrators);
      const { page, next } = tokenPage(ids, input.NextToken, 1);
      return { DelegatedAdministrators: page.map((Id) => ({ Id, Status: 'ACTIVE' })), NextToken: next };
    },
    ListDelegatedServicesForAccount: (input, context) => {
      const services = managedOrganization(context).delegatedAdministrators[String(input.AccountId)];
      if (!services) {
        throw new FakeAwsError(
          'AccountNotRegisteredException',
          'The account is not a delegated administrator.',
        );
      }
      const { page, next } = tokenPage(services, input.NextToken, 2);
      return { DelegatedServices: page.map((ServicePrincipal) => ({ ServicePrincipal })), NextToken: next };
    },
    ListPolicies: (input, context) => {
      const organization = managedOrganization(context);
      const policies = input.Filter === 'SERVICE_CONTROL_POLICY' ? organization.policies : [];
      const { page, next } = tokenPage(policies, input.NextToken, 20);
      return {
        Policies: page.map((policy) => policySummary(context.account, organization, policy)),
        NextToken: next,
      };
    },
    DescribePolicy: (input, context) => {
      const organization = managedOrganization(context);
      const policy = findPolicy(organization, input);
      return {
        Policy: {
          PolicySummary: policySummary(context.account, organization, policy),
          Content: JSON.stringify(policy.document),
        },
      };
    },
    ListTargetsForPolicy: (input, context) => {
      const organization = managedOrganization(context);
      const { page, next } = tokenPage(findPolicy(organization, input).targetIds, input.NextToken, 20);
      return {
        Targets: page.map((id) => ({ TargetId: id, Arn: `arn:fake:${id}`, Name: id, Type: targetType(id) })),
        NextToken: next,
      };
    },
    ListParents: (input, context) => {
      const organization = managedOrganization(context);
      const child =
        organization.accounts.find((member) => member.id === input.ChildId) ??
        organization.units.find((unit) => unit.id === input.ChildId);
      if (!child)
        throw new FakeAwsError(
          'ChildNotFoundException',
          `We can't find a child with the ID ${String(input.ChildId)}.`,
        );
      return { Parents: [{ Id: child.parentId, Type: targetType(child.parentId) }] };
    },
  },
};
