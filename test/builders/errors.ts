// Error expectations shared by tests of code that rejects bad user input.
import { InputError } from '../../src/errors.js';

/**
 * The InputError `run` throws, so a test can assert on its message and hint. Any other error is
 * rethrown as it is, and returning normally fails the test.
 */
export function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
