import { expect } from "vitest";
import { isSpecError } from "interleave-spec";

/** The memory an enabled operation returned (fails the test when it waits: false). */
export const ok = <T>(m: T | false): T => {
  if (m === false) throw new Error("operation not enabled");
  return m;
};

/** The message of the SpecError `f` throws ("no error" if it throws none). */
export const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(isSpecError(e)).toBe(true);
    return (e as Error).message;
  }
  return "no error";
};
