import { isSpecError, type SpecError } from "interleave-spec";

/** The SpecError `run` throws (or rejects with); fails the test for anything else. */
export async function specError(run: () => Promise<unknown> | unknown): Promise<SpecError> {
  try {
    await run();
  } catch (e) {
    if (isSpecError(e)) return e;
    throw e;
  }
  throw new Error("expected a SpecError");
}
