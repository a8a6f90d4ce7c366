// CloudWatch Logs over awsJson 1.1 (target prefix Logs_20140328), per region: DescribeMetricFilters,
// every filter of the region (or of one log group), paged with nextToken.
import type { FakeService } from '../service.js';
import { tokenPage } from '../service.js';
import { regionalServices } from './regional.js';

export const logsService: FakeService = {
  signingName: 'logs',
  actionPrefix: 'logs',
  protocol: { kind: 'awsJson1_1', targetPrefix: 'Logs_20140328' },
  errors: {
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttling: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'ServiceUnavailableException', status: 500 },
  },
  operations: {
    DescribeMetricFilters: (input, context) => {
      const filters = regionalServices(context).metricFilters.filter(
        (filter) => input.logGroupName === undefined || filter.logGroupName === input.logGroupName,
      );
      const { page, next } = tokenPage(filters, input.nextToken, Number(input.limit ?? 50));
      return {
        metricFilters: page.map((filter) => ({
          filterName: filter.name,
          logGroupName: filter.logGroupName,
          filterPattern: filter.pattern,
          metricTransformations: [
            { metricNamespace: filter.namespace, metricName: filter.metricName, metricValue: '1' },
          ],
          creationTime: 1767225600000,
        })),
        nextToken: next,
      };
    },
  },
};
