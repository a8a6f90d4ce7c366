// Laying text out for a terminal: how wide it is, and wrapping prose, paths and ARNs to fit it
// without cutting a word in half.

/**
 * The width to lay output out for: the terminal's when `stream` is one; else COLUMNS when it is
 * set (`COLUMNS=80 iamspect rules | less`, a CI log that says how wide it is); else undefined, and
 * each output keeps its default for files and pipes.
 */
export function terminalWidth(stream: NodeJS.WriteStream): number | undefined {
  if (stream.isTTY && stream.columns > 0) return stream.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

// eslint-disable-next-line no-control-regex
const STYLE_CODES = /\u001b\[[0-9;]*m/g;

/** Columns `text` takes on screen: colour codes take none. */
export function visibleLength(text: string): number {
  return text.replace(STYLE_CODES, '').length;
}

/** Characters a path, an ARN or a hyphenated word may be broken after when it is too long for a line. */
const BREAK_AFTER = /(?<=[/:\-.,;_])/;

/**
 * Wraps each line of `text` to `width` columns at spaces. A line keeps its own indentation and its
 * continuation lines get `hangingIndent` more, so list items and paragraphs stay readable. A word
 * longer than a line is broken after a separator (`/`, `:`, `-`, ...), then between the words of a
 * CamelCase name, and only cut where it has neither.
 */
export function wrapText(text: string, width: number, hangingIndent = ''): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, hangingIndent))
    .join('\n');
}

function wrapLine(line: string, width: number, hangingIndent: string): string {
  if (visibleLength(line) <= width) return line;
  const indent = /^ */.exec(line)![0];
  const continuation = indent + hangingIndent;
  const lines: string[] = [];
  let current = indent;
  let empty = true;
  const breakLine = () => {
    lines.push(current);
    current = continuation;
    empty = true;
  };
  // Each word with the spaces before it, which are kept inside a line and dropped at a break.
  for (const [, spaces, word] of line.slice(indent.length).matchAll(/( *)(\S+)/g)) {
    let separator = empty ? '' : spaces!;
    const fits = (text: string) => visibleLength(current) + separator.length + visibleLength(text) <= width;
    if (fits(word!)) {
      current += separator + word;
      empty = false;
      continue;
    }
    const room = width - visibleLength(continuation);
    // A word that fits a line of its own starts one; a longer one fills this line first.
    for (const piece of visibleLength(word!) <= room ? [word!] : wordPieces(word!, room)) {
      if (!empty && !fits(piece)) {
        breakLine();
        separator = '';
      }
      current += separator + piece;
      separator = '';
      empty = false;
    }
  }
  lines.push(current);
  return lines.join('\n');
}

/** Columns of the widest word, or part of a path or ARN between separators, that wrapText would keep whole. */
export function widestUnbreakable(text: string): number {
  return Math.max(0, ...text.split(/\s+/).flatMap((word) => word.split(BREAK_AFTER).map(visibleLength)));
}

/** Where a CamelCase name may break when a part of it is too long for a line: between its words. */
const CAMEL_HUMP = /(?<=[a-z])(?=[A-Z])/;

/**
 * `word` in pieces that each fit `room` columns: cut after separators, then a part still too long
 * between the words of its CamelCase (`OrganizationAccount` `AccessRole`), and only then anywhere.
 */
function wordPieces(word: string, room: number): string[] {
  const fit = Math.max(room, 1);
  const cut = (text: string) =>
    Array.from({ length: Math.ceil(text.length / fit) }, (_, i) => text.slice(i * fit, (i + 1) * fit));
  return word
    .split(BREAK_AFTER)
    .flatMap((part) => (part.length <= fit ? [part] : part.split(CAMEL_HUMP).flatMap(cut)));
}
