// Reports on stdout: a redirected stdout (a regular file) is written with checked writes, so a
// full disk is an error (exit 2) instead of a truncated report and exit 0.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { printReport, writeToStream } from '../../src/util/stdout.js';
import { captureOutput } from '../builders/output.js';
import { useTempDir } from '../builders/temp-dir.js';
import { diskWithRoomFor, halfWrites } from '../builders/write-faults.js';

const dir = useTempDir('iamspect-stdout-');

/** Runs `action` with stdout redirected to a new file; returns what it threw and the file's content. */
function redirected(action: () => void): { error: unknown; written: string } {
  const path = join(dir(), 'stdout.txt');
  const fd = openSync(path, 'w');
  const output = captureOutput({ stdoutFd: fd });
  let error: unknown;
  try {
    action();
  } catch (caught) {
    error = caught;
  } finally {
    output.restore();
    closeSync(fd);
  }
  return { error, written: readFileSync(path, 'utf8') };
}

const REPORT = 'a report of several lines\n'.repeat(50);

test('a short write to a redirected stdout is continued until the whole report is written', () => {
  const { error, written } = redirected(() => printReport(REPORT, halfWrites()));
  expect(error).toBeUndefined();
  expect(written).toBe(REPORT);
});

test('a redirected stdout on a full disk is an error naming standard output, not a silent truncation', () => {
  const { error } = redirected(() => printReport(REPORT, diskWithRoomFor(100)));
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).message).toBe(
    'standard output: cannot write the report: no space left on the device',
  );
});

test('a stdout that is not a file (a terminal, a pipe, a test capture) is written through the stream', () => {
  const output = captureOutput();
  try {
    writeToStream(process.stdout, REPORT, () => {
      throw new Error('the stream, not the descriptor, must be written');
    });
  } finally {
    output.restore();
  }
  expect(output.stdout).toBe(REPORT);
});
