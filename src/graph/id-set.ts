// A set of small non-negative integers (node ids, positions in a candidate list) as one bit each.
// Edge groups shared by thousands of principals and the resolver's answers hold millions of
// conditional targets at 15,000 principals: a Set entry costs more than ten times a bit per node
// of the account.
export class IdSet {
  private words = new Uint32Array(0);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    const word = id >>> 5;
    return word < this.words.length && (this.words[word]! & (1 << (id & 31))) !== 0;
  }

  add(id: number): void {
    if (this.has(id)) return;
    const word = id >>> 5;
    if (word >= this.words.length) {
      const grown = new Uint32Array(Math.max(word + 1, this.words.length * 2));
      grown.set(this.words);
      this.words = grown;
    }
    this.words[word]! |= 1 << (id & 31);
    this.count++;
  }

  delete(id: number): void {
    if (!this.has(id)) return;
    this.words[id >>> 5]! &= ~(1 << (id & 31));
    this.count--;
  }
}
