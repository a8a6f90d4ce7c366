import { InputError } from '../../src/errors.js';
import { OUTPUT_FORMATS, parseOutputFormat, renderReport } from '../../src/report/render.js';
import { ACCOUNT, NOW, emptySnapshot, rootRow, withCredentialReport } from '../builders/snapshot.js';
import { PLAIN_CONTEXT, buildReport } from './report-fixture.js';

describe('output format registry', () => {
  test('offers table, json and sarif', () => {
    expect(OUTPUT_FORMATS).toEqual(expect.arrayContaining(['table', 'json', 'sarif']));
  });

  test.each(OUTPUT_FORMATS)('%s renders a report to text', (format) => {
    expect(renderReport(format, buildReport(), PLAIN_CONTEXT)).toEqual(expect.stringMatching(/\S/));
  });

  test('an unknown format is an input error naming the flag and the choices', () => {
    let error: unknown;
    try {
      parseOutputFormat('xml', '--format');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('--format: unknown output format "xml"');
    expect((error as InputError).hint).toContain('table, json, sarif');
  });

  test('names inherited from Object are not formats', () => {
    expect(() => parseOutputFormat('toString', '--format')).toThrow(InputError);
  });

  // People compare the terminal, the job summary and the HTML page: one age, one wording.
  test.each([
    [110 / 60, '2 h'],
    [539.4, '22 days'],
  ])('table, markdown and html say the same credential report age (%f h: %s)', (hours, text) => {
    const generated = new Date(Date.parse(NOW) - hours * 3_600_000).toISOString();
    const snapshot = withCredentialReport(emptySnapshot({ accountId: ACCOUNT }), [rootRow()], generated);
    const report = buildReport({ accounts: [{ snapshot }] });
    for (const format of ['table', 'markdown', 'html'] as const) {
      expect([format, renderReport(format, report, PLAIN_CONTEXT)]).toEqual([
        format,
        expect.stringContaining(`${text} before collection`),
      ]);
    }
  });
});
