import path from "node:path";
import type { Json } from "../model/model.ts";
import type { LiveSnapshot } from "../check/live-status.ts";
import type { CheckResult, StopReason } from "../check/result.ts";
import type { PropertyVerdict } from "../check/verdicts.ts";
import { collisionProbability } from "../state/fingerprint.ts";
import type { CheckJob, CheckPlan, Explored, Halt, StageHooks } from "./check-job.ts";
import { formatFault, toFault } from "./format-error.ts";
import type { GraphJob, GraphOutcome } from "./graph-job.ts";
import { graphStopped } from "./graph-output.ts";
import { ExitCode, type CliIO } from "./io.ts";
import type { Ending, ThreadMessage } from "./thread-messages.ts";

/**
 * What `check` reports once its supervised thread has ended: the thread's own result; else a
 * fault only the supervisor saw; else — the thread halted from outside — an incomplete search
 * with the counters it last published, every property undecided.
 */
export async function checkEnding(
  job: CheckJob,
  hooks: StageHooks,
  start: (onMessage: (m: ThreadMessage) => void, actionName: (index: number) => string | undefined) => Promise<Ending>,
): Promise<Explored> {
  let plan: CheckPlan | undefined;
  let searchStarted = Date.now();
  const ending = await start(
    (m) => {
      if (m.kind === "plan") {
        plan = m.plan;
        searchStarted = Date.now();
        hooks.onPlan?.(m.plan);
      } else if (m.kind === "import") hooks.onImport?.(m.url);
    },
    (i) => plan?.actions[i],
  );
  const subject = plan?.subject ?? { spec: null, file: path.relative(job.cwd, job.file) || job.file, params: {} };
  switch (ending.kind) {
    case "message":
      if (ending.message.kind !== "explored") throw new Error(`supervised check: unexpected ${ending.message.kind} message`);
      return ending.message.explored;
    case "fault":
      return { kind: "fault", fault: toFault(ending.error, job.file, job.cwd), subject };
    case "halted": {
      const { reason, snapshot } = ending;
      const inside = snapshot.phase === "explore" || snapshot.phase === "init" ? runningCode(snapshot, (i) => plan?.actions[i]) : undefined;
      const halt: Halt = { reason, phase: snapshot.phase, ...(inside !== undefined ? { inside } : {}) };
      if (!plan) return { kind: "halted", halt, subject };
      const verdicts = plan.properties.map(
        (p): PropertyVerdict<Json> => ({ property: p.name, kind: p.kind, ...(p.location ? { location: p.location } : {}), status: "unknown", expected: plan!.expect[p.name] ?? "holds" }),
      );
      return { kind: "checked", plan, outcome: { runs: [partialRun(plan, reason, snapshot, searchStarted)], verdicts }, halt };
    }
  }
}

/** The search a halted thread was running, as far as its published counters tell. */
function partialRun(plan: CheckPlan, reason: StopReason, s: LiveSnapshot, started: number): CheckResult<Json> {
  return {
    result: "incomplete",
    stoppedBy: reason,
    properties: plan.properties.map((p) => p.name),
    stats: {
      distinctStates: s.distinctStates,
      statesGenerated: s.statesGenerated,
      depth: s.depth,
      durationMs: Date.now() - started,
      queue: s.queue,
      fingerprintCollisionProbability: collisionProbability(s.distinctStates),
    },
  };
}

/** `graph`'s outcome once its supervised thread has ended. */
export function graphEnding(ending: Ending, job: GraphJob, io: CliIO): GraphOutcome {
  switch (ending.kind) {
    case "message":
      if (ending.message.kind !== "graphed") throw new Error(`supervised graph: unexpected ${ending.message.kind} message`);
      return ending.message.outcome;
    case "fault":
      io.stderr(`${formatFault(toFault(ending.error, job.file, job.cwd))}\n`);
      return { kind: "exit", code: ExitCode.specError };
    case "halted":
      io.stderr(graphStopped(ending.reason));
      return { kind: "exit", code: ExitCode.incomplete };
  }
}

/** The spec code a search is running, as the status publishes it: `invariant "safe"`, `action "inc"`, or undefined. */
export function runningCode(s: LiveSnapshot, actionName: (index: number) => string | undefined): string | undefined {
  if (s.inside !== undefined) return s.inside;
  const action = s.action >= 0 ? actionName(s.action) : undefined;
  return action === undefined ? undefined : `action "${action}"`;
}
