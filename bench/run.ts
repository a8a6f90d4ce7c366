// `npm run bench`: runs every benchmark in its own process (so each peak RSS is its own) and
// prints their figures. Exit 1 when any target was missed. Pass names to run only some:
// `npm run bench -- policy template`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'foundation',
  'collect',
  'collect-selection',
  'collect-resources',
  'collect-startup',
  'policy',
  'template',
  'template-iac',
  'org',
];

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const selected = wanted.length > 0 ? BENCHES.filter((name) => wanted.includes(name)) : BENCHES;
const unknown = wanted.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHES.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of selected) {
  const script = join(here, `${name}.js`);
  if (!existsSync(script)) {
    console.error(`bench/${name}: not built (${script} missing); run npm run build`);
    failed++;
    continue;
  }
  // As in the CLI: the SDK's notice about its 2027 releases needing Node 22 is noise here.
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit', env });
  if (result.status !== 0) failed++;
}
console.log(
  failed === 0 ? '\nall benchmark targets met' : `\n${failed} benchmark(s) missed a target or failed`,
);
process.exitCode = failed === 0 ? 0 : 1;
