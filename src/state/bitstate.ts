/**
 * SPIN's bitstate hashing (supertrace): a visited set that is a bit array with `k` hash
 * functions, a Bloom filter, instead of an exact table. A state is taken as seen when its `k`
 * bits are all set, so a new state may wrongly be taken as seen — and then is neither judged
 * nor counted — with probability `(fill)^k`. Memory stays `bytes`, however many states there
 * are: a search that would not fit exactly still covers most of the space, with the expected
 * coverage reported, never a proof.
 *
 * The `k` bit positions come from the state's 64-bit fingerprint by double hashing
 * (`a + i·b mod m`), both halves remixed with `salt`: swarm shards with different salts lose
 * different states.
 */
export class BitstateSet {
  /** Number of bits. */
  readonly bits: number;
  private readonly words: Uint32Array;
  private set = 0;
  private count = 0;
  private lostEstimate = 0;

  constructor(
    readonly bytes: number,
    readonly hashes = 3,
    readonly salt = 0,
  ) {
    if (!Number.isInteger(bytes) || bytes < 8 || bytes > MAX_BITSTATE_BYTES) {
      throw new RangeError(`bitstate size must be an integer number of bytes in 8..${MAX_BITSTATE_BYTES}, got ${bytes}`);
    }
    if (!Number.isInteger(hashes) || hashes < 1 || hashes > 16) throw new RangeError(`bitstate hash functions must be 1..16, got ${hashes}`);
    this.words = new Uint32Array(Math.floor(bytes / 4));
    this.bits = this.words.length * 32;
  }

  /** States taken as new (each got an id, in order). */
  get size(): number {
    return this.count;
  }

  /** Bits set so far. */
  get bitsSet(): number {
    return this.set;
  }

  /**
   * Takes the state with fingerprint `(hi, lo)` as new (sets its bits; returns its id, the
   * number of states taken as new before it) unless all its bits are set already (returns -1:
   * seen, or wrongly taken as seen). `parent` is not kept (the pipeline's `Visited` contract).
   */
  insert(hi: number, lo: number, _parent?: number): number {
    const m = this.bits;
    const h1 = mix((hi ^ Math.imul(this.salt, 0x9e3779b1)) >>> 0);
    const h2 = mix((lo + Math.imul(this.salt ^ 0x5bd1e995, 0x85ebca6b)) >>> 0);
    const h3 = mix((h1 ^ lo) >>> 0);
    const a = (h1 * 2 ** 21 + (h3 >>> 11)) % m;
    const b = ((h2 * 2 ** 21 + (h3 & 0x7ff)) % m) | 1;
    let fresh = false;
    let at = a;
    for (let i = 0; i < this.hashes; i++) {
      const word = Math.floor(at / 32);
      const bit = 1 << at % 32;
      if ((this.words[word] & bit) === 0) {
        this.words[word] |= bit;
        this.set++;
        fresh = true;
      }
      at = (at + b) % m;
    }
    if (!fresh) return -1;
    // Each state taken as new stands for 1 / (1 − p) new states met, p = the chance that a new
    // state finds its bits set already, at this fill.
    const p = (this.set / m) ** this.hashes;
    this.lostEstimate += p / (1 - p);
    return this.count++;
  }

  /** The probability that a new state met now is wrongly taken as seen: `(bits set / bits)^k`. */
  get omissionProbability(): number {
    return (this.set / this.bits) ** this.hashes;
  }

  /**
   * The expected share of the distinct states met that were taken as new (judged, counted):
   * states taken as new over those plus the expected number wrongly taken as seen.
   */
  get expectedCoverage(): number {
    return this.count === 0 ? 1 : this.count / (this.count + this.lostEstimate);
  }
}

/** The largest bit array `BitstateSet` takes (1 GiB). */
export const MAX_BITSTATE_BYTES = 2 ** 30;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
