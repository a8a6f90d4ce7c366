// Stand-ins for the write(2) system call that behave as a full or slow device does, for tests of
// the writers' handling of what writeSync returns.
import { writeSync } from 'node:fs';
import type { WriteSync } from '../../src/util/write-all.js';

function noSpace(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** A disk with `room` bytes left: writes are cut short at the limit, then fail with ENOSPC. */
export function diskWithRoomFor(room: number): WriteSync {
  let left = room;
  return (fd, buffer, offset, length) => {
    if (left === 0) throw noSpace();
    const written = writeSync(fd, buffer, offset, Math.min(length, left));
    left -= written;
    return written;
  };
}

/** A device that takes at most half of each write (as a pipe or a network file system may). */
export function halfWrites(): WriteSync {
  return (fd, buffer, offset, length) => writeSync(fd, buffer, offset, Math.max(1, Math.floor(length / 2)));
}
