import { cis } from '../../src/rules/types.js';

describe('cis: CIS AWS Foundations control ids by named version', () => {
  test('each version given names its framework; versions without the control are left out', () => {
    expect(cis({ v3: '1.11', v5: '1.10', v6: '2.10' })).toEqual({
      'cis-aws-3.0': ['1.11'],
      'cis-aws-5.0': ['1.10'],
      'cis-aws-6.0': ['2.10'],
    });
  });

  test('frameworks are listed oldest version first, whatever order the ids are written in', () => {
    expect(Object.keys(cis({ v7: '2.1', v3: '1.1', v4: '1.1' }))).toEqual([
      'cis-aws-3.0',
      'cis-aws-4.0',
      'cis-aws-7.0',
    ]);
  });
});
