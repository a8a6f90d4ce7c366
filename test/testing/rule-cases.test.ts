// The test kit's ruleCases: it runs with Jest's globals, refuses a case list that could not show a
// rule works, and fails a case whose findings differ by so much as a message.
import { z } from 'zod';
import { defineRule } from '../../src/api/index.js';
import type { RuleCases, TestFunctions } from '../../src/api/testing.js';
import { credentialReportSnapshot, ruleCases, userRow } from '../../src/api/testing.js';

const consoleUsers = defineRule({
  id: 'console-users',
  title: 'Too many users with a console password',
  severity: 'low',
  needs: ['credentialReport'],
  options: z.object({ allowed: z.array(z.string()).default([]) }).strict(),
  docs: { rationale: 'r', remediation: 'f', references: [] },
  frameworks: {},
  check: ({ snapshot, options }) =>
    (snapshot.sections.credentialReport?.data?.rows ?? [])
      .filter((row) => row.passwordEnabled && !options.allowed.includes(row.user))
      .map((row) => ({ resource: row.arn, message: `${row.user} has a console password.` })),
});

const alice = credentialReportSnapshot([userRow('alice', { passwordEnabled: true })]);
const aliceFinding = {
  resource: 'arn:aws:iam::123456789012:user/alice',
  message: 'alice has a console password.',
};

// Runs with Jest's own describe/it: these are real tests of the rule.
ruleCases(consoleUsers, {
  valid: [
    { name: 'no password', snapshot: credentialReportSnapshot([userRow('bob')]) },
    { name: 'allowed by option', snapshot: alice, options: { allowed: ['alice'] } },
  ],
  invalid: [{ name: 'a password', snapshot: alice, findings: [aliceFinding] }],
});

/** The tests ruleCases declares, run here by hand: the name of each, and its error if it failed. */
function outcomes(cases: RuleCases): Array<[string, string | undefined]> {
  const results: Array<[string, string | undefined]> = [];
  const functions: TestFunctions = {
    describe: (_name, body) => body(),
    it: (name, body) => {
      try {
        body();
        results.push([name, undefined]);
      } catch (error) {
        results.push([name, (error as Error).message.split('\n')[0]]);
      }
    },
  };
  ruleCases(consoleUsers, cases, functions);
  return results;
}

test('an invalid case whose message differs fails', () => {
  const wrong = { ...aliceFinding, message: 'alice has a password.' };
  const results = outcomes({
    valid: [{ name: 'no password', snapshot: credentialReportSnapshot([userRow('bob')]) }],
    invalid: [{ name: 'a password', snapshot: alice, findings: [wrong] }],
  });
  const [name, error] = results[1]!;
  expect(name).toBe('invalid: a password');
  expect(error).toMatch(/^Expected values to be strictly deep-equal/);
  expect(results[0]).toEqual(['valid: no password', undefined]);
});

test.each<[string, RuleCases, string]>([
  [
    'no invalid case',
    { valid: [{ name: 'v', snapshot: alice, options: { allowed: ['alice'] } }], invalid: [] },
    'ruleCases(console-users): give both valid and invalid cases (a rule that never fires passes valid cases alone)',
  ],
  [
    'no valid case',
    { valid: [], invalid: [{ name: 'i', snapshot: alice, findings: [aliceFinding] }] },
    'ruleCases(console-users): give both valid and invalid cases (a rule that never fires passes valid cases alone)',
  ],
  [
    'two cases with one name',
    {
      valid: [{ name: 'same', snapshot: alice, options: { allowed: ['alice'] } }],
      invalid: [{ name: 'same', snapshot: alice, findings: [aliceFinding] }],
    },
    'ruleCases(console-users): two cases are named "same"',
  ],
])('refuses %s', (_what, cases, message) => {
  expect(() => outcomes(cases)).toThrow(message);
});

test('refuses options the rule does not take', () => {
  expect(() =>
    outcomes({
      valid: [{ name: 'typo', snapshot: alice, options: { allow: ['alice'] } }],
      invalid: [{ name: 'i', snapshot: alice, findings: [aliceFinding] }],
    }),
  ).toThrow('ruleCases(console-users): case "typo": options do not match the rule\'s schema');
});
