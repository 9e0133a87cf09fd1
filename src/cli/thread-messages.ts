import type { SpecError, WireSpecError } from "../model/spec-error.ts";
import type { LiveSnapshot } from "../check/live-status.ts";
import type { StopReason } from "../check/result.ts";
import type { CheckJob, CheckPlan, Explored } from "./check-job.ts";
import type { GraphJob, GraphOutcome } from "./graph-job.ts";

/** What a supervised thread is asked to run: the stages of `check`, or all of `graph`. */
export type SupervisedTask =
  | { readonly kind: "check"; readonly job: CheckJob; readonly reportImports: boolean }
  | { readonly kind: "graph"; readonly job: GraphJob };

/** What a supervised thread tells the supervisor (see supervised-thread.ts). */
export type ThreadMessage =
  | { readonly kind: "stdout" | "stderr"; readonly text: string }
  /** The spec is compiled; the search begins. */
  | { readonly kind: "plan"; readonly plan: CheckPlan }
  | { readonly kind: "import"; readonly url: string }
  /** The last message: what `check`'s stages produced. */
  | { readonly kind: "explored"; readonly explored: Explored }
  /** The last message: `graph`'s DOT, or its exit code. */
  | { readonly kind: "graphed"; readonly outcome: GraphOutcome }
  /** The last message: an allocation failed (the memory guard's job): report the counters. */
  | { readonly kind: "memory" }
  /** The last message: a spec fault outside the stages (a rejected promise, a caught `exit()`). */
  | { readonly kind: "fault"; readonly error: WireSpecError }
  /** The last message: an error in interleave itself. */
  | { readonly kind: "crash"; readonly error: { readonly name: string; readonly message: string; readonly stack?: string } };

/**
 * How a supervised thread ended: with its last message; halted from outside (a stop request
 * not honoured in time, the heap limit); or by a fault only the supervisor sees (the thread
 * exited, its top-level await never settled, loading took too long). `snapshot` is the status
 * the thread last published.
 */
export type Ending =
  | { readonly kind: "message"; readonly message: Extract<ThreadMessage, { kind: "explored" | "graphed" }>; readonly snapshot: LiveSnapshot }
  | { readonly kind: "halted"; readonly reason: StopReason; readonly snapshot: LiveSnapshot }
  /** `reusable`: the thread reported the fault itself and can take another task. */
  | { readonly kind: "fault"; readonly error: SpecError; readonly snapshot: LiveSnapshot; readonly reusable?: boolean };
