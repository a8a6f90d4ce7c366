// accessAnalyzers: the IAM Access Analyzer analyzers of every enabled region, of every type (the
// rule decides which types count) with their status.
import { z } from 'zod';
import { allTokenPages } from '../collect/collector.js';
import { forEachEnabledRegion } from '../collect/regional.js';
import { pagesOf, parseCliJson } from '../snapshot/aws-cli-file.js';
import { optionalString, validatePages } from '../snapshot/input-validation.js';
import { defineSection } from './section.js';

export const accessAnalyzerRegionSchema = z.object({
  region: z.string(),
  analyzers: z.array(
    z.object({ name: z.string(), arn: z.string(), type: z.string(), status: z.string().nullable() }),
  ),
});
export type AccessAnalyzerRegion = z.infer<typeof accessAnalyzerRegionSchema>;

const listAnalyzersPage = z.object({
  analyzers: z.array(
    z.object({ name: z.string(), arn: z.string(), type: z.string(), status: optionalString }),
  ),
});

/** access-analyzer:ListAnalyzers pages of one region -> its analyzers (every type). */
export function normalizeAnalyzers(
  region: string,
  pages: readonly unknown[],
  source: string,
): AccessAnalyzerRegion {
  return {
    region,
    analyzers: validatePages(listAnalyzersPage, pages, source).flatMap((page) =>
      page.analyzers.map(({ name, arn, type, status }) => ({ name, arn, type, status })),
    ),
  };
}

export const accessAnalyzersSection = defineSection({
  name: 'accessAnalyzers',
  data: z.array(accessAnalyzerRegionSchema),
  reads: ['access-analyzer:ListAnalyzers'],
  readWith: ['regions'],
  collect: (context) =>
    forEachEnabledRegion(context, 'accessAnalyzers', async (region) => {
      const { ListAnalyzersCommand } = await import('@aws-sdk/client-accessanalyzer');
      const analyzer = context.clients.inRegion('access-analyzer', region);
      const pages = await allTokenPages(
        (nextToken) => analyzer.send(new ListAnalyzersCommand({ nextToken })),
        (page) => page.nextToken,
      );
      return normalizeAnalyzers(region, pages, `access-analyzer:ListAnalyzers response in ${region}`);
    }),
  awsCli: {
    kind: 'per-region',
    commands: [{ name: 'list-analyzers', shape: { required: { analyzers: 'list' }, more: 'nextToken' } }],
    howToSave:
      'in each enabled region R: aws accessanalyzer list-analyzers --region R > list-analyzers.R.json',
    action: 'access-analyzer:ListAnalyzers',
    read: (region, [analyzers]) =>
      normalizeAnalyzers(region, pagesOf(parseCliJson(analyzers!)), analyzers!.path),
  },
});
