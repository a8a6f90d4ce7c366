// acceptedAsIs: the fast path of snapshot validation may only say "zod accepts this and gives it
// back unchanged" when that is true; everything else goes to zod, whose messages users see.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { QUESTION_SECTIONS } from '../../src/commands/graph-output.js';
import { acceptedAsIs } from '../../src/snapshot/as-is.js';
import { loadDemoSnapshot } from '../../src/snapshot/demo.js';
import { isoDate, policyDocumentSchema } from '../../src/snapshot/schema-parts.js';
import { snapshotSchema } from '../../src/snapshot/schema.js';
import type { Json } from './mutate-json.js';
import { mutatedJson } from './mutate-json.js';

const strippingObject = z.object({ a: z.string() });
const strictObject = z.object({ a: z.string() }).strict();
const passthroughObject = z.object({ a: z.string() }).passthrough();

describe('acceptedAsIs', () => {
  test.each<[string, z.ZodType, unknown, boolean]>([
    ['a string', z.string(), 'x', true],
    ['a number for a string', z.string(), 1, false],
    ['an ISO date', isoDate, '2026-01-02T03:04:05Z', true],
    ['a date its refine refuses', isoDate, 'June', false],
    ['an integer', z.number().int(), 3, true],
    ['a fraction for an integer', z.number().int(), 1.5, false],
    ['a length zod checks', z.string().min(2), 'xyz', false],
    ['null where nullable', z.string().nullable(), null, true],
    ['a missing optional field', z.object({ a: z.string().optional() }), {}, true],
    ['a missing required field', strippingObject, {}, false],
    ['an unknown key zod would drop', strippingObject, { a: 'x', b: 1 }, false],
    ['an unknown key zod refuses', strictObject, { a: 'x', b: 1 }, false],
    ['an unknown key zod keeps', passthroughObject, { a: 'x', b: 1 }, true],
    ['a record of arrays', z.record(z.string(), z.array(z.string())), { k: ['v'] }, true],
    ['a record with a bad value', z.record(z.string(), z.array(z.string())), { k: [1] }, false],
    ['an enum member', z.enum(['ok', 'denied']), 'ok', true],
    ['not an enum member', z.enum(['ok', 'denied']), 'fine', false],
    ['a transformed value', z.string().transform((s) => s.trim()), ' x ', false],
    ['a default', z.string().default('x'), 'y', false],
    ['a literal of a union', z.union([z.literal('*'), z.record(z.string(), z.string())]), '*', true],
    ['a record of a union', z.union([z.literal('*'), z.record(z.string(), z.string())]), { a: 'b' }, true],
    // zod takes the first option that accepts: the stripping one, which drops b.
    [
      'an object a stripping option before it takes',
      z.union([strippingObject, passthroughObject]),
      { a: 'x', b: 1 },
      false,
    ],
  ])('%s', (_label, schema, value, expected) => {
    expect(acceptedAsIs(schema)(value)).toBe(expected);
    // Whenever it says yes, zod agrees and gives the value back unchanged.
    if (expected) expect(schema.safeParse(value)).toEqual({ success: true, data: value });
  });

  const demo = JSON.parse(JSON.stringify(loadDemoSnapshot())) as Record<string, unknown> & {
    sections: Record<string, unknown>;
  };
  const questionSnapshot = {
    ...demo,
    sections: Object.fromEntries(
      QUESTION_SECTIONS.filter((name) => name in demo.sections).map((name) => [name, demo.sections[name]]),
    ),
  };

  test('takes the sections a question reads as they are: the fast path is the one taken', () => {
    expect(acceptedAsIs(snapshotSchema)(questionSnapshot)).toBe(true);
  });

  test('after random edits, says yes only where zod accepts and gives the value back unchanged', () => {
    fc.assert(
      fc.property(mutatedJson(questionSnapshot as Json), (mutated) => {
        if (!acceptedAsIs(snapshotSchema)(mutated)) return;
        expect(snapshotSchema.safeParse(mutated)).toEqual({ success: true, data: mutated });
      }),
      { numRuns: 500 },
    );
  });

  test('after random edits of a policy document, agrees with zod the same way', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:*'],
          Resource: ['*'],
          Condition: { Bool: { 'aws:SecureTransport': ['true'] } },
          Principal: { AWS: ['x'] },
        },
      ],
    };
    fc.assert(
      fc.property(mutatedJson(document as Json), (mutated) => {
        if (!acceptedAsIs(policyDocumentSchema)(mutated)) return;
        expect(policyDocumentSchema.safeParse(mutated)).toEqual({ success: true, data: mutated });
      }),
      { numRuns: 500 },
    );
  });
});
