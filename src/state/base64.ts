/**
 * Base64 (RFC 4648, with padding) for the binary sketches written into JSON reports. Written
 * here rather than taken from `Buffer` or `btoa`, so that the package's declarations and the
 * check layer need neither Node.js nor DOM types.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** The bytes as base64 text. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : "=";
    out += i + 2 < bytes.length ? ALPHABET[c & 63] : "=";
  }
  return out;
}

/** The bytes of base64 text; throws RangeError for text that is not base64. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new RangeError(`not base64: length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const quad = [0, 1, 2, 3].map((k) => {
      const ch = text.charCodeAt(i + k);
      if (text[i + k] === "=" && i + 4 === text.length && k >= 4 - padding) return 0;
      const v = ch < 128 ? VALUE[ch] : -1;
      if (v < 0) throw new RangeError(`not base64: unexpected character ${JSON.stringify(text[i + k])} at ${i + k}`);
      return v;
    });
    const word = (quad[0] << 18) | (quad[1] << 12) | (quad[2] << 6) | quad[3];
    if (at < out.length) out[at++] = word >> 16;
    if (at < out.length) out[at++] = (word >> 8) & 255;
    if (at < out.length) out[at++] = word & 255;
  }
  return out;
}
