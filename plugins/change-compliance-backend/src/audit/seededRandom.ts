import { createHash } from 'node:crypto';

/**
 * The random numbers behind a sample draw. An auditor must be able to draw the same sample again
 * from the same seed, on SQLite or PostgreSQL, after a restart or on another replica, so nothing
 * here may depend on the platform: the generator is xoshiro128** (Blackman and Vigna, 2018; the
 * reference code is at prng.di.unimi.it), whose state is four 32-bit words, seeded with the first
 * 16 bytes of the SHA-256 of the seed string (UTF-8). Any string is a seed, and two seeds that
 * differ anywhere give unrelated sequences.
 */
export class SeededRandom {
  private readonly state: Uint32Array;

  /** A generator whose state is exactly these four words, as the reference code takes them. */
  static fromState(words: [number, number, number, number]): SeededRandom {
    return new SeededRandom(Uint32Array.from(words));
  }

  static fromSeed(seed: string): SeededRandom {
    const digest = createHash('sha256').update(seed, 'utf8').digest();
    const words = [0, 4, 8, 12].map(offset => digest.readUInt32BE(offset));
    // The all-zero state is the generator's one fixed point; SHA-256 never yields it in practice,
    // but a draw must not hang on the day it does.
    if (!words.some(word => word !== 0)) words[0] = 1;
    return new SeededRandom(Uint32Array.from(words));
  }

  private constructor(state: Uint32Array) {
    this.state = state;
  }

  /** The next 32-bit output, as the reference `next()` returns it. */
  nextUint32(): number {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /**
   * A uniform integer in [0, bound). Outputs past the largest multiple of `bound` are drawn again
   * rather than folded with `%`, which would favour the low numbers.
   */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
      throw new RangeError(
        `bound must be an integer in [1, 2^32], got ${bound}`,
      );
    }
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const value = this.nextUint32();
      if (value < limit) return value % bound;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
