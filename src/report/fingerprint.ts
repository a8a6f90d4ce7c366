// A finding's identity across runs: what baselines, diffs and suppressions by fingerprint compare.
import { createHash } from 'node:crypto';

/** sha256 of (rule, account, resource, discriminator), never of the message, so rewording keeps it. */
export function fingerprint(ruleId: string, accountId: string, resource: string, discriminator = ''): string {
  return createHash('sha256')
    .update(JSON.stringify([ruleId, accountId, resource, discriminator]))
    .digest('hex');
}
