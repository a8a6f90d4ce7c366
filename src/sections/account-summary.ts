// accountSummary: GetAccountSummary's SummaryMap (root MFA, root keys and password flags, counts).
import { z } from 'zod';
import { parseCliJson } from '../snapshot/aws-cli-file.js';
import { validateInput } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

/** GetAccountSummary's SummaryMap. A missing key means unknown, not 0. */
export const accountSummarySchema = z.record(z.string(), z.number());
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** GetAccountSummary output -> its SummaryMap (every key kept: a key missing means unknown). */
export function normalizeAccountSummary(output: unknown, source: string): AccountSummary {
  return validateInput(z.object({ SummaryMap: accountSummarySchema }), output, source).SummaryMap;
}

export const accountSummarySection = defineSection({
  name: 'accountSummary',
  data: accountSummarySchema,
  reads: ['iam:GetAccountSummary'],
  async collect({ clients }) {
    const { GetAccountSummaryCommand } = await import('@aws-sdk/client-iam');
    const output = await clients.iam.send(new GetAccountSummaryCommand({}));
    return normalizeAccountSummary(output, 'iam:GetAccountSummary response');
  },
  awsCli: {
    kind: 'file',
    files: [{ name: 'get-account-summary.json', shape: { required: { SummaryMap: 'object' } } }],
    howToSave: 'aws iam get-account-summary > get-account-summary.json',
    action: 'iam:GetAccountSummary',
    read: (file) => normalizeAccountSummary(parseCliJson(file), file.path),
  },
});
