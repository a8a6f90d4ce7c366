// The API report covers exactly what the package exports: every `exports` entry of package.json
// (but package.json itself) is built from a source the report reads, and a rule written against
// the public API alone runs in the engine like a built-in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ENTRY_POINTS } from '../../scripts/api-report.js';
import { defineRule, iamUserRows, sectionData } from '../../src/api/index.js';
import { packageRoot } from '../../src/util/package-root.js';
import { z } from 'zod';
import { runRule } from '../builders/rules.js';
import { credentialReportSnapshot, userRow } from '../builders/snapshot.js';

const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
};

test('every entry point of package.json is in the API report, built from its source, with its types', () => {
  const built = Object.entries(manifest.exports)
    .filter(([entry]) => entry !== './package.json')
    .map(([entry, file]) => [entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`, file]);
  const reported = Object.entries(API_ENTRY_POINTS).map(([entry, source]) => [
    entry,
    {
      types: `./dist/${source.replace(/\.ts$/, '.d.ts')}`,
      default: `./dist/${source.replace(/\.ts$/, '.js')}`,
    },
  ]);
  expect(built).toEqual(reported);
});

test('a rule written against the public API alone runs', () => {
  const rule = defineRule({
    id: 'console-users',
    title: 'Users with a console password',
    severity: 'low',
    needs: ['credentialReport'],
    options: z.object({}),
    docs: { rationale: 'r', remediation: 'f', references: [] },
    frameworks: {},
    check: ({ snapshot }) =>
      iamUserRows(sectionData(snapshot, 'credentialReport'))
        .filter((row) => row.passwordEnabled)
        .map((row) => ({ resource: row.arn, message: `${row.user} has a console password.` })),
  });
  const snapshot = credentialReportSnapshot([userRow('alice', { passwordEnabled: true }), userRow('bob')]);
  expect(runRule(rule, snapshot)).toEqual([
    { resource: 'arn:aws:iam::123456789012:user/alice', message: 'alice has a console password.' },
  ]);
});
