// ANSI styling for terminal output. The caller decides whether colour is wanted (a TTY and NO_COLOR
// unset); when it is not, every style is the identity, so output never carries stray escape codes.
// A hand-written table of codes rather than node:util styleText, whose TTY detection changed between
// Node releases: the decision must stay with the caller.

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  magenta: [35, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof CODES;
export type Painter = (text: string, ...styles: Style[]) => string;

/** Returns a function that wraps text in the given styles, or leaves it untouched when disabled. */
export function painter(enabled: boolean): Painter {
  if (!enabled) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((styled, style) => `\u001b[${CODES[style][0]}m${styled}\u001b[${CODES[style][1]}m`, text);
}
