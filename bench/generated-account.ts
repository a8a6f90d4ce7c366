// What the generated benchmark accounts share: the account id, a fixed collection time (so every run
// measures the same data) and the snapshot envelope around their sections.
import type { Snapshot } from '../src/snapshot/schema.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../src/snapshot/schema.js';

export const ACCOUNT = '123456789012';
export const COLLECTED_AT = Date.parse('2026-11-01T09:00:00Z');
const DAY = 86_400_000;

/** ISO timestamp `daysBefore` days before COLLECTED_AT. */
export function iso(daysBefore: number): string {
  return new Date(COLLECTED_AT - daysBefore * DAY).toISOString();
}

/** A snapshot of ACCOUNT collected at COLLECTED_AT, holding `sections`. */
export function generatedSnapshot(accountAlias: string, sections: Snapshot['sections']): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'iamspect', version: 'bench' },
    collectedAt: new Date(COLLECTED_AT).toISOString(),
    partition: 'aws',
    accountId: ACCOUNT,
    accountAlias,
    source: { kind: 'snapshot' },
    sections,
  };
}
