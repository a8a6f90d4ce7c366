import { actionCatalog } from '../../src/policy/catalog.js';
import { normalizePolicyDocument } from '../../src/snapshot/policy-document.js';
import { documentProblems } from '../../src/policy/validation.js';
import type { PolicyDocument } from '../../src/snapshot/schema.js';
import { allow, doc } from '../builders/snapshot.js';

const catalog = actionCatalog();
const problems = (document: PolicyDocument) => documentProblems(document, catalog);

describe('documentProblems', () => {
  test('a clean document has none', () => {
    expect(problems(doc(allow(['s3:GetObject', 'iam:Get*', '*'])))).toEqual([]);
  });

  test.each<[string, PolicyDocument, string]>([
    [
      'an unknown action',
      doc(allow(['s3:GetObjekt'])),
      'Statement[0]: Action "s3:GetObjekt" matches no known action',
    ],
    [
      'an unknown service',
      doc(allow(['s4:GetObject'])),
      'Statement[0]: Action "s4:GetObject" names an unknown service "s4"',
    ],
    [
      'an entry without a service',
      doc(allow(['GetObject'])),
      'Statement[0]: Action "GetObject" is not of the form service:action',
    ],
    [
      'an unknown action in NotAction, which widens the grant',
      doc({ Sid: 'Ops', Effect: 'Allow', NotAction: ['iam:CreateUsr'], Resource: ['*'] }),
      'Statement[0] (Ops): NotAction "iam:CreateUsr" matches no known action: it excludes nothing, so the statement allows more than it seems to',
    ],
    [
      'both Action and NotAction',
      doc({ Effect: 'Allow', Action: ['s3:GetObject'], NotAction: ['iam:*'], Resource: ['*'] }),
      'Statement[0]: has both Action and NotAction',
    ],
    [
      'no Resource',
      doc({ Effect: 'Allow', Action: ['s3:GetObject'] }),
      'Statement[0]: has neither Resource nor NotResource',
    ],
    [
      'a Principal',
      doc({ ...allow(['s3:GetObject']), Principal: '*' }),
      'Statement[0]: Principal is not allowed in an identity policy',
    ],
    [
      'an unknown element',
      { Version: '2012-10-17', Statement: [{ ...allow(['s3:GetObject']), Resources: ['*'] }] },
      'Statement[0]: unknown element "Resources"',
    ],
    [
      'a misspelt operator',
      doc({ ...allow(['s3:GetObject']), Condition: { StringEqualz: { 'aws:username': ['a'] } } }),
      'Statement[0]: "StringEqualz" is not an IAM condition operator',
    ],
    [
      'a bad Version',
      { Version: '2012-10-18', Statement: [allow(['s3:GetObject'])] },
      'Version "2012-10-18" is neither 2012-10-17 nor 2008-10-17',
    ],
    [
      'policy variables without Version 2012-10-17',
      { Statement: [allow(['iam:CreateAccessKey'], ['arn:aws:iam::1:user/${aws:username}'])] },
      'Statement[0]: uses policy variables, which IAM only substitutes when "Version" is "2012-10-17" (otherwise they match literally)',
    ],
  ])('%s', (_name, document, problem) => {
    expect(problems(document)).toContain(problem);
  });

  test('keeps what the normaliser found', () => {
    const document = normalizePolicyDocument({
      Statement: [{ Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }, 'junk'],
    });
    expect(problems(document)).toEqual(
      expect.arrayContaining([
        'Statement[0]: Effect "Permit" is neither Allow nor Deny',
        'Statement[1] is not an object',
      ]),
    );
  });
});

// IAM stores only valid documents, so a malformed one in collected data is damaged data: the part
// that could not be read may have been an Allow or a Deny, and judging the rest is a guess.
describe('a document whose meaning was lost is not judged', () => {
  test.each<[string, unknown]>([
    ['Statement is null', { Version: '2012-10-17', Statement: null }],
    ['Statement is missing', { Version: '2012-10-17' }],
    [
      'a statement is not an object',
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, 'junk'] },
    ],
    [
      'an Effect is neither Allow nor Deny',
      { Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] },
    ],
    ['an Effect is missing', { Statement: [{ Action: '*', Resource: '*' }] }],
    ['an action is not a string', { Statement: [{ Effect: 'Deny', Action: ['s3:*', 7], Resource: '*' }] }],
    [
      'a condition is not an object',
      { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: 'x' }] },
    ],
    [
      'a principal is malformed',
      { Statement: [{ Effect: 'Allow', Principal: 7, Action: 'sts:AssumeRole' }] },
    ],
  ])('%s: the document says why it cannot be judged', (_name, input) => {
    expect(normalizePolicyDocument(input).decodeError).toMatch(/^not a valid IAM policy: /);
  });

  test('a Sid that is not a string loses nothing: the document is still judged', () => {
    const document = normalizePolicyDocument({
      Statement: [{ Sid: 7, Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(document.decodeError).toBeUndefined();
    expect(problems(document)).toContain('Statement[0]: Sid must be a string');
  });
});
