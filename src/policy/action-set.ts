// A set of IAM actions as a bitset over the action catalogue's indices. Effective permissions are
// unions, intersections and differences of such sets, and the catalogue has ~22,000 actions, so a
// set is ~700 32-bit words: combining a principal's policies costs a few thousand word operations
// instead of walking action names, which keeps 15,000 principals within the benchmark.
//
// Actions of one service have consecutive indices, so most sets (`s3:Get*`, `logs:*`) occupy a
// short run of words. Each set tracks the span of words that may be non-zero, and operations only
// visit that span: adding `s3:GetObject` to a policy's aggregate touches one word, not 700.

export class ActionSet {
  /** Words outside [lo, hi) are zero; a set created empty has lo = words.length, hi = 0. */
  private lo: number;
  private hi: number;

  private constructor(
    /** Number of actions in the universe the set is drawn from. */
    readonly size: number,
    private readonly words: Uint32Array,
    lo: number,
    hi: number,
  ) {
    this.lo = lo;
    this.hi = hi;
  }

  static empty(size: number): ActionSet {
    const length = Math.ceil(size / 32);
    return new ActionSet(size, new Uint32Array(length), length, 0);
  }

  static full(size: number): ActionSet {
    const set = ActionSet.empty(size);
    set.words.fill(0xffffffff);
    set.lo = 0;
    set.hi = set.words.length;
    set.clearBeyondSize();
    return set;
  }

  static of(size: number, indices: Iterable<number>): ActionSet {
    const set = ActionSet.empty(size);
    for (const index of indices) set.add(index);
    return set;
  }

  has(index: number): boolean {
    return (this.words[index >>> 5]! & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    const word = index >>> 5;
    this.words[word]! |= 1 << (index & 31);
    this.widen(word, word + 1);
  }

  /** Empties the set in place; returns this. */
  clear(): this {
    if (this.lo < this.hi) this.words.fill(0, this.lo, this.hi);
    this.lo = this.words.length;
    this.hi = 0;
    return this;
  }

  clone(): ActionSet {
    return new ActionSet(this.size, this.words.slice(), this.lo, this.hi);
  }

  /** Everything in the universe that is not in this set (what a NotAction grants). */
  complement(): ActionSet {
    const out = this.clone();
    for (let i = 0; i < out.words.length; i++) out.words[i] = ~out.words[i]!;
    out.lo = 0;
    out.hi = out.words.length;
    out.clearBeyondSize();
    return out;
  }

  /** this ∪= other; returns this. */
  unionWith(other: ActionSet): this {
    for (let i = other.lo; i < other.hi; i++) this.words[i]! |= other.words[i]!;
    if (other.lo < other.hi) this.widen(other.lo, other.hi);
    return this;
  }

  /** this ∩= other; returns this. */
  intersectWith(other: ActionSet): this {
    for (let i = this.lo; i < this.hi; i++) this.words[i]! &= other.words[i]!;
    return this;
  }

  /** this \= other; returns this. */
  subtract(other: ActionSet): this {
    const lo = Math.max(this.lo, other.lo);
    const hi = Math.min(this.hi, other.hi);
    for (let i = lo; i < hi; i++) this.words[i]! &= ~other.words[i]!;
    return this;
  }

  /** other ⊆ this */
  containsAll(other: ActionSet): boolean {
    for (let i = other.lo; i < other.hi; i++) {
      if ((other.words[i]! & ~this.words[i]!) !== 0) return false;
    }
    return true;
  }

  intersects(other: ActionSet): boolean {
    const lo = Math.max(this.lo, other.lo);
    const hi = Math.min(this.hi, other.hi);
    for (let i = lo; i < hi; i++) {
      if ((other.words[i]! & this.words[i]!) !== 0) return true;
    }
    return false;
  }

  isEmpty(): boolean {
    for (let i = this.lo; i < this.hi; i++) if (this.words[i] !== 0) return false;
    return true;
  }

  /** Member indices, ascending. */
  toArray(): number[] {
    const out: number[] = [];
    for (let w = this.lo; w < this.hi; w++) {
      let word = this.words[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word & -word);
        out.push(w * 32 + bit);
        word &= word - 1;
      }
    }
    return out;
  }

  private widen(lo: number, hi: number): void {
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
  }

  private clearBeyondSize(): void {
    const spare = this.words.length * 32 - this.size;
    if (spare > 0) this.words[this.words.length - 1]! &= 0xffffffff >>> spare;
  }
}

/**
 * The actions a statement names, kept as the shared expansions of its entries rather than as one
 * new set: thousands of statements repeat the same entries (`s3:GetObject`, `logs:*`), so this
 * costs a few references per statement instead of ~2.8 KB.
 */
export class ActionUnion {
  constructor(readonly parts: readonly ActionSet[]) {}

  has(index: number): boolean {
    for (const part of this.parts) if (part.has(index)) return true;
    return false;
  }

  intersects(set: ActionSet): boolean {
    return this.parts.some((part) => part.intersects(set));
  }

  /** set ⊆ this */
  containsAll(set: ActionSet): boolean {
    if (this.parts.some((part) => part.containsAll(set))) return true;
    return this.parts.length > 1 && this.addTo(ActionSet.empty(set.size)).containsAll(set);
  }

  /** target ∪= this; returns target. */
  addTo(target: ActionSet): ActionSet {
    for (const part of this.parts) target.unionWith(part);
    return target;
  }
}
