// What every report-writing command promises about its outputs, through the real CLI: a report is
// written whole or the previous file is left as it was (exit 2 naming the path), devices and pipes
// are written through instead of replaced, and every --output is checked before any work starts.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { serializeSnapshot } from '../../src/snapshot/read-snapshot.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { OUTPUT_FORMATS } from '../../src/report/render.js';
import { runCli } from '../cli-harness.js';
import type { FakeSession } from '../collect/harness.js';
import { startSession } from '../collect/harness.js';
import { sampleAccount } from '../fake-aws/accounts.js';
import { makeFifo, readFifo } from '../builders/fifo.js';
import { useTempDir } from '../builders/temp-dir.js';
import type { TinyDisk } from '../builders/tiny-disk.js';
import { mountTinyDisk, tinyDiskUnavailable } from '../builders/tiny-disk.js';

const dir = useTempDir('iamspect-outputs-');

function file(name: string, content: string | Buffer): string {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
}

const PREVIOUS = Buffer.from('the previous report, which a failed run must leave byte for byte\n');

const unavailable = tinyDiskUnavailable();
if (unavailable) {
  process.stderr.write(
    `outputs.test.ts: full-disk tests on a real tmpfs not run, it cannot be mounted here: ${unavailable} ` +
      '(the injected short writes in test/util/atomic-write.test.ts and test/util/stdout.test.ts still ran)\n',
  );
} else {
  describe('on a nearly full disk (a real 64 KiB tmpfs with 4 KiB free)', () => {
    let disk: TinyDisk;
    beforeEach(() => {
      disk = mountTinyDisk();
    });
    afterEach(() => disk.unmount());

    // Every format is larger than 4 KiB for the demo account, so each write is cut short.
    test.each(OUTPUT_FORMATS)(
      '-o %s=FILE: exit 2 naming the file, the previous file untouched',
      async (format) => {
        const target = join(disk.dir, `report.${format}`);
        writeFileSync(target, PREVIOUS);
        disk.leaveFree(4096);
        const result = await runCli(['audit', '--demo', '-o', `${format}=${target}`]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(
          `iamspect: error: ${target}: cannot write the file: no space left on the device\n`,
        );
        expect(readFileSync(target)).toEqual(PREVIOUS);
        expect(readdirSync(disk.dir).sort()).toEqual(['filler', `report.${format}`]);
      },
    );

    test('one output that does not fit: the other output is not replaced either', async () => {
      const json = file('report.json', PREVIOUS);
      const html = join(disk.dir, 'report.html');
      disk.leaveFree(4096);
      const result = await runCli(['audit', '--demo', '-o', `json=${json}`, '-o', `html=${html}`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${html}: cannot write the file: no space left on the device`);
      expect(readFileSync(json)).toEqual(PREVIOUS);
      expect(readdirSync(dir())).toEqual(['report.json']);
    });

    test.each(['table', 'html'])(
      'stdout redirected to a file (--format %s): exit 2 with a message on stderr',
      async (format) => {
        disk.leaveFree(4096);
        const fd = openSync(join(disk.dir, 'stdout.txt'), 'w');
        try {
          const result = await runCli(['audit', '--demo', '--format', format], { stdoutFd: fd });
          expect(result.code).toBe(2);
          expect(result.stderr).toBe(
            'iamspect: error: standard output: cannot write the report: no space left on the device\n' +
              '  The report printed there is incomplete; free some space, or write it elsewhere with --output.\n',
          );
        } finally {
          closeSync(fd);
        }
      },
    );
  });
}

describe('outputs that are not regular files are written through, never replaced', () => {
  test('-o json=/dev/null: /dev/null is still a character device', async () => {
    const result = await runCli(['audit', '--demo', '-o', 'json=/dev/null']);
    expect(result.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('a FIFO stays a FIFO and its reader gets the whole report', async () => {
    const fifo = makeFifo(join(dir(), 'report.pipe'));
    const copy = join(dir(), 'copy.json');
    const reader = readFifo(fifo, join(dir(), 'received.json'));
    const result = await runCli(['audit', '--demo', '-o', `json=${fifo}`, '-o', `json=${copy}`]);
    expect(result.code).toBe(0);
    expect(await reader.received()).toBe(readFileSync(copy, 'utf8'));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('a process substitution, -o sarif=>(jq .), gets the whole report on its descriptor', async () => {
    const fifo = makeFifo(join(dir(), 'jq-stdin'));
    const reader = readFifo(fifo, join(dir(), 'received.sarif'));
    const copy = join(dir(), 'copy.sarif');
    const fd = openSync(fifo, 'w');
    let code: number;
    try {
      ({ code } = await runCli(['audit', '--demo', '-o', `sarif=/dev/fd/${fd}`, '-o', `sarif=${copy}`]));
    } finally {
      closeSync(fd);
    }
    expect(code).toBe(0);
    expect(await reader.received()).toBe(readFileSync(copy, 'utf8'));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('every --output is checked before any input is read or any AWS request is sent', () => {
  /** A snapshot file that fails to parse: reading it first would report it, not the output. */
  const unreadable = () => file('snapshot.json', '{ this is not JSON');

  test.each<[string, (d: string) => { output: string; expected: (output: string) => string }]>([
    [
      'a directory that does not exist',
      (d) => ({
        output: join(d, 'missing', 'r.json'),
        expected: (o) => `--output json=${o}: directory ${join(d, 'missing')} does not exist`,
      }),
    ],
    [
      'a directory',
      (d) => {
        mkdirSync(join(d, 'reports'));
        return { output: join(d, 'reports'), expected: (o) => `--output json=${o}: ${o} is a directory` };
      },
    ],
    [
      'a path below a file',
      (d) => {
        writeFileSync(join(d, 'plain'), 'x');
        return {
          output: join(d, 'plain', 'r.json'),
          expected: (o) => `--output json=${o}: ${join(d, 'plain')} is not a directory`,
        };
      },
    ],
  ])('%s: exit 2 naming the output, the snapshot not read', async (_case, setUp) => {
    const snapshot = unreadable();
    const { output, expected } = setUp(dir());
    const result = await runCli(['audit', '--snapshot', snapshot, '-o', `json=${output}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`iamspect: error: ${expected(output)}\n`);
  });

  test('two outputs that are the same file (through a symlink): refused before anything is written', async () => {
    const snapshot = unreadable();
    const real = file('report.json', PREVIOUS);
    const alias = join(dir(), 'latest.json');
    symlinkSync(real, alias);
    const result = await runCli([
      'audit',
      '--snapshot',
      snapshot,
      '-o',
      `json=${real}`,
      '-o',
      `sarif=${alias}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `iamspect: error: --output sarif=${alias}: the same file as --output json=${real}\n`,
    );
    expect(readFileSync(real)).toEqual(PREVIOUS);
  });

  test('two outputs naming one new file: refused', async () => {
    const target = join(dir(), 'new.json');
    const relativeTarget = relative(process.cwd(), target);
    const result = await runCli(['audit', '--demo', '-o', `json=${target}`, '-o', `csv=${relativeTarget}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--output csv=${relativeTarget}: the same file as --output json=${target}`,
    );
    expect(readdirSync(dir())).toEqual([]);
  });

  test('an output that is the input snapshot: refused, the snapshot untouched', async () => {
    const text = serializeSnapshot(loadDemoSnapshot());
    const snapshot = file('snapshot.json', text);
    const result = await runCli(['audit', '--snapshot', snapshot, '-o', `json=${snapshot}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `iamspect: error: --output json=${snapshot}: the same file as --snapshot ${snapshot}; the report would overwrite it\n`,
    );
    expect(readFileSync(snapshot, 'utf8')).toBe(text);
  });

  test('an output that is the baseline: refused, the baseline untouched', async () => {
    const baseline = join(dir(), 'baseline.json');
    expect((await runCli(['audit', '--demo', '-o', `json=${baseline}`])).code).toBe(0);
    const before = readFileSync(baseline);
    const result = await runCli(['audit', '--demo', '--baseline', baseline, '-o', `json=${baseline}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--output json=${baseline}: the same file as --baseline ${baseline}`);
    expect(readFileSync(baseline)).toEqual(before);
  });

  test('template: an output that is the template being scanned is refused', async () => {
    const template = file('stack.json', '{"Resources":{"Admin":{"Type":"AWS::IAM::User"}}}\n');
    const result = await runCli(['template', template, '-o', `sarif=${template}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--output sarif=${template}: the same file as the input ${template}`);
    expect(readFileSync(template, 'utf8')).toBe('{"Resources":{"Admin":{"Type":"AWS::IAM::User"}}}\n');
  });

  test('merge: an output in a directory that does not exist is refused before the reports are read', async () => {
    const part = file('part.json', '{ not a report');
    const output = join(dir(), 'missing', 'merged.json');
    const result = await runCli(['merge', part, '-o', output]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `iamspect: error: --output ${output}: directory ${join(dir(), 'missing')} does not exist\n`,
    );
  });

  test('merge: an output that is one of the reports merged is refused', async () => {
    const part = join(dir(), 'part.json');
    expect((await runCli(['audit', '--demo', '-o', `json=${part}`])).code).toBe(0);
    const result = await runCli(['merge', part, '-o', part]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--output ${part}: the same file as the input ${part}`);
  });

  describe('live', () => {
    let session: FakeSession;
    beforeEach(async () => {
      session = await startSession(sampleAccount({ credentialReport: { status: 'complete' } }));
    });
    afterEach(() => session.close());

    test('audit: a bad --output fails with zero AWS requests sent', async () => {
      const output = join(dir(), 'missing', 'r.json');
      const result = await runCli(['audit', '--quiet', '-o', `json=${output}`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `--output json=${output}: directory ${join(dir(), 'missing')} does not exist`,
      );
      expect(session.fake.requests.total()).toBe(0);
    });

    test('collect: an output that is a directory fails with zero AWS requests sent', async () => {
      const result = await runCli(['collect', '--quiet', '-o', dir()]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--output ${dir()}: ${dir()} is a directory`);
      expect(session.fake.requests.total()).toBe(0);
    });
  });
});
