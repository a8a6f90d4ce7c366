// What every human format says about a report's compliance section: the count of controls per
// status, and the words for a status. Renderers lay these out; the facts are said one way.
import type { ControlStatus, FrameworkResult } from './model.js';
import { CONTROL_STATUSES } from './model.js';

export const STATUS_LABEL: Record<ControlStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  manual: 'manual',
  'not-evaluated': 'not evaluated',
  'not-applicable': 'not applicable',
};

/** What an unattested manual control asks of the reader. */
export const MANUAL_NOTE =
  'no automated check yet: check it by hand, and attest it in the config (attestations)';

export function statusCounts(framework: FrameworkResult): Record<ControlStatus, number> {
  const counts = Object.fromEntries(CONTROL_STATUSES.map((status) => [status, 0])) as Record<
    ControlStatus,
    number
  >;
  for (const control of framework.controls) counts[control.status]++;
  return counts;
}

/** "27 controls: 5 pass, 14 fail, 6 manual, 2 not applicable" (statuses with no control left out). */
export function countsText(framework: FrameworkResult): string {
  const counts = statusCounts(framework);
  const parts = CONTROL_STATUSES.filter((status) => counts[status] > 0).map(
    (status) => `${counts[status]} ${STATUS_LABEL[status]}`,
  );
  return `${framework.controls.length} controls: ${parts.join(', ')}`;
}
