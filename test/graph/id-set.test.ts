// Conditional targets of edge groups and resolver answers are kept one bit each: they must answer
// as a Set would.
import { IdSet } from '../../src/graph/id-set.js';

describe('IdSet', () => {
  test.each([0, 31, 32, 33, 15_199])('holds node %i alone, across word boundaries', (id) => {
    const set = new IdSet();
    set.add(id);
    expect(set.has(id)).toBe(true);
    expect([id - 1, id + 1, id + 32].filter((other) => other >= 0 && set.has(other))).toEqual([]);
  });

  test('keeps what it held when it grows, and forgets what is deleted', () => {
    const set = new IdSet();
    set.add(3);
    set.add(40_000);
    set.delete(3);
    set.delete(99_999);
    set.add(40_000);
    expect([set.has(3), set.has(40_000), set.has(99_999), set.size]).toEqual([false, true, false, 1]);
  });
});
