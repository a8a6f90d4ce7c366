// Snapshot files: what `iamspect collect -o FILE` writes and `iamspect audit --snapshot FILE` reads.
// Reading validates the file against the schema, so rules only ever see well-formed data and a bad
// file is reported once, by the path of the offending field. A command that reads only some
// sections (the questions: can, who-can, paths) names them: the others are left out unvalidated,
// since they cannot change its answer, and validating every section of a large account's snapshot
// was a quarter of such a command's time.
import { InputError } from '../errors.js';
import { parseJsonText, readInputFile } from '../util/input-file.js';
import type { SectionName, Snapshot } from './schema.js';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSchema } from './schema.js';
import { acceptedAsIs } from './as-is.js';
import { validateInput } from './input-validation.js';

const HOW_TO_GET_ONE = 'Write a snapshot with: iamspect collect -o snapshot.json';

/**
 * Reads a snapshot file. With `sections`, the snapshot holds only those of them (validated); without,
 * every section, all validated.
 */
export function readSnapshotFile(path: string, sections?: readonly SectionName[]): Snapshot {
  return parseSnapshot(readInputFile(path, 'snapshot file', HOW_TO_GET_ONE), path, sections);
}

/** Parses and validates snapshot JSON, as readSnapshotFile; `path` names the file in errors. */
export function parseSnapshot(text: string, path: string, sections?: readonly SectionName[]): Snapshot {
  const raw = parseJsonText(text, path, 'snapshot file', HOW_TO_GET_ONE);
  checkSchemaVersion(raw, path);
  const kept = sections ? withSectionsOnly(raw, sections) : raw;
  // What zod would give back unchanged needs no copy made by zod (see as-is.ts).
  if (acceptedAsIs(snapshotSchema)(kept)) return kept as Snapshot;
  return validateInput(
    snapshotSchema,
    kept,
    `${path}: invalid snapshot`,
    'The file may have been edited by hand or damaged; collect a new snapshot.',
  );
}

/** Pretty-printed so snapshots diff well under version control; ends with a newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/**
 * The snapshot with only the named sections; as it is when its `sections` is not an object, which
 * the validation then reports.
 */
function withSectionsOnly(
  raw: Record<string, unknown>,
  names: readonly SectionName[],
): Record<string, unknown> {
  const sections = raw.sections;
  if (typeof sections !== 'object' || sections === null || Array.isArray(sections)) return raw;
  const kept = names.filter((name) => Object.hasOwn(sections, name));
  return {
    ...raw,
    sections: Object.fromEntries(kept.map((name) => [name, (sections as Record<string, unknown>)[name]])),
  };
}

/**
 * Checked before the field-by-field validation: a snapshot from a newer iamspect would otherwise
 * fail on its first new field, with a message that hides the real fix (upgrading).
 */
function checkSchemaVersion(raw: unknown, path: string): asserts raw is Record<string, unknown> {
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
