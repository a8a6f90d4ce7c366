import { InputError } from '../../src/errors.js';
import { OUTPUT_FORMATS, parseOutputFormat, renderReport } from '../../src/report/render.js';
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
});
