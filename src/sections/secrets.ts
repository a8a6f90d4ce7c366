// secrets: the Secrets Manager secrets of every enabled region with their resource policies
// (resource-policy-public). A secret without one answers with no ResourcePolicy.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listSecretsPage = z.object({
  SecretList: z.array(z.object({ ARN: z.string(), Name: z.string() })).optional(),
});

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
    const secrets = validatePages(
      listSecretsPage,
      pages,
      `secretsmanager:ListSecrets response in ${region}`,
    ).flatMap((page) => (page.SecretList ?? []).map(({ ARN, Name }) => ({ arn: ARN, name: Name })));
    return readResourcePolicies(region, secrets, 'secretsmanager:GetResourcePolicy', async (secret) => {
      const output = await secretsManager.send(new GetResourcePolicyCommand({ SecretId: secret.arn }));
      return output.ResourcePolicy;
    });
  },
});
