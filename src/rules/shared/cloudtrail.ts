// What a CloudTrail trail records, judged from its event selectors: shared by the rules that need
// a trail recording every management event (the trail itself, and the alarms fed by its logs).
import type { Trail, TrailEventSelectors, TrailFieldSelector } from '../../snapshot/schema.js';

/**
 * Whether the selectors record every management event, reads and writes, from every source.
 * Classic: a selector including management events with ReadWriteType All and no excluded event
 * source. Advanced: a selector whose only field is eventCategory equal to Management; any other
 * field (readOnly, an eventSource exclusion) narrows it, so it does not count.
 */
export function recordsAllManagementEvents(selectors: TrailEventSelectors): boolean {
  const classic = selectors.classic.some(
    (selector) =>
      selector.includeManagementEvents &&
      selector.readWriteType === 'All' &&
      selector.excludeManagementEventSources.length === 0,
  );
  const advanced = selectors.advanced.some(
    ({ fieldSelectors }) => fieldSelectors.length === 1 && isManagementCategory(fieldSelectors[0]!),
  );
  return classic || advanced;
}

function isManagementCategory(field: TrailFieldSelector): boolean {
  const onlyEquals =
    field.notEquals.length +
      field.startsWith.length +
      field.notStartsWith.length +
      field.endsWith.length +
      field.notEndsWith.length ===
    0;
  return field.field === 'eventCategory' && onlyEquals && field.equals.includes('Management');
}

/**
 * What keeps a trail from recording the account's activity everywhere (single-region, stopped,
 * missing management events), or none; `unknown` when the answer depends on a
 * read that was refused.
 */
export function trailShortfall(trail: Trail): string[] | 'unknown' {
  const known = [
    ...(trail.multiRegion ? [] : ['single-region']),
    ...(trail.logging === false ? ['not logging'] : []),
    ...(trail.eventSelectors && !recordsAllManagementEvents(trail.eventSelectors)
      ? ['not every management event']
      : []),
  ];
  if (known.length > 0) return known;
  return trail.logging === null || trail.eventSelectors === null ? 'unknown' : [];
}

/** "cloudtrail:GetTrailStatus was not read (AccessDeniedException)", for a not-evaluated reason. */
export function unreadReads(trail: Trail): string {
  const reads = trail.unread.map(({ action, code }) => `${action} was not read (${code})`);
  return reads.join(' and ');
}
