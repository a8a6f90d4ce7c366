// Reading the files users hand to iamspect (snapshots, AWS CLI outputs, reports): every failure
// becomes an InputError naming the file, and for JSON the line and column, so the user can open
// the file at the right place instead of reading a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { MAX_INPUT_FILE_BYTES, TOO_DEEP } from './input-limits.js';
import { findJsonStructureProblem } from './json-structure.js';

/**
 * Reads a text file. `what` names the kind of file in messages ("snapshot file"). Handles the
 * encodings these files really arrive in: UTF-8 with or without a BOM, and UTF-16 with a BOM,
 * which is what Windows PowerShell 5 writes for `aws iam ... > file.json`.
 */
export function readInputFile(
  path: string,
  what: string,
  hint?: string,
  maxBytes = MAX_INPUT_FILE_BYTES,
): string {
  let bytes: Buffer;
  try {
    // Checked before reading: the read itself would succeed, and decoding would then fail inside
    // the runtime with an error that names neither the file nor the limit.
    const { size } = statSync(path);
    if (size > maxBytes) {
      throw new InputError(
        `${path}: ${what} is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} iamspect can read as one file`,
        hint,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: ${what} not found`, hint);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a ${what}`, hint);
    throw new InputError(`${path}: cannot read ${what} (${(error as Error).message})`, hint);
  }
  return decodeText(bytes);
}

function formatBytes(bytes: number): string {
  const megabytes = 1024 * 1024;
  return bytes >= megabytes
    ? `${Math.floor(bytes / megabytes).toLocaleString('en-US')} MB`
    : `${bytes.toLocaleString('en-US')} bytes`;
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // Buffer#toString, not TextDecoder, for UTF-8: for ASCII text it makes a one-byte string, half
  // the memory of a large snapshot. The byte order mark is dropped: JSON.parse would reject it.
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', hasBom ? 3 : 0);
}

/**
 * Parses JSON text; a syntax error becomes `file: line L, column C: what is not valid JSON (reason)`.
 * A key given twice in one object and nesting deeper than MAX_NESTING_DEPTH are errors too.
 */
export function parseJsonText(text: string, file: string, what: string, hint?: string): unknown {
  // A regex test, not trim(): trim would copy a large file's whole text.
  if (!/\S/.test(text)) throw new InputError(`${file}: ${what} is empty`, hint);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column, truncated } = locateJsonError(text);
    const problem = truncated ? 'ends in the middle of the JSON (truncated?)' : 'is not valid JSON';
    throw new InputError(
      `${file}: line ${line}, column ${column}: ${what} ${problem} (${jsonErrorReason(error)})`,
      hint,
    );
  }
  const problem = findJsonStructureProblem(text, value);
  if (problem) {
    const { line, column } = lineAndColumn(text, problem.offset);
    const wrong =
      problem.kind === 'duplicate-key'
        ? `has the key ${JSON.stringify(problem.key)} twice in one object (JSON readers silently keep only the last)`
        : `is ${TOO_DEEP}`;
    throw new InputError(`${file}: line ${line}, column ${column}: ${what} ${wrong}`, hint);
  }
  return value;
}

/** V8's message without the position and the echoed input, which can be megabytes long. */
function jsonErrorReason(error: unknown): string {
  return (error as Error).message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '');
}

/**
 * Where JSON.parse gave up, as a 1-based line and column. Node 20's messages give no position for
 * many errors (`Unexpected token 'x', "..." is not valid JSON`), so this finds the shortest prefix
 * of the text that already fails for a reason other than running out of input: its last
 * character is the offending one. Once a prefix fails that way every longer one does too, which
 * makes a binary search valid. Runs only on the error path.
 */
export function locateJsonError(text: string): { line: number; column: number; truncated: boolean } {
  if (!failsBeforeEnd(text, text.length)) {
    return { ...lineAndColumn(text, text.trimEnd().length), truncated: true };
  }
  let low = 1;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(text, middle)) high = middle;
    else low = middle + 1;
  }
  return { ...lineAndColumn(text, low - 1), truncated: false };
}

/**
 * True when the first `length` characters hold an error that more input could not fix. Running
 * out of input shows up as "Unexpected end of JSON input" or as an error reported at the very end
 * ("Unterminated string in JSON at position N", "Expected property name or '}' ... position N").
 */
function failsBeforeEnd(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('Unexpected end of JSON input')) return false;
    const position = /at position (\d+)/.exec(message);
    return !(position && Number(position[1]) >= length);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}
