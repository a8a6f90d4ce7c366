// ecrRepositories: the private ECR repositories of every enabled region with their repository
// policies (resource-policy-public). A repository without one answers RepositoryPolicyNotFoundException.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validatePages } from '../snapshot/input-validation.js';
import { noPolicyOn, readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const describeRepositoriesPage = z.object({
  repositories: z.array(z.object({ repositoryArn: z.string(), repositoryName: z.string() })).optional(),
});

export const ecrRepositoriesSection = resourcePolicySection({
  name: 'ecrRepositories',
  list: 'ecr:DescribeRepositories',
  get: 'ecr:GetRepositoryPolicy',
  collectRegion: async (context, region) => {
    const { DescribeRepositoriesCommand, GetRepositoryPolicyCommand } = await import('@aws-sdk/client-ecr');
    const ecr = context.clients.inRegion('ecr', region);
    const pages = await allTokenPages(
      (nextToken) => ecr.send(new DescribeRepositoriesCommand({ nextToken })),
      (page) => page.nextToken,
    );
    const repositories = validatePages(
      describeRepositoriesPage,
      pages,
      `ecr:DescribeRepositories response in ${region}`,
    ).flatMap((page) =>
      (page.repositories ?? []).map(({ repositoryArn, repositoryName }) => ({
        arn: repositoryArn,
        name: repositoryName,
      })),
    );
    return readResourcePolicies(region, repositories, 'ecr:GetRepositoryPolicy', async (repository) => {
      const output = await noPolicyOn('RepositoryPolicyNotFoundException', () =>
        ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repository.name })),
      );
      return output?.policyText;
    });
  },
});
