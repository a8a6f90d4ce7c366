// The AWS CLI reader on the resource-policy sections: per enabled region the list
// (`sns-list-topics.<region>.json`), and beside it each resource's answer saved with 2>&1
// (`sns-get-topic-attributes.<region>.<name>.json`), which may be the CLI's error line. A resource
// whose answer was not saved, or was refused, is named unreadable (not evaluated), never passed;
// an answer about another resource, or without the field the API always returns, fails the read.
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { readAwsCliDir } from '../../src/snapshot/aws-cli.js';
import type { SectionName } from '../../src/snapshot/schema.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import type { Json } from './mutate-json.js';
import { mutatedJson } from './mutate-json.js';
import { reportCsv, rootLine, TEST_ACCOUNT } from './report-csv.js';
import { removeTempDirs, tempDirWith } from '../builders/temp-dir.js';

afterEach(removeTempDirs);

const REGION = 'eu-west-1';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
};
const POLICY_TEXT = JSON.stringify(POLICY);
const TOPIC_ARN = `arn:aws:sns:${REGION}:${TEST_ACCOUNT}:alerts`;
const QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/${TEST_ACCOUNT}/jobs`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${TEST_ACCOUNT}:jobs`;
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${TEST_ACCOUNT}:function:resize`;
const REPOSITORY_ARN = `arn:aws:ecr:${REGION}:${TEST_ACCOUNT}:repository/team/app`;

/** One enabled region, the account named by the credential report, and `files`. */
function dirWith(files: Record<string, string>): string {
  return tempDirWith({
    'credential-report.csv': reportCsv([rootLine()]),
    'list-regions.json': JSON.stringify({
      Regions: [{ RegionName: REGION, RegionOptStatus: 'ENABLED_BY_DEFAULT' }],
    }),
    ...files,
  });
}

const topicList = JSON.stringify({ Topics: [{ TopicArn: TOPIC_ARN }] });
const topicAnswer = (attributes: object) => JSON.stringify({ Attributes: attributes });

function section(dir: string, name: SectionName) {
  return readAwsCliDir(dir).sections[name];
}

describe('resource policies from AWS CLI outputs', () => {
  test('a topic with its saved attributes: its policy', () => {
    const dir = dirWith({
      'sns-list-topics.eu-west-1.json': topicList,
      'sns-get-topic-attributes.eu-west-1.alerts.json': topicAnswer({
        TopicArn: TOPIC_ARN,
        Policy: POLICY_TEXT,
      }),
    });
    expect(section(dir, 'snsTopics')).toEqual({
      status: 'ok',
      data: [
        {
          region: REGION,
          resources: [
            {
              arn: TOPIC_ARN,
              name: 'alerts',
              policy: expect.objectContaining({ Statement: expect.any(Array) }),
            },
          ],
          unreadable: [],
        },
      ],
    });
  });

  test('an empty list-queues file is a region without queues (SQS answers nothing then)', () => {
    const dir = dirWith({ 'sqs-list-queues.eu-west-1.json': '' });
    expect(section(dir, 'sqsQueues')).toEqual({
      status: 'ok',
      data: [{ region: REGION, resources: [], unreadable: [] }],
    });
  });

  test('a queue whose attributes have no Policy has none', () => {
    const dir = dirWith({
      'sqs-list-queues.eu-west-1.json': JSON.stringify({ QueueUrls: [QUEUE_URL] }),
      'sqs-get-queue-attributes.eu-west-1.jobs.json': JSON.stringify({ Attributes: { QueueArn: QUEUE_ARN } }),
    });
    expect(section(dir, 'sqsQueues')).toEqual({
      status: 'ok',
      data: [{ region: REGION, resources: [{ arn: QUEUE_ARN, name: 'jobs', policy: null }], unreadable: [] }],
    });
  });

  test.each([
    [
      'the no-policy error: no policy',
      'ResourceNotFoundException',
      { resources: [{ arn: FUNCTION_ARN, name: 'resize', policy: null }], unreadable: [] },
    ],
    [
      'a refusal: unreadable, with the code',
      'AccessDeniedException',
      {
        resources: [],
        unreadable: [
          {
            arn: FUNCTION_ARN,
            name: 'resize',
            reason: 'lambda:GetPolicy was refused (AccessDeniedException)',
          },
        ],
      },
    ],
  ])('a function whose answer is the CLI error line of %s', (_name, code, region) => {
    const dir = dirWith({
      'lambda-list-functions.eu-west-1.json': JSON.stringify({
        Functions: [{ FunctionName: 'resize', FunctionArn: FUNCTION_ARN }],
      }),
      'lambda-get-policy.eu-west-1.resize.json': `\nAn error occurred (${code}) when calling the GetPolicy operation: no\n`,
    });
    expect(section(dir, 'lambdaFunctions')).toEqual({ status: 'ok', data: [{ region: REGION, ...region }] });
  });

  test('a resource whose answer was not saved is unreadable, naming the file and the command', () => {
    const dir = dirWith({ 'sns-list-topics.eu-west-1.json': topicList });
    expect(section(dir, 'snsTopics')).toEqual({
      status: 'ok',
      data: [
        {
          region: REGION,
          resources: [],
          unreadable: [
            {
              arn: TOPIC_ARN,
              name: 'alerts',
              reason: `sns-get-topic-attributes.eu-west-1.alerts.json was not saved (save it with: aws sns get-topic-attributes --region eu-west-1 --topic-arn ${TOPIC_ARN} > sns-get-topic-attributes.eu-west-1.alerts.json 2>&1)`,
            },
          ],
        },
      ],
    });
  });

  test('a name with a / is saved with %2F in the file name', () => {
    const dir = dirWith({
      'ecr-describe-repositories.eu-west-1.json': JSON.stringify({
        repositories: [{ repositoryName: 'team/app', repositoryArn: REPOSITORY_ARN }],
      }),
      'ecr-get-repository-policy.eu-west-1.team%2Fapp.json': JSON.stringify({
        registryId: TEST_ACCOUNT,
        repositoryName: 'team/app',
        policyText: POLICY_TEXT,
      }),
    });
    expect(section(dir, 'ecrRepositories')).toMatchObject({
      status: 'ok',
      data: [{ resources: [{ arn: REPOSITORY_ARN, name: 'team/app', policy: { Version: '2012-10-17' } }] }],
    });
  });

  test.each([
    [
      'an answer about another topic',
      topicAnswer({ TopicArn: `${TOPIC_ARN}-old`, Policy: POLICY_TEXT }),
      `sns-get-topic-attributes.eu-west-1.alerts.json: Attributes.TopicArn is ${TOPIC_ARN}-old, not ${TOPIC_ARN}`,
    ],
    [
      'an answer without the policy a topic always has',
      topicAnswer({ TopicArn: TOPIC_ARN }),
      'sns-get-topic-attributes.eu-west-1.alerts.json',
    ],
    [
      'an error that says nothing about the policy',
      'An error occurred (InvalidParameter) when calling the GetTopicAttributes operation: bad',
      'sns-get-topic-attributes.eu-west-1.alerts.json: the AWS CLI answered InvalidParameter',
    ],
  ])('%s fails the read, naming the file', (_name, answer, message) => {
    const dir = dirWith({
      'sns-list-topics.eu-west-1.json': topicList,
      'sns-get-topic-attributes.eu-west-1.alerts.json': answer,
    });
    expect(() => readAwsCliDir(dir)).toThrow(InputError);
    expect(() => readAwsCliDir(dir)).toThrow(message);
  });

  test('an answer without the policy names the missing field', () => {
    const dir = dirWith({
      'sns-list-topics.eu-west-1.json': topicList,
      'sns-get-topic-attributes.eu-west-1.alerts.json': topicAnswer({ TopicArn: TOPIC_ARN }),
    });
    expect(() => readAwsCliDir(dir)).toThrow(/Attributes\.Policy/);
  });

  test.each(['*', 'https://sqs.eu-west-1.amazonaws.com/jobs', 'not a url'])(
    'a listed queue URL that is not one (%s) fails the read, naming the file',
    (url) => {
      const dir = dirWith({ 'sqs-list-queues.eu-west-1.json': JSON.stringify({ QueueUrls: [url] }) });
      expect(() => readAwsCliDir(dir)).toThrow(/sqs-list-queues\.eu-west-1\.json.*not a queue URL/s);
    },
  );

  test('a printed list-queues answer without QueueUrls is a cut file, not "no queues": the section is an error', () => {
    const dir = dirWith({ 'sqs-list-queues.eu-west-1.json': '{}' });
    expect(section(dir, 'sqsQueues')).toMatchObject({ status: 'error', error: { code: 'PartialOutput' } });
  });

  test('a list without the key the API always returns is a partial output: the section is an error', () => {
    const dir = dirWith({ 'kms-list-keys.eu-west-1.json': JSON.stringify({ Truncated: false }) });
    expect(section(dir, 'kmsKeys')).toMatchObject({
      status: 'error',
      error: { code: 'PartialOutput', action: 'kms:ListKeys' },
    });
  });

  test('a region without its list file leaves the section skipped, saying how to save it', () => {
    const dir = dirWith({});
    expect(section(dir, 'secrets')).toMatchObject({
      status: 'skipped',
      error: {
        code: 'FileMissing',
        message: expect.stringContaining('secretsmanager-list-secrets.eu-west-1.json not found'),
        action: 'secretsmanager:ListSecrets',
      },
    });
  });
});

describe('resource-policy files on random input: a schema-valid snapshot or an InputError, never a crash', () => {
  const files = {
    'sns-list-topics.eu-west-1.json': topicList,
    'sns-get-topic-attributes.eu-west-1.alerts.json': topicAnswer({
      TopicArn: TOPIC_ARN,
      Policy: POLICY_TEXT,
    }),
    'sqs-list-queues.eu-west-1.json': JSON.stringify({ QueueUrls: [QUEUE_URL] }),
    'sqs-get-queue-attributes.eu-west-1.jobs.json': JSON.stringify({
      Attributes: { QueueArn: QUEUE_ARN, Policy: POLICY_TEXT },
    }),
  };

  it('survives any text, or random edits, in any one file', () => {
    const content = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .constantFrom(...Object.values(files))
        .chain((text) =>
          mutatedJson(JSON.parse(text) as Json).map((mutated) => JSON.stringify(mutated) ?? ''),
        ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(files)), content, (name, text) => {
        try {
          const snapshot = readAwsCliDir(dirWith({ ...files, [name]: text }));
          expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
        } finally {
          removeTempDirs();
        }
      }),
      { numRuns: 150 },
    );
  });
});
