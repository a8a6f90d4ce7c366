// A shard of an organization's run: the accounts at positions K-1, K-1+N, ... of the account list
// sorted by id (`--shard K/N`). Collection picks its accounts, a `collect --org` directory records
// it, and a shard's report carries it so that `merge` can tell when one is missing: every layer
// names it, so it lives below them all.

/** Shard `index` of `count` (1-based) of an organization's accounts sorted by id: `--shard K/N`. */
export interface Shard {
  index: number;
  count: number;
}

const SHARD = /^(\d+)\/(\d+)$/;

/** "2/4" -> { index: 2, count: 4 }; undefined unless it is K/N with 1 <= K <= N. */
export function shardFromText(text: string): Shard | undefined {
  const match = SHARD.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** "2/4": a shard as --shard takes it. */
export function shardName({ index, count }: Shard): string {
  return `${index}/${count}`;
}
