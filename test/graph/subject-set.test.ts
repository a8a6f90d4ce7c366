// The subjects of a method (allowedOnAll) answer as the Map<number, boolean> they replace did:
// membership, conditionality and order are what the edges and their proofs are built from.
import { SubjectSet } from '../../src/graph/subject-set.js';

describe('SubjectSet', () => {
  const conditional = new Set([40, 3]);
  const subjects = new SubjectSet(Int32Array.from([40, 7, 3, 1_000]), (node) => conditional.has(node));

  test('keeps the order it was given, each subject with its conditionality', () => {
    expect([...subjects]).toEqual([
      [40, true],
      [7, false],
      [3, true],
      [1_000, false],
    ]);
    expect(subjects.size).toBe(4);
  });

  test.each([
    [40, true],
    [7, false],
    [1_000, false],
    [8, undefined],
    [0, undefined],
    [5_000, undefined],
  ])('node %i is conditional: %p (undefined when not a subject)', (node, expected) => {
    expect(subjects.conditionalOf(node)).toBe(expected);
  });

  test('an empty set holds nothing', () => {
    const none = new SubjectSet(new Int32Array(0), () => true);
    expect([none.size, none.conditionalOf(0), [...none]]).toEqual([0, undefined, []]);
  });
});
