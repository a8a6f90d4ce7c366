// Writes the generated documentation: docs/rules.md, docs/escalation-methods.md, docs/compliance.md and
// the config JSON Schema.
// `--check` fails (exit 1) when a committed file differs from what the rules produce.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../src/util/package-root.js';
import { generatedFiles } from './generated-files.js';

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function main(check: boolean): number {
  const root = packageRoot();
  const stale: string[] = [];
  for (const [file, content] of Object.entries(generatedFiles())) {
    const path = join(root, file);
    if (readOrEmpty(path) === content) continue;
    if (check) stale.push(file);
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      console.log(`wrote ${file}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Out of date: ${stale.join(', ')}. Run \`npm run docs\` and commit the result.`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.includes('--check'));
