/** A seeded pseudo-random sequence (mulberry32): the same seed gives the same organisation. */
export class Random {
  private state: number;

  constructor(seed: number | string) {
    this.state =
      typeof seed === 'number'
        ? seed | 0
        : [...seed].reduce(
            (h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619),
            2166136261,
          );
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` distinct items (fewer if there are not enough). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    }
    return out;
  }

  /** One of the keys, with probability proportional to its weight; undefined for the remainder. */
  weighted<K extends string>(
    weights: Partial<Record<K, number>>,
  ): K | undefined {
    let roll = this.next();
    for (const [key, weight] of Object.entries(weights) as [K, number][]) {
      if (roll < weight) return key;
      roll -= weight;
    }
    return undefined;
  }
}
