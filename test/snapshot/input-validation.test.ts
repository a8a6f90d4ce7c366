import { isoFromAwsTimestamp } from '../../src/snapshot/input-validation.js';

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
