// kmsKeys: the KMS keys of every enabled region with their key policies (resource-policy-public).
// AWS managed keys are read too: their policies let every principal of the account use them, through
// a public principal restricted by kms:CallerAccount, which the judgement recognises.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { validateInput, validatePages } from '../snapshot/input-validation.js';
import { readResourcePolicies, resourcePolicySection } from './resource-policy-parts.js';

const listKeysPage = z.object({
  Keys: z.array(z.object({ KeyId: z.string(), KeyArn: z.string() })).optional(),
});

/** Largest ListKeys page. */
const MAX_KEYS_PER_PAGE = 1000;

function listedKeys(pages: readonly unknown[], source: string) {
  return validatePages(listKeysPage, pages, source).flatMap((page) =>
    (page.Keys ?? []).map(({ KeyId, KeyArn }) => ({ arn: KeyArn, name: KeyId })),
  );
}

// Every key has exactly one policy, named "default". The answer does not name its key: the file
// name is all that ties it to one.
const keyPolicyOutput = z.object({ Policy: z.string() });

export const kmsKeysSection = resourcePolicySection({
  name: 'kmsKeys',
  list: 'kms:ListKeys',
  get: 'kms:GetKeyPolicy',
  collectRegion: async (context, region) => {
    const { GetKeyPolicyCommand, ListKeysCommand } = await import('@aws-sdk/client-kms');
    const kms = context.clients.inRegion('kms', region);
    const pages = await allTokenPages(
      (Marker) => kms.send(new ListKeysCommand({ Marker, Limit: MAX_KEYS_PER_PAGE })),
      (page) => (page.Truncated ? page.NextMarker : undefined),
    );
    const keys = listedKeys(pages, `kms:ListKeys response in ${region}`);
    return readResourcePolicies(region, keys, 'kms:GetKeyPolicy', async (key) => {
      const output = await kms.send(new GetKeyPolicyCommand({ KeyId: key.name, PolicyName: 'default' }));
      return output.Policy;
    });
  },
  saved: {
    kind: 'key',
    list: { command: 'kms list-keys', shape: { required: { Keys: 'list' }, more: 'NextMarker' } },
    listed: listedKeys,
    get: {
      command: 'kms get-key-policy',
      option: '--key-id',
      value: (key) => key.name,
      shown: 'N',
      extra: '--policy-name default',
    },
    policyText: (output, _key, path) => validateInput(keyPolicyOutput, output, path).Policy,
  },
});
