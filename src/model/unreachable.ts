/** Exhaustiveness guard for `switch` over `kind` unions. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
