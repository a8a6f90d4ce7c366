// Prints the fuzz suite's figures (written by test/fuzz/*.fuzz.test.ts under test-artifacts/fuzz/)
// as the Markdown table of docs/reliability.md. Run by `npm run reliability:figures`, after the suite.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(process.cwd(), 'test-artifacts', 'fuzz');
const suites = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));

const EXITS = ['0', '1', '2', '3'];
const count = (outcomes, keep) =>
  Object.entries(outcomes)
    .filter(([kind]) => keep(kind))
    .flatMap(([, byExit]) => Object.entries(byExit));
const sum = (pairs, exit) =>
  pairs.filter(([code]) => exit === undefined || code === exit).reduce((total, [, n]) => total + n, 0);

const rows = [
  '| input | seed | cases (of numRuns) | exit 0 / 1 / 2 / 3 | breaking cases: exit 0 | time |',
  '|---|---|---|---|---|---|',
];
let cases = 0;
let time = 0;
for (const { properties } of suites) {
  for (const property of properties) {
    const all = count(property.outcomes, () => true);
    const breaking = count(property.outcomes, (kind) => kind.startsWith('breaks/'));
    cases += property.cases;
    time += property.elapsedMs;
    rows.push(
      `| ${property.name} | ${property.seed} | ${property.cases} (of ${property.numRuns}) | ` +
        `${EXITS.map((exit) => sum(all, exit)).join(' / ')} | ${sum(breaking, '0')} of ${sum(breaking)} | ` +
        `${(property.elapsedMs / 1000).toFixed(1)} s |`,
    );
  }
}
rows.push(`| **total** | | **${cases}** | | | **${(time / 1000).toFixed(1)} s** |`);
console.log(rows.join('\n'));
