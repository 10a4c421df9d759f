/**
 * Stored records are checked by hand when read back (record-codec.ts, every turn); the check
 * must accept and refuse exactly what the zod schema it replaced did, and give the same record.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeProcessed, decodeRecord, encodeRecord } from '../src/store/record-codec.js';

const processedSchema = z.array(z.object({ id: z.string() }));
const recordSchema = z.object({
  version: z.number().int().positive(),
  expiresAt: z.number(),
  user: z.string().nullable(),
  state: z.unknown(),
  processed: processedSchema,
});
/** The zod decoding as it was. */
const reference = (json: string) => {
  const parsed = recordSchema.safeParse(JSON.parse(json));
  return parsed.success
    ? { ...parsed.data, processed: parsed.data.processed.map((p) => ({ id: p.id })) }
    : null;
};

const odd = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }),
  fc.constant(2 ** 60),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({}),
);
const event = fc.oneof(
  fc.record({ id: fc.string({ maxLength: 6 }) }),
  fc.record({ id: fc.string(), replies: odd }),
  odd,
);
const record = fc.record(
  {
    version: fc.oneof(fc.integer({ min: 1, max: 99 }), odd),
    expiresAt: fc.oneof(fc.integer({ min: 0 }), odd),
    user: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null), odd),
    state: fc.oneof(fc.constant({ schema: 2, findings: {} }), odd),
    processed: fc.oneof(fc.array(event, { maxLength: 3 }), odd),
    extra: odd,
  },
  { requiredKeys: [] },
);

describe('stored record decoding', () => {
  it('reads a record it wrote back as it was', () => {
    const r = {
      version: 3,
      expiresAt: 1_800_000_000_000,
      user: 'u',
      state: { a: [1] },
      processed: [{ id: 'e' }],
    };
    expect(decodeRecord(encodeRecord(r))).toEqual(r);
  });

  it('accepts and refuses what the zod schema did, with the same result', () => {
    fc.assert(
      fc.property(fc.oneof(record, odd), (raw) => {
        const json = JSON.stringify(raw);
        expect(decodeRecord(json)).toEqual(reference(json));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a processed-events column as the zod schema did', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(event, { maxLength: 4 }), odd), (raw) => {
        const json = JSON.stringify(raw);
        const parsed = processedSchema.safeParse(raw);
        expect(decodeProcessed(json)).toEqual(parsed.success ? parsed.data.map((p) => ({ id: p.id })) : null);
      }),
      { numRuns: 3000 },
    );
    expect(decodeProcessed('not json')).toBeNull();
    expect(decodeRecord('{')).toBeNull();
  });
});
