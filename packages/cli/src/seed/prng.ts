// A small seeded PRNG (sfc32, seeded through cyrb128) so that one seed always gives the same data set. Streams are
// forked by label: each phase of the generator draws from its own stream, so adding messages, say, does not move
// a single contact. Never Math.random.

/** cyrb128: four 32-bit words from a string. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** murmur3's finaliser: a bijection on 32-bit integers that scatters nearby inputs. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A version-4-shaped UUID from four 32-bit words. */
export function uuidFromWords(a: number, b: number, c: number, d: number): string {
  const w1 = hex8(b);
  const w2 = hex8(c);
  const version = `4${w1.slice(5, 8)}`;
  const variant = `${((c >>> 28) & 0x3 | 0x8).toString(16)}${w2.slice(1, 4)}`;
  return `${hex8(a)}-${w1.slice(0, 4)}-${version}-${variant}-${w2.slice(4, 8)}${hex8(d)}`;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly label: string) {
    [this.a, this.b, this.c, this.d] = hash128(label);
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** An independent stream for `name`, the same for the same seed whatever was drawn from this one. */
  fork(name: string): Rng {
    return new Rng(`${this.label}/${name}`);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Integer in [lo, hi] with log-uniform density: many small values, few large ones. */
  logInt(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    const x = Math.exp(Math.log(lo) + this.next() * (Math.log(hi + 1) - Math.log(lo)));
    return Math.min(hi, Math.floor(x));
  }

  uuid(): string {
    return uuidFromWords(this.u32(), this.u32(), this.u32(), this.u32());
  }

  /** In-place Fisher–Yates. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** `k` distinct integers of [0, n), ascending (Floyd's algorithm: O(k) draws, O(k) memory). */
  sample(k: number, n: number): number[] {
    if (k > n) throw new RangeError(`cannot draw ${k} distinct values from ${n}`);
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = this.int(0, j);
      chosen.add(chosen.has(t) ? j : t);
    }
    return [...chosen].sort((x, y) => x - y);
  }
}

/**
 * Ids computed from an index rather than stored: a million contacts need no array of a million strings. The first
 * word is a bijection of the index, so ids never collide within one key.
 */
export class IndexedIds {
  private readonly key: [number, number, number, number];

  constructor(label: string) {
    this.key = hash128(label);
  }

  id(index: number): string {
    const [k0, k1, k2, k3] = this.key;
    return uuidFromWords(fmix32(index ^ k0), fmix32(index + k1), fmix32(index ^ k2 ^ 0x9e3779b9), fmix32((index * 31) ^ k3));
  }
}
