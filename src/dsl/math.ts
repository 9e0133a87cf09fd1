/**
 * TLA+'s integer division operators, which are floored: `mod(-1, 6) === 5` (JavaScript's
 * `%` gives -1) and `div(-1, 6) === -1`.
 */
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** TLA+'s `\div`: floored integer division. */
export function div(a: number, b: number): number {
  return Math.floor(a / b);
}
