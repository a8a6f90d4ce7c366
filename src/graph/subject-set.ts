// The subjects a principal may act on for one method (which roles it may pass, which users' keys
// it may create): node ids in the order they were allowed, whether each is held, and whether only
// under conditions. Thousands of such answers are shared by the principals that give them, 9
// million subjects at 15,000 principals: an Int32Array and two bitsets instead of a
// Map<number, boolean> take a tenth of the memory and no garbage collection per entry.
import { IdSet } from './id-set.js';

export class SubjectSet implements Iterable<[number, boolean]> {
  private readonly members = new IdSet();
  private readonly conditionalOnes = new IdSet();

  /** `nodes` are distinct; `isConditional` tells which of them are allowed only under conditions. */
  constructor(
    readonly nodes: Int32Array,
    isConditional: (node: number) => boolean,
  ) {
    for (const node of nodes) {
      this.members.add(node);
      if (isConditional(node)) this.conditionalOnes.add(node);
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Whether the subject is allowed only under conditions; undefined when it is not a subject. */
  conditionalOf(node: number): boolean | undefined {
    return this.members.has(node) ? this.conditionalOnes.has(node) : undefined;
  }

  /** Each subject with its conditionality, in order. */
  *[Symbol.iterator](): Iterator<[number, boolean]> {
    for (const node of this.nodes) yield [node, this.conditionalOnes.has(node)];
  }
}
