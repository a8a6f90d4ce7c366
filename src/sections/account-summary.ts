// accountSummary: GetAccountSummary's SummaryMap (root MFA, root keys and password flags, counts).
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { normalizeAccountSummary } from '../snapshot/iam-outputs.js';
import type { SectionCollector } from '../collect/collector.js';

export const accountSummaryCollector: SectionCollector<'accountSummary'> = {
  section: 'accountSummary',
  async collect({ clients }) {
    const output = await clients.iam.send(new GetAccountSummaryCommand({}));
    return normalizeAccountSummary(output, 'iam:GetAccountSummary response');
  },
};
