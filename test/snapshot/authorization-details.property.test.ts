// Any GAAD-shaped input gives valid AuthorizationDetails or an InputError naming the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { normalizeAuthorizationDetails } from '../../src/snapshot/authorization-details.js';
import { authorizationDetailsSchema } from '../../src/sections/authorization-details.js';
import { packageRoot } from '../../src/util/package-root.js';
import type { Json } from './mutate-json.js';
import { mutatedJson } from './mutate-json.js';

const demoDetails = JSON.parse(
  readFileSync(join(packageRoot(), 'fixtures', 'demo', 'get-account-authorization-details.json'), 'utf8'),
) as Json;

function expectDetailsOrInputError(pages: unknown[]): void {
  try {
    const details = normalizeAuthorizationDetails(pages, 'fuzz');
    expect(authorizationDetailsSchema.safeParse(details).success).toBe(true);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
}

describe('normalizeAuthorizationDetails on random input', () => {
  it('returns valid details or an InputError for any JSON pages', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 3 }), (pages) => expectDetailsOrInputError(pages)),
      { numRuns: 300 },
    );
  });

  it('returns valid details or an InputError after random edits of a real output', () => {
    fc.assert(
      fc.property(mutatedJson(demoDetails), (mutated) => expectDetailsOrInputError([mutated])),
      { numRuns: 500 },
    );
  });

  it('never fails on a policy document, whatever it holds: it records the problem instead', () => {
    const document = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.jsonValue().map((value) => encodeURIComponent(JSON.stringify(value))),
    );
    fc.assert(
      fc.property(document, (policyDocument) => {
        const page = {
          GroupDetailList: [
            {
              GroupName: 'g',
              GroupId: 'AGPAEXAMPLE',
              Arn: 'arn:aws:iam::111122223333:group/g',
              GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: policyDocument }],
            },
          ],
        };
        const details = normalizeAuthorizationDetails([page], 'fuzz');
        expect(authorizationDetailsSchema.safeParse(details).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
