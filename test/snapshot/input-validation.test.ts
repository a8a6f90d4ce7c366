import type { OutputShape } from '../../src/snapshot/input-validation.js';
import { incompleteOutput, isoFromAwsTimestamp } from '../../src/snapshot/input-validation.js';

describe('isoFromAwsTimestamp', () => {
  it.each([
    ['2017-06-10T02:35:07+00:00', '2017-06-10T02:35:07.000Z'],
    ['2017-06-10T02:35:07Z', '2017-06-10T02:35:07.000Z'],
    ['2017-06-10T02:35:07.123Z', '2017-06-10T02:35:07.123Z'],
    ['2017-06-10T04:35:07+02:00', '2017-06-10T02:35:07.000Z'],
    ['2016-02-29T00:00:00+00:00', '2016-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(isoFromAwsTimestamp(text)).toBe(iso);
  });

  it.each([
    'N/A',
    'no_information',
    'not_supported',
    '',
    '2017-06-10',
    '2017-06-10 02:35:07',
    'June 10, 2017',
    '1497062107',
    '2017-02-29T00:00:00+00:00',
    '2017-13-01T00:00:00+00:00',
    '2017-06-10T24:00:00+00:00',
    '2017-06-10T02:60:00+00:00',
    '2017-06-10T02:35:07+99:00',
    ' 2017-06-10T02:35:07+00:00',
  ])('rejects %j', (text) => {
    expect(isoFromAwsTimestamp(text)).toBeNull();
  });
});

describe('incompleteOutput', () => {
  const policies: OutputShape = {
    required: {
      Policies: 'list',
      'Policies[].PolicyVersionList': 'list',
      'Policies[].PolicyVersionList[].Document': 'policy document',
    },
    more: 'Marker',
  };
  const version = (Document: unknown) => ({ Policies: [{ PolicyVersionList: [{ Document }] }] });

  it.each<[string, unknown]>([
    ['a decoded document', version({ Statement: [] })],
    ['a URL-encoded document', version('%7B%7D')],
    ['no policies at all', { Policies: [] }],
    [
      'pages whose last one is the end',
      [{ ...version('%7B%7D'), IsTruncated: true, Marker: 'm' }, version('%7B%7D')],
    ],
    ['IsTruncated false and a null Marker', { Policies: [], IsTruncated: false, Marker: null }],
  ])('accepts %s', (_label, output) => {
    expect(incompleteOutput(output, policies, 'f.json')).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    [
      'a document of the wrong kind',
      version(7),
      'f.json: Policies[0].PolicyVersionList[0].Document is a number, not a policy document (the API always returns it)',
    ],
    [
      'a null document',
      version(null),
      'f.json: no Policies[0].PolicyVersionList[0].Document (the API always returns it)',
    ],
    [
      'a parent of the wrong kind, reported once at the parent',
      { Policies: {} },
      'f.json: Policies is an object, not a list (the API always returns it)',
    ],
    [
      'a policy that is not an object',
      { Policies: ['x'] },
      'f.json: no Policies[0].PolicyVersionList (the API always returns it)',
    ],
    ['a page that is not an object', ['x'], 'f.json page 1: holds a string where an object belongs'],
    ['no pages', [], 'f.json: holds no pages (an empty list)'],
    [
      'a last page with a Marker',
      { Policies: [], Marker: 'm' },
      'f.json: more pages follow (Marker), so items are missing',
    ],
    [
      'the AWS CLI resume token',
      { Policies: [], NextToken: 't' },
      'f.json: more pages follow (NextToken), so items are missing',
    ],
  ])('rejects %s', (_label, output, message) => {
    expect(incompleteOutput(output, policies, 'f.json')).toBe(message);
  });

  it('reads a list as the output itself, not as pages, where the operation is not paginated', () => {
    expect(incompleteOutput([], { required: { Regions: 'list' } }, 'f.json')).toBe(
      'f.json: holds a list where an object belongs',
    );
  });
});
