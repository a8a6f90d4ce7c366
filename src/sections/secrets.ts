// secrets: the Secrets Manager secrets of every enabled region with their resource policies
// (resource-policy-public). A secret without one answers with no ResourcePolicy.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { optionalString, validateInput, validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection, sameResource } from './resource-policy-parts.js';

const listSecretsPage = z.object({
  SecretList: z.array(z.object({ ARN: z.string(), Name: z.string() })).optional(),
});

function listedSecrets(pages: readonly unknown[], source: string) {
  return validatePages(listSecretsPage, pages, source).flatMap((page) =>
    (page.SecretList ?? []).map(({ ARN, Name }) => ({ arn: ARN, name: Name })),
  );
}

// The answer names its secret, and has no ResourcePolicy when the secret has none.
const resourcePolicyOutput = z.object({ ARN: z.string(), ResourcePolicy: optionalString });

export const secretsSection = resourcePolicySection({
  name: 'secrets',
  list: 'secretsmanager:ListSecrets',
  get: 'secretsmanager:GetResourcePolicy',
  collectRegion: async (context, region) => {
    const { GetResourcePolicyCommand, ListSecretsCommand } = await import('@aws-sdk/client-secrets-manager');
    const secretsManager = context.clients.inRegion('secretsmanager', region);
    const pages = await allTokenPages(
      (NextToken) => secretsManager.send(new ListSecretsCommand({ NextToken })),
      (page) => page.NextToken,
    );
    const secrets = listedSecrets(pages, `secretsmanager:ListSecrets response in ${region}`);
    return readResourcePolicies(region, secrets, 'secretsmanager:GetResourcePolicy', async (secret) => {
      const output = await secretsManager.send(new GetResourcePolicyCommand({ SecretId: secret.arn }));
      return output.ResourcePolicy;
    });
  },
  saved: {
    kind: 'secret',
    list: {
      command: 'secretsmanager list-secrets',
      shape: { required: { SecretList: 'list' }, more: 'NextToken' },
    },
    listed: listedSecrets,
    get: {
      command: 'secretsmanager get-resource-policy',
      option: '--secret-id',
      value: (secret) => secret.arn,
      shown: '<its ARN>',
    },
    policyText: (output, secret, path) => {
      const answer = validateInput(resourcePolicyOutput, output, path);
      sameResource(path, 'ARN', answer.ARN, secret.arn);
      return answer.ResourcePolicy ?? undefined;
    },
  },
});
