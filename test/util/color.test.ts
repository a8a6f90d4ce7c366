import { painter } from '../../src/util/color.js';

describe('painter', () => {
  test('leaves text untouched when colour is off', () => {
    expect(painter(false)('high', 'red', 'bold')).toBe('high');
  });

  test('wraps text in each style, each closed by its own reset code', () => {
    expect(painter(true)('high', 'red')).toBe('\u001b[31mhigh\u001b[39m');
    expect(painter(true)('critical', 'bold', 'magenta')).toBe(
      '\u001b[35m\u001b[1mcritical\u001b[22m\u001b[39m',
    );
  });
});
