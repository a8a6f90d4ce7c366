// IAM Access Analyzer over restJson1 (ListAnalyzers is GET /analyzer), per region.
import type { FakeService } from '../service.js';
import { tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

export const accessAnalyzerService: FakeService = {
  signingName: 'access-analyzer',
  actionPrefix: 'access-analyzer',
  protocol: { kind: 'restJson1', routes: { ListAnalyzers: { method: 'GET', path: '/analyzer' } } },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 403 },
    throttling: { code: 'ThrottlingException', status: 429 },
    serverError: { code: 'InternalServerException', status: 500 },
  },
  operations: {
    ListAnalyzers: (input, context) => {
      const analyzers = regionalServices(context).analyzers.filter(
        (analyzer) => input.type === undefined || analyzer.type === input.type,
      );
      const { page, next } = tokenPage(analyzers, input.nextToken, 10);
      return {
        analyzers: page.map((analyzer) => ({
          name: analyzer.name,
          arn: `arn:${context.account.partition}:access-analyzer:${context.region}:${context.account.id}:analyzer/${analyzer.name}`,
          type: analyzer.type,
          status: analyzer.status,
          createdAt: new Date('2025-01-01T00:00:00Z'),
        })),
        nextToken: next,
      };
    },
  },
};
