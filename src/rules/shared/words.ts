// Small helpers for readable finding messages.

function joinList(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  return joinList(items, 'and');
}

/** "a", "a or b", "a, b or c". */
export function joinWithOr(items: readonly string[]): string {
  return joinList(items, 'or');
}

/** "1 day", "2 days"; pass the plural for irregular nouns ("1 policy", "2 policies"). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
