// ecrRepositories: the private ECR repositories of every enabled region with their repository
// policies (resource-policy-public). A repository without one answers RepositoryPolicyNotFoundException.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import {
  noPolicyOn,
  readResourcePolicies,
  resourcePolicySection,
  sameResource,
} from './resource-policy-parts.js';

const describeRepositoriesPage = z.object({
  repositories: z.array(z.object({ repositoryArn: z.string(), repositoryName: z.string() })).optional(),
});

const NO_POLICY = 'RepositoryPolicyNotFoundException';

function listedRepositories(pages: readonly unknown[], source: string) {
  return validatePages(describeRepositoriesPage, pages, source).flatMap((page) =>
    (page.repositories ?? []).map(({ repositoryArn, repositoryName }) => ({
      arn: repositoryArn,
      name: repositoryName,
    })),
  );
}

// The answer names its repository.
const repositoryPolicyOutput = z.object({ repositoryName: z.string(), policyText: z.string() });

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
    const repositories = listedRepositories(pages, `ecr:DescribeRepositories response in ${region}`);
    return readResourcePolicies(region, repositories, 'ecr:GetRepositoryPolicy', async (repository) => {
      const output = await noPolicyOn(NO_POLICY, () =>
        ecr.send(new GetRepositoryPolicyCommand({ repositoryName: repository.name })),
      );
      return output?.policyText;
    });
  },
  saved: {
    kind: 'repository',
    list: {
      command: 'ecr describe-repositories',
      shape: { required: { repositories: 'list' }, more: 'nextToken' },
    },
    listed: listedRepositories,
    get: {
      command: 'ecr get-repository-policy',
      option: '--repository-name',
      value: (repository) => repository.name,
      shown: 'N',
    },
    noPolicyCode: NO_POLICY,
    policyText: (output, repository, path) => {
      const answer = validateInput(repositoryPolicyOutput, output, path);
      sameResource(path, 'repositoryName', answer.repositoryName, repository.name);
      return answer.policyText;
    },
  },
});
