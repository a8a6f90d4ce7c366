// Dates after the collection time. Rules count ages from the snapshot's collectedAt, so a date later
// than that reads as "today": a key "rotated" next year passes the rotation limit, a role "used"
// tomorrow passes the unused limit. Such a date means the clock that stamped collectedAt, or the
// file itself, is wrong. A rule about to count days from one reports the user or role not
// evaluated instead (which makes the run incomplete), and the engine warns once per user and field.
import { optionalSectionData } from '../../snapshot/access.js';
import type { CredentialReportRow, RoleDetail, Snapshot, UserDetail } from '../../snapshot/schema.js';
import type { RuleContext } from '../types.js';
import type { CredentialSlot } from './credential-report.js';

/**
 * How much later than the collection time a date may be and still count as "now". collectedAt comes
 * from the collector's clock (or a file's modification time), the dates from IAM's, and two clocks
 * a few minutes apart are ordinary. 15 minutes is the difference AWS itself accepts between a signed
 * request's time and its own clock; ages are counted in days, so a date that much late changes no
 * verdict, while one later still is no longer drift but a wrong clock or an edited file.
 */
export const CLOCK_SKEW_MS = 15 * 60_000;

/** A dated field of one user or role. */
export interface DatedField {
  /** ARN of the user or role the date belongs to. */
  resource: string;
  /** The field as its source names it, and whose it is: "access_key_1_last_rotated of alice". */
  label: string;
}

/** Later than the collection time by more than clock drift explains. */
export function isAfterCollection(iso: string, now: Date): boolean {
  return Date.parse(iso) - now.getTime() > CLOCK_SKEW_MS;
}

/** A credential-report column of a row, e.g. `password_last_used of alice`. */
export function credentialField(row: CredentialReportRow, column: string): DatedField {
  return { resource: row.arn, label: `${column} of ${row.user}` };
}

/** `access_key_2_last_used_date`: the credential report's column for a key slot. */
export function accessKeyColumn(slot: CredentialSlot, field: 'last_rotated' | 'last_used_date'): string {
  return `access_key_${slot}_${field}`;
}

/** A GetAccountAuthorizationDetails field of a role, e.g. `RoleLastUsed.LastUsedDate of role app`. */
export function roleField(role: RoleDetail, field: string): DatedField {
  return { resource: role.arn, label: `${field} of role ${role.name}` };
}

function userField(user: UserDetail, field: string): DatedField {
  return { resource: user.arn, label: `${field} of user ${user.name}` };
}

/** "2027-01-03 09:00 UTC": to the minute, since a date a few hours late is as wrong as one a year late. */
function minuteOf(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function futureDateReason(field: DatedField, iso: string, now: Date): string {
  return (
    `${field.label} is ${minuteOf(iso)}, after the collection time ${minuteOf(now.toISOString())}: ` +
    'the clock or the file is wrong'
  );
}

/**
 * For a rule about to count days from `iso`: true when it may. A date after the collection time
 * makes the rule report the resource not evaluated, and the answer is false.
 */
export function countableDate(
  iso: string,
  field: DatedField,
  context: Pick<RuleContext<unknown>, 'now' | 'notEvaluated'>,
): boolean {
  if (!isAfterCollection(iso, context.now)) return true;
  context.notEvaluated(field.resource, futureDateReason(field, iso, context.now));
  return false;
}

/** The dated columns of a credential-report row (not password_next_rotation: that one is meant to be ahead). */
function credentialReportDates(row: CredentialReportRow): Array<[column: string, iso: string | null]> {
  return [
    ['user_creation_time', row.userCreationTime],
    ['password_last_used', row.passwordLastUsed],
    ['password_last_changed', row.passwordLastChanged],
    ...row.accessKeys.flatMap((key, index): Array<[string, string | null]> => {
      const slot = (index + 1) as CredentialSlot;
      return [
        [accessKeyColumn(slot, 'last_rotated'), key.lastRotated],
        [accessKeyColumn(slot, 'last_used_date'), key.lastUsedDate],
      ];
    }),
    ...row.certs.map((cert, index): [string, string | null] => [
      `cert_${index + 1}_last_rotated`,
      cert.lastRotated,
    ]),
  ];
}

/**
 * One warning per user or role and field whose date lies after the collection time, naming the
 * source, so the reader knows which data to distrust even where no selected rule read it.
 */
export function futureDateWarnings(snapshot: Snapshot): string[] {
  const now = new Date(snapshot.collectedAt);
  const dated: Array<{ source: string; field: DatedField; iso: string | null }> = [];
  for (const row of optionalSectionData(snapshot, 'credentialReport')?.rows ?? []) {
    for (const [column, iso] of credentialReportDates(row)) {
      dated.push({ source: 'Credential report', field: credentialField(row, column), iso });
    }
  }
  const details = optionalSectionData(snapshot, 'authorizationDetails');
  for (const user of details?.users ?? []) {
    dated.push({
      source: 'Authorization details',
      field: userField(user, 'CreateDate'),
      iso: user.createDate,
    });
  }
  for (const role of details?.roles ?? []) {
    dated.push(
      { source: 'Authorization details', field: roleField(role, 'CreateDate'), iso: role.createDate },
      {
        source: 'Authorization details',
        field: roleField(role, 'RoleLastUsed.LastUsedDate'),
        iso: role.lastUsed?.date ?? null,
      },
    );
  }
  return dated.flatMap(({ source, field, iso }) =>
    iso !== null && isAfterCollection(iso, now) ? [`${source}: ${futureDateReason(field, iso, now)}.`] : [],
  );
}
