import fc from 'fast-check';
import { ActionSet, ActionUnion } from '../../src/policy/action-set.js';

// A universe that is not a multiple of 32, so the last word's spare bits matter.
const SIZE = 1000;
const indices = fc.array(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: 60 });
const members = (set: ActionSet) => set.toArray();
const sorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

describe('ActionSet behaves like a set of indices', () => {
  test('union, intersection and difference match plain sets', () => {
    fc.assert(
      fc.property(indices, indices, (a, b) => {
        const left = ActionSet.of(SIZE, a);
        const right = ActionSet.of(SIZE, b);
        expect(members(left.clone().unionWith(right))).toEqual(sorted([...a, ...b]));
        expect(members(left.clone().intersectWith(right))).toEqual(sorted(a.filter((x) => b.includes(x))));
        expect(members(left.clone().subtract(right))).toEqual(sorted(a.filter((x) => !b.includes(x))));
        expect(left.containsAll(right)).toBe(b.every((x) => a.includes(x)));
        expect(left.intersects(right)).toBe(b.some((x) => a.includes(x)));
        expect(left.isEmpty()).toBe(a.length === 0);
        expect(members(left)).toHaveLength(new Set(a).size);
      }),
    );
  });

  test('the complement holds exactly the other indices of the universe', () => {
    fc.assert(
      fc.property(indices, (a) => {
        const complement = ActionSet.of(SIZE, a).complement();
        expect(members(complement)).toHaveLength(SIZE - new Set(a).size);
        for (const x of a) expect(complement.has(x)).toBe(false);
        expect(complement.has(SIZE - 1)).toBe(!a.includes(SIZE - 1));
      }),
    );
  });

  test('a full set has every index and nothing beyond the universe', () => {
    const full = ActionSet.full(SIZE);
    expect(members(full)).toHaveLength(SIZE);
    expect(full.containsAll(ActionSet.of(SIZE, [0, 499, SIZE - 1]))).toBe(true);
  });

  test('clear empties a set that is then reusable', () => {
    const set = ActionSet.of(SIZE, [3, 700]);
    set.clear();
    expect(set.isEmpty()).toBe(true);
    set.unionWith(ActionSet.of(SIZE, [5]));
    expect(members(set)).toEqual([5]);
  });

  test('a set grown from far-apart indices keeps them all through later operations', () => {
    const set = ActionSet.of(SIZE, [990]);
    set.unionWith(ActionSet.of(SIZE, [1]));
    expect(members(set.clone().intersectWith(ActionSet.of(SIZE, [1, 990])))).toEqual([1, 990]);
  });
});

describe('ActionUnion', () => {
  test('answers membership and overlap for the union of its parts', () => {
    const union = new ActionUnion([ActionSet.of(SIZE, [1, 2]), ActionSet.of(SIZE, [900])]);
    expect([1, 2, 900, 3].map((x) => union.has(x))).toEqual([true, true, true, false]);
    expect(union.intersects(ActionSet.of(SIZE, [900]))).toBe(true);
    expect(union.intersects(ActionSet.of(SIZE, [3]))).toBe(false);
    expect(members(union.addTo(ActionSet.empty(SIZE)))).toEqual([1, 2, 900]);
    expect(union.containsAll(ActionSet.of(SIZE, [2, 900]))).toBe(true);
    expect(union.containsAll(ActionSet.of(SIZE, [2, 3]))).toBe(false);
  });
});
