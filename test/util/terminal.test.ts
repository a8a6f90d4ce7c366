import { terminalWidth, visibleLength, wrapText } from '../../src/util/terminal.js';

describe('wrapText', () => {
  test.each([
    ['a line that fits stays as it is', 'one two three', 13, '', ['one two three']],
    ['breaks at the last space that fits', 'one two three', 12, '', ['one two', 'three']],
    [
      'keeps the indent and adds the hanging one',
      '  - one two three',
      10,
      '  ',
      ['  - one', '    two', '    three'],
    ],
    ['keeps existing line breaks', 'one two\nthree', 40, '', ['one two', 'three']],
    [
      'breaks a long ARN after a separator',
      'see arn:aws:iam::123456789012:role/deploy',
      20,
      '',
      ['see arn:aws:iam::', '123456789012:role/', 'deploy'],
    ],
    [
      'breaks a CamelCase name between its words',
      'role/OrganizationAccountAccessRole',
      20,
      '',
      ['role/Organization', 'AccountAccessRole'],
    ],
    ['cuts a word with neither only where it must', 'abcdefghij', 4, '', ['abcd', 'efgh', 'ij']],
  ])('%s', (_name, text, width, hanging, lines) => {
    expect(wrapText(text, width, hanging).split('\n')).toEqual(lines);
  });

  test('colour codes take no width', () => {
    const bold = '\u001b[1mbold\u001b[22m';
    expect(visibleLength(bold)).toBe(4);
    expect(wrapText(`${bold} word`, 9)).toBe(`${bold} word`);
  });
});

describe('terminalWidth', () => {
  const previous = process.env.COLUMNS;
  afterEach(() => {
    if (previous === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = previous;
  });
  const pipe = { isTTY: false } as NodeJS.WriteStream;

  test("a terminal's own width comes first", () => {
    process.env.COLUMNS = '200';
    expect(terminalWidth({ isTTY: true, columns: 90 } as NodeJS.WriteStream)).toBe(90);
  });

  test.each([
    ['80', 80],
    ['', undefined],
    ['wide', undefined],
    ['0', undefined],
  ])('piped, COLUMNS=%j gives %j', (columns, width) => {
    process.env.COLUMNS = columns;
    expect(terminalWidth(pipe)).toBe(width);
  });
});
