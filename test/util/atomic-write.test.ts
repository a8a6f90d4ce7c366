import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { useTempDir } from '../builders/temp-dir.js';

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
