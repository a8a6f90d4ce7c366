import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import type { FileContent } from '../../src/util/atomic-write.js';
import { writeFileAtomic, writeFilesAtomic } from '../../src/util/atomic-write.js';
import { makeFifo, readFifo } from '../builders/fifo.js';
import { useTempDir } from '../builders/temp-dir.js';
import { mountTinyDisk, tinyDiskUnavailable } from '../builders/tiny-disk.js';
import { diskWithRoomFor, halfWrites } from '../builders/write-faults.js';

const dir = useTempDir('iamspect-atomic-');

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('writeFileAtomic', () => {
  test('creates the file and leaves no temporary file behind', () => {
    const target = join(dir(), 'report.json');
    writeFileAtomic(target, '{"ok":true}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}\n');
    expect(readdirSync(dir())).toEqual(['report.json']);
  });

  test('replaces a longer existing file completely', () => {
    const target = join(dir(), 'report.sarif');
    writeFileSync(target, 'an old report that was much longer than the new one');
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir())).toEqual(['report.sarif']);
  });

  test('writes content produced piece by piece, in order', () => {
    const target = join(dir(), 'report.json');
    writeFileAtomic(target, (write) => {
      for (const piece of ['{', '"a":', '1', '}\n']) write(piece);
    });
    expect(readFileSync(target, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir())).toEqual(['report.json']);
  });

  test('a producer that throws leaves the target untouched and no temporary file', () => {
    const target = join(dir(), 'report.json');
    writeFileSync(target, 'previous report');
    const error = thrownBy(() =>
      writeFileAtomic(target, (write) => {
        write('half of a ');
        throw new Error('renderer crashed');
      }),
    );
    expect(error).toEqual(new Error('renderer crashed'));
    expect(error).not.toBeInstanceOf(InputError);
    expect(readFileSync(target, 'utf8')).toBe('previous report');
    expect(readdirSync(dir())).toEqual(['report.json']);
  });

  test('writes bytes as given', () => {
    const target = join(dir(), 'report.bin');
    writeFileAtomic(target, new Uint8Array([0, 255, 10]));
    expect([...readFileSync(target)]).toEqual([0, 255, 10]);
  });

  test('a failed rename (the target is a directory) leaves the target untouched and no temporary file', () => {
    const target = join(dir(), 'report.json');
    mkdirSync(target);
    writeFileSync(join(target, 'inside.txt'), 'kept');
    const error = thrownBy(() => writeFileAtomic(target, 'content'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${target}: cannot write the file: the path is a directory`);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readdirSync(target)).toEqual(['inside.txt']);
    expect(readdirSync(dir())).toEqual(['report.json']);
  });

  test('a missing directory is an input error naming the path; nothing is created', () => {
    const target = join(dir(), 'missing', 'report.json');
    const error = thrownBy(() => writeFileAtomic(target, 'content'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${target}: cannot write the file: the directory does not exist`,
    );
    expect(readdirSync(dir())).toEqual([]);
  });

  test('keeps the permissions of the file it replaces', () => {
    const target = join(dir(), 'private.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    writeFileAtomic(target, 'new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  test('writing through a symlink updates the file it points to and keeps the link', () => {
    const real = join(dir(), 'real.json');
    const link = join(dir(), 'latest.json');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    expect(readlinkSync(link)).toBe(real);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(dir()).sort()).toEqual(['latest.json', 'real.json']);
  });
});

describe('writeFileAtomic on a full disk: the new content whole, or the old file untouched', () => {
  const previous = Buffer.from('the previous report, byte for byte\n');
  const report = 'a new report that does not fit in ten bytes\n';

  test('a short write is continued until every byte is on disk', () => {
    const target = join(dir(), 'report.html');
    writeFileAtomic(target, (write) => write(report), halfWrites());
    writeFileAtomic(join(dir(), 'whole.html'), report, halfWrites());
    expect(readFileSync(target, 'utf8')).toBe(report);
    expect(readFileSync(join(dir(), 'whole.html'), 'utf8')).toBe(report);
  });

  test.each<[string, FileContent]>([
    ['text', report],
    ['bytes', Buffer.from(report)],
    ['pieces', (write) => report.split(' ').forEach((word) => write(`${word} `))],
  ])('content given as %s: a disk that fills up mid-write fails naming the path', (_kind, content) => {
    const target = join(dir(), 'report.md');
    writeFileSync(target, previous);
    const error = thrownBy(() => writeFileAtomic(target, content, diskWithRoomFor(10)));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      `${target}: cannot write the file: no space left on the device`,
    );
    expect(readFileSync(target)).toEqual(previous);
    expect(readdirSync(dir())).toEqual(['report.md']);
  });

  test('a write that takes no bytes at all is a failure, not an endless loop', () => {
    const target = join(dir(), 'report.csv');
    writeFileSync(target, previous);
    const error = thrownBy(() => writeFileAtomic(target, report, () => 0));
    expect((error as InputError).message).toBe(
      `${target}: cannot write the file: the device took no more bytes (is it full?)`,
    );
    expect(readFileSync(target)).toEqual(previous);
    expect(readdirSync(dir())).toEqual(['report.csv']);
  });

  const unavailable = tinyDiskUnavailable();
  if (unavailable) {
    process.stderr.write(
      `atomic-write.test.ts: real full-disk test not run, tmpfs cannot be mounted here: ${unavailable}\n`,
    );
  } else {
    test('on a real nearly full tmpfs: an error, the previous file byte for byte, no temporary file', () => {
      const disk = mountTinyDisk();
      try {
        const target = join(disk.dir, 'report.junit.xml');
        writeFileSync(target, previous);
        disk.leaveFree(4096);
        // One piece larger than the room left, as a renderer hands over a whole HTML report.
        const error = thrownBy(() => writeFileAtomic(target, (write) => write('x'.repeat(20_000))));
        expect((error as InputError).message).toBe(
          `${target}: cannot write the file: no space left on the device`,
        );
        expect(readFileSync(target)).toEqual(previous);
        expect(readdirSync(disk.dir).sort()).toEqual(['filler', 'report.junit.xml']);
      } finally {
        disk.unmount();
      }
    });
  }
});

