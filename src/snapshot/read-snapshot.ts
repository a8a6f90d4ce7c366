// Snapshot files: what `iamspect collect -o FILE` writes and `iamspect audit --snapshot FILE` reads.
// Reading validates the whole file against the schema, so rules only ever see well-formed data
// and a bad file is reported once, by the path of the offending field.
import { InputError } from '../errors.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import type { Snapshot } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSchema } from './schema.js';
import { validateInput } from './input-validation.js';

const HOW_TO_GET_ONE = 'Write a snapshot with: iamspect collect -o snapshot.json';

export function readSnapshotFile(path: string): Snapshot {
  return parseSnapshot(readInputFile(path, 'snapshot file', HOW_TO_GET_ONE), path);
}

/** Parses and validates snapshot JSON; `path` names the file in errors. */
export function parseSnapshot(text: string, path: string): Snapshot {
  const raw = parseJsonText(text, path, 'snapshot file', HOW_TO_GET_ONE);
  checkSchemaVersion(raw, path);
  return validateInput(
    snapshotSchema,
    raw,
    `${path}: invalid snapshot`,
    'The file may have been edited by hand or damaged; collect a new snapshot.',
  );
}

/** Pretty-printed so snapshots diff well under version control; ends with a newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/**
 * Checked before the field-by-field validation: a snapshot from a newer iamspect would otherwise
 * fail on its first new field, with a message that hides the real fix (upgrading).
 */
function checkSchemaVersion(raw: unknown, path: string): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${path}: not an iamspect snapshot (expected a JSON object)`, HOW_TO_GET_ONE);
  }
  const version = (raw as Record<string, unknown>).schemaVersion;
  if (version === undefined) {
    throw new InputError(`${path}: not an iamspect snapshot (no schemaVersion field)`, HOW_TO_GET_ONE);
  }
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      `${path}: written by a newer iamspect (snapshot schemaVersion ${version}; this version reads ${SNAPSHOT_SCHEMA_VERSION}); upgrade iamspect`,
      'Install the latest iamspect, or collect the snapshot with the version you have.',
    );
  }
}
