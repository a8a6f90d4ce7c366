import type { Resolved } from '../../src/template/intrinsics.js';
import { Symbolic } from '../../src/template/intrinsics.js';
import { templatePolicyDocument } from '../../src/template/policy-document.js';

const unknown = Symbolic.of('Param');
const document = (...statements: Resolved[]): Resolved => ({ Version: '2012-10-17', Statement: statements });

describe('uncertain parts of a policy are settled on the side that grants less', () => {
  test.each<[string, Resolved, unknown[]]>([
    [
      'known statements pass through, normalised',
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }],
    ],
    [
      'Allow: an unknown action is dropped, the known ones stay',
      { Effect: 'Allow', Action: ['s3:GetObject', unknown], Resource: '*' },
      [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }],
    ],
    [
      'Allow: only unknown actions: the statement grants nothing certain',
      { Effect: 'Allow', Action: [unknown], Resource: '*' },
      [],
    ],
    ['Allow: a wholly unknown Action', { Effect: 'Allow', Action: unknown, Resource: '*' }, []],
    [
      'Allow: an unknown NotAction could exclude anything',
      { Effect: 'Allow', NotAction: ['iam:*', unknown], Resource: '*' },
      [],
    ],
    [
      'Allow: an unknown resource is kept as text that matches nothing (not `*`, not a policy variable)',
      { Effect: 'Allow', Action: '*', Resource: new Symbolic('arn:aws:s3:::<Bucket>/*') },
      [{ Effect: 'Allow', Action: ['*'], Resource: ['arn:aws:s3:::<Bucket>/*'] }],
    ],
    [
      'Allow (trust): an unknown principal is dropped',
      {
        Effect: 'Allow',
        Principal: { AWS: [unknown, 'arn:aws:iam::111122223333:root'], Service: unknown },
        Action: 'sts:AssumeRole',
      },
      [
        {
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
          Action: ['sts:AssumeRole'],
        },
      ],
    ],
    [
      'Allow (trust): only unknown principals',
      { Effect: 'Allow', Principal: { AWS: unknown }, Action: 'sts:AssumeRole' },
      [],
    ],
    [
      'Allow: a condition with an unknown value still restricts the grant',
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: '*',
        Condition: { StringEquals: { 'sts:ExternalId': unknown } },
      },
      [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Principal: '*',
          Condition: { StringEquals: { 'sts:ExternalId': ['<Param>'] } },
        },
      ],
    ],
    [
      'Allow: a wholly unknown Condition (an If)',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: unknown },
      [],
    ],
    ['an unknown statement (an If on an unknown condition)', unknown, []],
    ['an unknown Effect', { Effect: unknown, Action: '*', Resource: '*' }, []],
    [
      'Deny: an unknown action or resource widens to `*`',
      { Effect: 'Deny', Action: ['iam:*', unknown], Resource: [unknown] },
      [{ Effect: 'Deny', Action: ['*'], Resource: ['*'] }],
    ],
    [
      'Deny: an unknown exclusion is removed',
      { Effect: 'Deny', NotAction: ['s3:GetObject', unknown], NotResource: unknown },
      [{ Effect: 'Deny', NotAction: ['s3:GetObject'], Resource: ['*'] }],
    ],
    [
      'Deny: a condition operator with an unknown value is dropped, the others stay',
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:SourceVpc': unknown },
          Bool: { 'aws:SecureTransport': 'false' },
        },
      },
      [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
        },
      ],
    ],
  ])('%s', (_name, statement, expected) => {
    expect(templatePolicyDocument(document(statement))?.Statement).toEqual(expected);
  });

  test('a document only known at deploy time is unknown (null), not empty', () => {
    expect(templatePolicyDocument(unknown)).toBeNull();
    expect(templatePolicyDocument(undefined)).toBeNull();
  });

  test('a JSON string is a document, as CloudFormation accepts', () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}';
    expect(templatePolicyDocument(text)?.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] },
    ]);
  });

  test('a document that is not an object carries the problem for policy-invalid, and is marked unreadable', () => {
    expect(templatePolicyDocument('not json')).toEqual({
      Statement: [],
      problems: [expect.stringContaining('not valid JSON')],
      decodeError: expect.stringContaining('not valid JSON'),
    });
  });
});
