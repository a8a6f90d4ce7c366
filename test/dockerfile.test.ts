// The Dockerfile, checked without a Docker daemon: the files its build stage copies exist and are
// not in .dockerignore, the image installs the tarball the first stage packs, and it runs as a
// user other than root with iamspect as its entry point. (No test here builds the image.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/util/package-root.js';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

const root = packageRoot();

/** The Dockerfile's stages: instructions with continuation lines joined, comments dropped. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: Stage[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', , name] = rest;
      result.push({ from, name, instructions: [] });
    } else {
      result.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return result;
}

const dockerfile = stages(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const [build, image] = [dockerfile[0]!, dockerfile.at(-1)!];
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

describe('Dockerfile', () => {
  test('two stages on Node.js 20 slim: one packs, the last is the image', () => {
    expect(dockerfile).toHaveLength(2);
    for (const stage of dockerfile) expect(stage.from).toBe('node:20-slim');
    expect(build.name).toBeDefined();
  });

  test('every file the build stage copies from the context exists and is not excluded by .dockerignore', () => {
    const sources = all(build, 'COPY').flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect([source, existsSync(join(root, source))]).toEqual([source, true]);
      expect(ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
  });

  test('the build stage copies everything package.json "files" ships', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
    const copied = all(build, 'COPY').flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    const built = ['dist/src'];
    expect(pkg.files.filter((file) => !built.includes(file) && !copied.includes(file))).toEqual([]);
  });

  test('the image installs the tarball npm pack made in the build stage, not a registry version', () => {
    const packed = all(build, 'RUN').find((run) => run.args.includes('npm pack'))!;
    const tarball = /mv iamspect-\*\.tgz (\S+)/.exec(packed.args)![1]!;
    const copy = all(image, 'COPY').find((c) => c.args.startsWith(`--from=${build.name} ${tarball} `))!;
    const inImage = copy.args.split(/\s+/).at(-1)!;
    expect(
      all(image, 'RUN').some((run) =>
        run.args.includes(`npm install --global --no-audit --no-fund ${inImage}`),
      ),
    ).toBe(true);
    expect(image.instructions.map((i) => i.args).join('\n')).not.toMatch(/iamspect@/);
  });

  test('the image runs iamspect as a user other than root', () => {
    const users = all(image, 'USER').map((u) => u.args);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
    const keywords = image.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.indexOf('ENTRYPOINT'));
    expect(all(image, 'ENTRYPOINT').map((e) => e.args)).toEqual(['["iamspect"]']);
  });

  test('.dockerignore keeps the host build and installed modules out of the context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});
