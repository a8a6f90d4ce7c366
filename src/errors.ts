// Errors a user can fix. The CLI prints them as one line (no stack trace unless --debug) and exits 2.
// Everything else that escapes is a bug and is reported as one.

/** Bad input: a file, flag, config entry or snapshot that cannot be used. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /**
   * @param message what is wrong, naming the file and the field or line
   * @param hint how to fix it
   */
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Something outside the input stopped the run (no credentials, nothing collectable). */
export class RunError extends Error {
  override readonly name = 'RunError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** How every hint of a run stopped for auditing nothing begins. */
export const NEVER_A_PASS = 'Nothing audited is never a pass';
