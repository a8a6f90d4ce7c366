// The AWS CLI reader on an account that has none of a thing: what each save command writes then
// is "none", not a missing or partial output. `aws cloudfront list-distributions` answers a
// DistributionList with Quantity 0 and no Items, so the save loop runs get-distribution for
// nothing and `jq -s .` writes an empty list; list-domains and describe-trails answer an empty list.
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { reportCsv, rootLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const REPORT = { 'credential-report.csv': reportCsv([rootLine()]) };

describe('an account with none of a thing', () => {
  test.each([
    { section: 'cloudFrontDistributions', file: 'get-distributions.json', text: '[]\n' },
    { section: 'route53Domains', file: 'list-domains.json', text: JSON.stringify({ Domains: [] }) },
    { section: 'cloudTrails', file: 'describe-trails.json', text: JSON.stringify({ trailList: [] }) },
  ] as const)(
    '$file saved from an account with none reads as none in $section',
    ({ section, file, text }) => {
      const snapshot = readAwsCliDir(tempDirWith({ ...REPORT, [file]: text }));
      expect(snapshot.sections[section]).toEqual({ status: 'ok', data: [] });
    },
  );

  test('a get-distributions.json list still holds only complete GetDistribution answers', () => {
    const snapshot = readAwsCliDir(tempDirWith({ ...REPORT, 'get-distributions.json': '[{"ETag":"E1"}]' }));
    expect(snapshot.sections.cloudFrontDistributions).toMatchObject({
      status: 'error',
      error: { code: 'PartialOutput', message: expect.stringContaining('no Distribution') },
    });
  });
});
