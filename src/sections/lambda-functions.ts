// lambdaFunctions: the Lambda functions of every enabled region with their resource-based policies
// (resource-policy-public). A function nobody was given access to has no policy, and GetPolicy
// answers ResourceNotFoundException for it.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validatePages } from '../snapshot/input-validation.js';
import { noPolicyOn, readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listFunctionsPage = z.object({
  Functions: z.array(z.object({ FunctionName: z.string(), FunctionArn: z.string() })).optional(),
});

export const lambdaFunctionsSection = resourcePolicySection({
  name: 'lambdaFunctions',
  list: 'lambda:ListFunctions',
  get: 'lambda:GetPolicy',
  collectRegion: async (context, region) => {
    const { GetPolicyCommand, ListFunctionsCommand } = await import('@aws-sdk/client-lambda');
    const lambda = context.clients.inRegion('lambda', region);
    const pages = await allTokenPages(
      (Marker) => lambda.send(new ListFunctionsCommand({ Marker })),
      (page) => page.NextMarker,
    );
    const functions = validatePages(
      listFunctionsPage,
      pages,
      `lambda:ListFunctions response in ${region}`,
    ).flatMap((page) =>
      (page.Functions ?? []).map(({ FunctionName, FunctionArn }) => ({
        arn: FunctionArn,
        name: FunctionName,
      })),
    );
    return readResourcePolicies(region, functions, 'lambda:GetPolicy', async (fn) => {
      const output = await noPolicyOn('ResourceNotFoundException', () =>
        lambda.send(new GetPolicyCommand({ FunctionName: fn.name })),
      );
      return output?.Policy;
    });
  },
});
