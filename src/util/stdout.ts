// Reports printed on standard output. When stdout is redirected to a regular file, Node's stream
// makes one write(2) per chunk and ignores how many bytes it took, so a nearly full disk would leave
// a truncated report and exit 0. Those writes go to the descriptor through writeAll instead. A
// terminal or a pipe keeps the stream (a closed pipe is handled in src/cli.ts).
import { fstatSync } from 'node:fs';
import type { WriteSync } from './write-all.js';
import { isSystemError, nodeWriteSync, writeAll, writeFailure } from './write-all.js';

/** process.stdout or process.stderr: Node gives each the `fd` it writes to. */
type StandardStream = NodeJS.WritableStream & { fd?: number };

/** The descriptor behind `stream` when it is a regular file, else undefined. */
function regularFile(stream: StandardStream): number | undefined {
  const { fd } = stream;
  if (fd === undefined) return undefined;
  try {
    return fstatSync(fd).isFile() ? fd : undefined;
  } catch {
    return undefined;
  }
}

/** Writes all of `data` to `stream`; throws the system's error when a regular file cannot take it. */
export function writeToStream(
  stream: StandardStream,
  data: string | Uint8Array,
  write: WriteSync = nodeWriteSync,
): void {
  const fd = regularFile(stream);
  if (fd === undefined) stream.write(data);
  else writeAll(fd, data, write);
}

/** Prints a report on stdout; a report that could not be written whole is an error (exit 2). */
export function printReport(text: string, write: WriteSync = nodeWriteSync): void {
  try {
    writeToStream(process.stdout, text, write);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw writeFailure(
      'standard output',
      'the report',
      error,
      'The report printed there is incomplete; free some space, or write it elsewhere with --output.',
    );
  }
}
