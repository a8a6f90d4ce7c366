// accessAnalyzers: the IAM Access Analyzer analyzers of every enabled region, of every type (the
// rule decides which types count) with their status.
import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { normalizeAnalyzers } from '../snapshot/guardrail-outputs.js';
import type { SectionCollector } from '../collect/collector.js';
import { allTokenPages } from '../collect/collector.js';
import { forEachEnabledRegion } from '../collect/regional.js';

export const accessAnalyzersCollector: SectionCollector<'accessAnalyzers'> = {
  section: 'accessAnalyzers',
  collect: (context) =>
    forEachEnabledRegion(context, 'accessAnalyzers', async (region) => {
      const analyzer = context.clients.inRegion('access-analyzer', region);
      const pages = await allTokenPages(
        (nextToken) => analyzer.send(new ListAnalyzersCommand({ nextToken })),
        (page) => page.nextToken,
      );
      return normalizeAnalyzers(region, pages, `access-analyzer:ListAnalyzers response in ${region}`);
    }),
};
