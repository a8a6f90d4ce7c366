// The times saved AWS CLI outputs hold about the past: when IAM generated the credential report,
// when things were created, last used, changed. The data was saved after every one of them, so
// the newest is the best stand-in for "when this data was true" that the files themselves give;
// a file's modification time is when it was last copied (a fresh clone says "today").
// Times in the future of the data (password_next_rotation, a certificate's Expiration) are left
// out on purpose: they say nothing about when it was saved. Each section module lists the times
// its data holds (`awsCli.timesInside`).
/** One time found in a file, and what it is, for telling the user which time the audit took. */
export interface TimeInside {
  /** e.g. `password_last_used of alice`. */
  what: string;
  /** ISO timestamp, or null when the field holds none. */
  time: string | null;
}

/** The newest of `times`, or undefined when none holds a time. */
export function newestTime(times: readonly TimeInside[]): { what: string; time: string } | undefined {
  let newest: { what: string; time: string } | undefined;
  for (const { what, time } of times) {
    if (time !== null && (newest === undefined || Date.parse(time) > Date.parse(newest.time)))
      newest = { what, time };
  }
  return newest;
}
