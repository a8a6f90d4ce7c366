// Whatever a snapshot file holds, reading it gives a schema-valid snapshot or an InputError.
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { parseSnapshot, serializeSnapshot } from '../../src/snapshot/read-snapshot.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import type { Json } from './mutate-json.js';
import { mutatedJson } from './mutate-json.js';

const demoText = serializeSnapshot(loadDemoSnapshot());

function parseOrInputError(text: string): Snapshot | InputError {
  try {
    const snapshot = parseSnapshot(text, 'fuzz.json');
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    return snapshot;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
}

describe('parseSnapshot on random input', () => {
  it('returns a snapshot or an InputError for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        parseOrInputError(text);
      }),
      { numRuns: 500 },
    );
  });

  it('returns a snapshot or an InputError after random edits of a valid snapshot', () => {
    fc.assert(
      fc.property(mutatedJson(JSON.parse(demoText) as Json), (mutated) => {
        parseOrInputError(JSON.stringify(mutated) ?? '');
      }),
      { numRuns: 500 },
    );
  });

  it('reports a snapshot cut anywhere before its end as truncated or invalid JSON, with a line and column', () => {
    const lastBrace = demoText.lastIndexOf('}');
    fc.assert(
      fc.property(fc.nat({ max: lastBrace - 1 }), (cut) => {
        const outcome = parseOrInputError(demoText.slice(0, cut));
        expect(outcome).toBeInstanceOf(InputError);
        expect((outcome as InputError).message).toMatch(
          /^fuzz\.json: (line \d+, column \d+: snapshot file ends in the middle|snapshot file is empty)/,
        );
      }),
      { numRuns: 200 },
    );
  });
});
