// Small helpers for readable messages: findings, warnings and error lines.

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
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "a; b; c; and 2 more": an error line names a few of the items, never hundreds. */
export function someOf(items: readonly string[], shown = 3): string {
  const more = items.length > shown ? `; and ${items.length - shown} more` : '';
  return `${items.slice(0, shown).join('; ')}${more}`;
}
