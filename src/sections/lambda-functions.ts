// lambdaFunctions: the Lambda functions of every enabled region with their resource-based policies
// (resource-policy-public). A function nobody was given access to has no policy, and GetPolicy
// answers ResourceNotFoundException for it.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import { noPolicyOn, readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listFunctionsPage = z.object({
  Functions: z.array(z.object({ FunctionName: z.string(), FunctionArn: z.string() })).optional(),
});

const NO_POLICY = 'ResourceNotFoundException';

function listedFunctions(pages: readonly unknown[], source: string) {
  return validatePages(listFunctionsPage, pages, source).flatMap((page) =>
    (page.Functions ?? []).map(({ FunctionName, FunctionArn }) => ({ arn: FunctionArn, name: FunctionName })),
  );
}

// The answer does not name its function: the file name is all that ties it to one.
const policyOutput = z.object({ Policy: z.string() });

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
    const functions = listedFunctions(pages, `lambda:ListFunctions response in ${region}`);
    return readResourcePolicies(region, functions, 'lambda:GetPolicy', async (fn) => {
      const output = await noPolicyOn(NO_POLICY, () =>
        lambda.send(new GetPolicyCommand({ FunctionName: fn.name })),
      );
      return output?.Policy;
    });
  },
  saved: {
    kind: 'function',
    list: {
      command: 'lambda list-functions',
      shape: { required: { Functions: 'list' }, more: 'NextMarker' },
    },
    listed: listedFunctions,
    get: { command: 'lambda get-policy', option: '--function-name', value: (fn) => fn.name, shown: 'N' },
    noPolicyCode: NO_POLICY,
    policyText: (output, _fn, path) => validateInput(policyOutput, output, path).Policy,
  },
});
