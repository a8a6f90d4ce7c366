// The limits on what iamspect reads, in one place: past them a file is refused with a message that
// names the limit, instead of crashing the run (a stack overflow, a string too long for Node).
import { constants } from 'node:buffer';

/**
 * The deepest nesting of objects, arrays, maps and lists any input (JSON or YAML) may have. AWS
 * outputs and snapshots nest about a dozen levels (a condition in a statement in a policy version
 * in a role in the authorization details) and real templates a few dozen, so 512 rejects nothing
 * real. Code that walks a parsed value recursively uses a few stack frames per level, and Node's
 * default stack holds about 10,000 of them: 512 levels stays far below that.
 */
export const MAX_NESTING_DEPTH = 512;

/**
 * The largest file read as text. Node cannot make a longer string (about 512 MB on 64-bit), and
 * decoding UTF-8 never gives more characters than bytes, so a file within it always decodes.
 */
export const MAX_INPUT_FILE_BYTES = constants.MAX_STRING_LENGTH;

/** How an input nested past MAX_NESTING_DEPTH is described, after the file's name and position. */
export const TOO_DEEP = `nested more than ${MAX_NESTING_DEPTH} levels deep, the most iamspect reads`;
