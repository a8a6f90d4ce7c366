// The AWS CLI reader follows the one list of sections: every section is read from some AWS CLI
// output or named as not readable from them (with why), and the action a missing or partial file
// names is one of the reads its section declares, so the hint matches `iamspect permissions`.
import { describe, expect, test } from '@jest/globals';
import { AWS_CLI_SECTIONS, NOT_READ_FROM_AWS_CLI } from '../../src/snapshot/aws-cli.js';
import { SECTIONS } from '../../src/sections/index.js';

describe('AWS CLI reader and SECTIONS', () => {
  test('every section is read from AWS CLI outputs or named as not read, never both', () => {
    const read = AWS_CLI_SECTIONS.map(({ section }) => section);
    const notRead = Object.keys(NOT_READ_FROM_AWS_CLI);
    expect(read.filter((section) => notRead.includes(section))).toEqual([]);
    expect([...read, ...notRead].sort()).toEqual(SECTIONS.map(({ name }) => name).sort());
  });

  test.each(AWS_CLI_SECTIONS)('$section names one of its own reads ($action)', ({ section, action }) => {
    const definition = SECTIONS.find(({ name }) => name === section)!;
    expect(definition.reads).toContain(action);
  });
});
