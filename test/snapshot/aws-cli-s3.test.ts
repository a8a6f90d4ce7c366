// The AWS CLI reader on S3 outputs: get-account-public-access-block.json for the account, and
// list-buckets.json with, beside it, each bucket's `<command>.<bucket>.json`. A bucket file not
// saved leaves that part unread, so the rules needing it say "not evaluated" by name.
import { BLOCK_NONE } from '../builders/s3.js';
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import { reportCsv, rootLine } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const LIST = JSON.stringify({
  Buckets: [{ Name: 'site.example', CreationDate: '2024-01-01T00:00:00+00:00' }],
});
const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site.example/*' },
  ],
};

/** Every part of site.example saved, as the CLI prints it or an empty file for "not configured". */
const SITE_FILES = {
  'get-bucket-location.site.example.json': JSON.stringify({ LocationConstraint: 'EU' }),
  'get-bucket-policy-status.site.example.json': JSON.stringify({ PolicyStatus: { IsPublic: true } }),
  'get-bucket-policy.site.example.json': JSON.stringify({ Policy: JSON.stringify(POLICY) }),
  'get-bucket-acl.site.example.json': JSON.stringify({
    Owner: { ID: 'abc' },
    Grants: [
      { Grantee: { Type: 'CanonicalUser', ID: 'abc' }, Permission: 'FULL_CONTROL' },
      { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' },
    ],
  }),
  'get-public-access-block.site.example.json': '',
  'get-bucket-logging.site.example.json': '',
  'get-bucket-website.site.example.json': JSON.stringify({ IndexDocument: { Suffix: 'index.html' } }),
};

function read(files: Record<string, string>) {
  return readAwsCliDir(tempDirWith({ 'credential-report.csv': reportCsv([rootLine()]), ...files })).sections;
}

describe('S3 files', () => {
  test('a bucket with every part saved beside list-buckets.json; EU is eu-west-1, empty is "none"', () => {
    const [bucket] = read({ 'list-buckets.json': LIST, ...SITE_FILES }).s3Buckets!.data!;
    expect(bucket).toEqual({
      name: 'site.example',
      region: 'eu-west-1',
      policyIsPublic: true,
      policy: expect.objectContaining({ Statement: [expect.objectContaining({ Effect: 'Allow' })] }),
      aclGrants: [
        { granteeType: 'CanonicalUser', granteeUri: null, permission: 'FULL_CONTROL' },
        { granteeType: 'Group', granteeUri: ALL_USERS, permission: 'READ' },
      ],
      publicAccessBlock: BLOCK_NONE,
      logging: null,
      website: true,
      unread: {},
    });
  });

  test('a null location constraint is us-east-1', () => {
    const [bucket] = read({
      'list-buckets.json': LIST,
      ...SITE_FILES,
      'get-bucket-location.site.example.json': JSON.stringify({ LocationConstraint: null }),
    }).s3Buckets!.data!;
    expect(bucket!.region).toBe('us-east-1');
  });

  test('a bucket file not saved: that part is unread for that bucket, naming the command to run', () => {
    const { 'get-bucket-acl.site.example.json': _acl, ...withoutAcl } = SITE_FILES;
    const [bucket] = read({ 'list-buckets.json': LIST, ...withoutAcl }).s3Buckets!.data!;
    expect(bucket).toMatchObject({
      aclGrants: null,
      website: true,
      unread: {
        acl: {
          code: 'NotSaved',
          message:
            'get-bucket-acl.site.example.json was not saved beside list-buckets.json: ' +
            'aws s3api get-bucket-acl --bucket site.example > get-bucket-acl.site.example.json',
        },
      },
    });
  });

  test('no location saved: the bucket is read no further', () => {
    const [bucket] = read({ 'list-buckets.json': LIST }).s3Buckets!.data!;
    expect(bucket).toMatchObject({ region: null, policy: null, unread: { location: { code: 'NotSaved' } } });
  });

  test('a list naming each bucket region (list-buckets with a parameter) needs no location file', () => {
    const { 'get-bucket-location.site.example.json': _location, ...withoutLocation } = SITE_FILES;
    const list = JSON.stringify({
      Buckets: [
        { Name: 'site.example', CreationDate: '2024-01-01T00:00:00+00:00', BucketRegion: 'ap-south-1' },
      ],
    });
    const [bucket] = read({ 'list-buckets.json': list, ...withoutLocation }).s3Buckets!.data!;
    expect(bucket).toMatchObject({ region: 'ap-south-1', policyIsPublic: true });
    expect(bucket!.unread).toEqual({});
  });

  test('no policy status (NoSuchBucketPolicy) means no policy: the policy file is not needed', () => {
    const {
      'get-bucket-policy-status.site.example.json': _status,
      'get-bucket-policy.site.example.json': _policy,
      ...withoutPolicy
    } = SITE_FILES;
    const [bucket] = read({
      'list-buckets.json': LIST,
      ...withoutPolicy,
      'get-bucket-policy-status.site.example.json': '',
    }).s3Buckets!.data!;
    expect(bucket).toMatchObject({ policyIsPublic: false, policy: null });
    expect(bucket!.unread).toEqual({});
  });

  test('a malformed bucket file is refused naming the file and the field', () => {
    expect(() =>
      read({
        'list-buckets.json': LIST,
        ...SITE_FILES,
        'get-bucket-policy-status.site.example.json': JSON.stringify({ PolicyStatus: { IsPublic: 'yes' } }),
      }),
    ).toThrow(/get-bucket-policy-status\.site\.example\.json: PolicyStatus\.IsPublic: .*expected boolean/);
  });

  test('a bucket file without the key its command always prints is refused, not read as "none"', () => {
    expect(() =>
      read({ 'list-buckets.json': LIST, ...SITE_FILES, 'get-bucket-website.site.example.json': '{}' }),
    ).toThrow(/get-bucket-website\.site\.example\.json: IndexDocument or RedirectAllRequestsTo is missing/);
  });

  test('list-buckets.json that says more pages follow is incomplete, not a shorter list', () => {
    const section = read({
      'list-buckets.json': JSON.stringify({ Buckets: [], ContinuationToken: 'abc' }),
    }).s3Buckets!;
    expect(section.status).toBe('error');
    expect(section.error!.message).toMatch(/list-buckets\.json.*more pages follow \(ContinuationToken\)/);
  });

  test('the account block: the empty file saved for NoSuchPublicAccessBlockConfiguration reads as all four off', () => {
    const { s3AccountPublicAccessBlock } = read({ 'get-account-public-access-block.json': '' });
    expect(s3AccountPublicAccessBlock).toEqual({
      status: 'ok',
      data: BLOCK_NONE,
    });
  });

  test('the account block without its configuration is incomplete, not "none"', () => {
    const section = read({ 'get-account-public-access-block.json': '{}' }).s3AccountPublicAccessBlock!;
    expect(section.status).toBe('error');
    expect(section.error!.message).toMatch(
      /get-account-public-access-block\.json: .*PublicAccessBlockConfiguration/,
    );
  });

  test('the account block with a setting of the wrong type is refused naming the file and the field', () => {
    expect(() =>
      read({
        'get-account-public-access-block.json': JSON.stringify({
          PublicAccessBlockConfiguration: { BlockPublicAcls: 'true' },
        }),
      }),
    ).toThrow(/get-account-public-access-block\.json: PublicAccessBlockConfiguration\.BlockPublicAcls: /);
  });
});