describe('writeFilesAtomic: several outputs are replaced together or not at all', () => {
  test('one output that cannot be written leaves every previous file untouched', () => {
    const first = join(dir(), 'report.json');
    const second = join(dir(), 'report.html');
    writeFileSync(first, 'old json');
    writeFileSync(second, 'old html');
    const error = thrownBy(() =>
      writeFilesAtomic(
        [
          { path: first, content: '{"new":true}' },
          { path: second, content: '<html>much longer than the room left</html>' },
        ],
        diskWithRoomFor(20),
      ),
    );
    expect((error as InputError).message).toBe(
      `${second}: cannot write the file: no space left on the device`,
    );
    expect((error as InputError).hint).toBe('No output file was replaced.');
    expect(readFileSync(first, 'utf8')).toBe('old json');
    expect(readFileSync(second, 'utf8')).toBe('old html');
    expect(readdirSync(dir()).sort()).toEqual(['report.html', 'report.json']);
  });

  test('a rename that fails midway says which outputs were written and which were not', () => {
    const first = join(dir(), 'report.json');
    const second = join(dir(), 'report.sarif');
    const third = join(dir(), 'report.csv');
    const error = thrownBy(() =>
      writeFilesAtomic([
        { path: first, content: 'json' },
        {
          path: second,
          // Another process makes the target a directory while the report is being written.
          content: (write) => {
            mkdirSync(second);
            writeFileSync(join(second, 'inside'), 'kept');
            write('sarif');
          },
        },
        { path: third, content: 'csv' },
      ]),
    );
    expect((error as InputError).message).toBe(`${second}: cannot write the file: the path is a directory`);
    expect((error as InputError).hint).toBe(`Written: ${first}. Not written: ${second}, ${third}.`);
    expect(readFileSync(first, 'utf8')).toBe('json');
    expect(readdirSync(second)).toEqual(['inside']);
    expect(readdirSync(dir()).sort()).toEqual(['report.json', 'report.sarif']);
  });
});

describe('writeFileAtomic on what is not a regular file: written through, never replaced', () => {
  test('a FIFO stays a FIFO and its reader gets the whole content', async () => {
    const fifo = makeFifo(join(dir(), 'report.pipe'));
    const reader = readFifo(fifo, join(dir(), 'received'));
    const content = 'x'.repeat(300_000);
    writeFileAtomic(fifo, (write) => write(content));
    expect(await reader.received()).toBe(content);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir()).sort()).toEqual(['received', 'report.pipe']);
  });

  test('/dev/fd/N (a process substitution such as >(jq .)) is written to that descriptor', async () => {
    const fifo = makeFifo(join(dir(), 'substitution'));
    const reader = readFifo(fifo, join(dir(), 'received'));
    const fd = openSync(fifo, 'w');
    try {
      writeFileAtomic(`/dev/fd/${fd}`, '{"report":true}\n');
    } finally {
      closeSync(fd);
    }
    expect(await reader.received()).toBe('{"report":true}\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  const asRoot = process.getuid?.() === 0;
  if (!asRoot) {
    process.stderr.write('atomic-write.test.ts: character device test not run, mknod needs root\n');
  } else {
    test('a character device stays a character device', () => {
      // A null device of the test's own: the machine's /dev/null is tested once the writer is safe
      // (test/commands/outputs.test.ts), as replacing it would break every process on the machine.
      const device = join(dir(), 'null');
      execFileSync('mknod', [device, 'c', '1', '3']);
      writeFileAtomic(device, 'discarded');
      expect(lstatSync(device).isCharacterDevice()).toBe(true);
      expect(readdirSync(dir())).toEqual(['null']);
    });
  }
});
