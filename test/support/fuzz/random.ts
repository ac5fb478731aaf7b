// A small seeded PRNG (mulberry32): every fuzz case is a pure function of (seed, case index).

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator of one case, independent of how many numbers earlier cases drew. */
  static forCase(seed: number, index: number): Random {
    return new Random(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)];
  }

  /** `length` characters drawn from `charset`. */
  string(charset: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += charset[this.int(0, charset.length - 1)];
    return out;
  }
}

/** FUZZ_SEED when set (decimal or 0x…), else a fresh random seed. */
export function seedFromEnvironment(value = process.env.FUZZ_SEED): number {
  if (value !== undefined && value.trim() !== "") {
    const parsed = Number(value.trim());
    if (!Number.isInteger(parsed)) throw new Error(`FUZZ_SEED must be an integer, got "${value}"`);
    return parsed >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}
