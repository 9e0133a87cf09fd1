import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../src/state/base64.ts";
import { fingerprint, fp } from "../../src/state/fingerprint.ts";
import { HyperLogLog } from "../../src/state/hll.ts";

/** Adds the fingerprints of the one-slot vectors [from .. to). */
function addRange(sketch: HyperLogLog, from: number, to: number): void {
  const v = new Int32Array(1);
  for (let i = from; i < to; i++) {
    v[0] = i;
    fingerprint(v, 0, 1);
    sketch.add(fp[0], fp[1]);
  }
}

describe("HyperLogLog", () => {
  it("estimates 0 when empty and counts tiny sets almost exactly", () => {
    const h = new HyperLogLog();
    expect(h.estimate()).toBe(0);
    addRange(h, 0, 10);
    expect(Math.round(h.estimate())).toBe(10);
  });

  it.each([1_000, 50_000, 400_000])("estimates %i distinct hashes within three standard errors", (n) => {
    const h = new HyperLogLog(12);
    addRange(h, 0, n);
    addRange(h, 0, n); // duplicates change nothing
    expect(Math.abs(h.estimate() - n) / n).toBeLessThan(3 * h.relativeError);
  });

  it("merges into the sketch of the union, whatever the overlap", () => {
    const a = new HyperLogLog(10);
    const b = new HyperLogLog(10);
    const union = new HyperLogLog(10);
    addRange(a, 0, 6_000);
    addRange(b, 4_000, 9_000);
    addRange(union, 0, 9_000);
    a.merge(b);
    expect(a.registers).toEqual(union.registers);
    expect(() => a.merge(new HyperLogLog(11))).toThrow(/precision 10 and 11/);
  });

  it("round-trips through base64, and refuses text that is not a sketch", () => {
    const h = new HyperLogLog(8);
    addRange(h, 0, 700);
    const back = HyperLogLog.fromBase64(h.toBase64());
    expect(back.precision).toBe(8);
    expect(back.estimate()).toBe(h.estimate());
    expect(() => HyperLogLog.fromBase64(toBase64(new Uint8Array([8, 1, 2])))).toThrow(/not a HyperLogLog sketch/);
  });
});

describe("base64", () => {
  it("round-trips any bytes and matches Node's encoding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
  });

  it("refuses text that is not base64", () => {
    expect(() => fromBase64("abc")).toThrow(/multiple of 4/);
    expect(() => fromBase64("ab!d")).toThrow(/unexpected character "!"/);
  });
});
