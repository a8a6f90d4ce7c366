// samlProviders and oidcProviders: the account's IAM identity providers, by ARN: whether people
// can sign in through a central directory instead of holding IAM users here. IAM Identity Center
// creates a SAML provider in each account it provisions permission sets to, so an account reached
// through Identity Center shows one too. IAM paginates neither list. Two sections, since each call
// can be refused alone and one kind of provider is enough to answer the rule that reads them.
import { z } from 'zod';
import type { Clients } from '../collect/clients.js';
import type { ReadAction } from '../collect/read-operations.js';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const identityProviderSchema = z.object({ arn: z.string() });
export type IdentityProvider = z.infer<typeof identityProviderSchema>;

/** The providers' ARNs from a list output holding them under `key`. */
function normalizeProviders(key: string, output: unknown, source: string): IdentityProvider[] {
  const shape = z.object({ [key]: z.array(z.object({ Arn: z.string() })).optional() });
  return (validateInput(shape, output, source)[key] ?? []).map(({ Arn }) => ({ arn: Arn }));
}

interface ProviderList<N extends string, A extends ReadAction> {
  name: N;
  action: A;
  /** The output's key for the list. */
  key: string;
  /** The AWS CLI command that saves it, and so the file's name. */
  command: string;
  send(clients: Clients): Promise<unknown>;
}

function providerSection<const N extends string, const A extends ReadAction>(list: ProviderList<N, A>) {
  const file = `${list.command}.json`;
  return defineSection({
    name: list.name,
    data: z.array(identityProviderSchema),
    reads: [list.action],
    collect: async ({ clients }) =>
      normalizeProviders(list.key, await list.send(clients), `${list.action} response`),
    awsCli: {
      kind: 'file',
      files: [{ name: file, shape: { required: { [list.key]: 'list' } } }],
      howToSave: `aws iam ${list.command} > ${file}`,
      action: list.action,
      read: (saved) => normalizeProviders(list.key, parseCliJson(saved), saved.path),
    },
  });
}

export const samlProvidersSection = providerSection({
  name: 'samlProviders',
  action: 'iam:ListSAMLProviders',
  key: 'SAMLProviderList',
  command: 'list-saml-providers',
  async send(clients) {
    const { ListSAMLProvidersCommand } = await import('@aws-sdk/client-iam');
    return clients.iam.send(new ListSAMLProvidersCommand({}));
  },
});

export const oidcProvidersSection = providerSection({
  name: 'oidcProviders',
  action: 'iam:ListOpenIDConnectProviders',
  key: 'OpenIDConnectProviderList',
  command: 'list-open-id-connect-providers',
  async send(clients) {
    const { ListOpenIDConnectProvidersCommand } = await import('@aws-sdk/client-iam');
    return clients.iam.send(new ListOpenIDConnectProvidersCommand({}));
  },
});
