// Progress while collecting: what is being collected and how far it got (pages so far, the
// credential report's state). Shown on stderr, and only when stderr is a terminal and --quiet was
// not given, so CI logs, pipes and JSON output never get it.
import type { SectionStatus } from '../snapshot/schema.js';

export interface Progress {
  /** Work on `task` (a section name, or `identity`) moved on; `detail` says how far ("page 3"). */
  update(task: string, detail: string): void;
  /** `task` finished; `note` adds the refused action or the error code. */
  done(task: string, status: SectionStatus, note?: string): void;
  /** Collection is over: clear whatever is still on screen. */
  finish(): void;
}

export const SILENT_PROGRESS: Progress = {
  update() {},
  done() {},
  finish() {},
};

/** The stream subset the terminal renderer needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const CLEAR_LINE = '\r\u001b[2K';

/**
 * A one-line status ("collecting authorizationDetails (page 3), credentialReport (INPROGRESS)")
 * rewritten in place, with a permanent line per finished section above it.
 */
export function terminalProgress(stream: ProgressStream = process.stderr, quiet = false): Progress {
  if (quiet || !stream.isTTY) return SILENT_PROGRESS;
  const active = new Map<string, string>();

  const render = () => {
    const parts = [...active].map(([task, detail]) => (detail ? `${task} (${detail})` : task));
    const line = parts.length > 0 ? `collecting ${parts.join(', ')}` : '';
    const width = Math.max((stream.columns ?? 80) - 1, 20);
    stream.write(CLEAR_LINE + (line.length > width ? `${line.slice(0, width - 1)}…` : line));
  };

  return {
    update(task, detail) {
      active.set(task, detail);
      render();
    },
    done(task, status, note) {
      active.delete(task);
      stream.write(`${CLEAR_LINE}  ${task}: ${status}${note ? ` (${note})` : ''}\n`);
      render();
    },
    finish() {
      active.clear();
      stream.write(CLEAR_LINE);
    },
  };
}
