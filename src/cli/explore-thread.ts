import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { displayPath, locateSpec, withLocations } from "../analysis/source-locations.ts";
import { explorerView } from "../export/explorer-page.ts";
import { ExploreSession } from "../graph/explore-session.ts";
import type { Json } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import type { ExploreJob, ExploreReply, ExploreRequest, ExploreThreadMessage } from "./explore-job.ts";
import { formatSpecError } from "./format-error.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { loadModel, type LoadedModel } from "./load-model.ts";
import { UsageError } from "./usage-error.ts";
import { readSavedTrace } from "./saved-trace.ts";
import "./thread-guard.ts";

/**
 * The thread side of `explore`: it loads the spec once and keeps one exploration session per
 * browser tab (by the session id the page carries), answering the server's requests one at a
 * time. The spec's code runs only here, so an action that never returns blocks this thread,
 * never the server, which ends it and starts another (see explore-host.ts).
 */
const port = parentPort!;
const job = workerData as ExploreJob;
const post = (message: ExploreThreadMessage) => port.postMessage(message);

/** One tab's session, with the saved trace it follows. */
interface Tab<S> {
  readonly session: ExploreSession<S>;
  followed: { source: string; diverged: number | null } | null;
}

// A spec's stray asynchronous error (a rejected promise nobody awaits, a throwing timer) must not
// end the thread under the page: it is said on the server's stderr, and exploring goes on.
const onAsync = (reason: unknown) => post({ kind: "note", text: `warning: the spec's code raised an error outside any request: ${reason instanceof Error ? reason.message : String(reason)}\n` });
process.on("unhandledRejection", onAsync);
process.on("uncaughtException", onAsync);

const io: CliIO = { stdout: () => {}, stderr: () => {}, cwd: job.cwd };
try {
  const file = path.resolve(job.cwd, job.file);
  const loaded = await loadModel(file, { exportName: job.spec, set: job.set, typecheck: job.typecheck, cwd: job.cwd });
  serve(loaded, file);
} catch (e) {
  if (isSpecError(e)) post({ kind: "failed", code: ExitCode.specError, text: `${formatSpecError(e.details.file ? e : e.with({ file: job.file }), job.file, job.cwd)}\n` });
  else if (e instanceof UsageError) post({ kind: "failed", code: ExitCode.usage, text: `error: ${e.message}\n` });
  else throw e;
}

function serve<S>(loaded: LoadedModel<S>, file: string): void {
  const model = withLocations(loaded.model, locateSpec(file, loaded.spec.name, displayPath(file, io.cwd)));
  const saved = job.trace === undefined ? undefined : readSavedTrace(job.trace, io.cwd, { spec: loaded.spec, model, params: loaded.params });
  const subject = { spec: model.name, file: path.relative(io.cwd, file) || file, params: loaded.params as { readonly [name: string]: Json } };
  const follow = (session: ExploreSession<S>) => {
    if (!saved) return null;
    const { diverged } = session.follow(saved);
    if (diverged === 0) session.start(0);
    return { source: job.trace!, diverged: diverged ?? null };
  };
  const tabs = new Map<string, Tab<S>>();
  const tab = (id: string): Tab<S> => {
    let t = tabs.get(id);
    if (!t) {
      const session = new ExploreSession(model);
      const followed = follow(session);
      if (!followed) session.start(0);
      tabs.set(id, (t = { session, followed }));
    }
    return t;
  };
  const first = tab("");
  tabs.delete("");
  post({ kind: "ready", spec: subject.spec, file: subject.file, followed: first.followed });
  port.on("message", (request: ExploreRequest) => post({ kind: "reply", id: request.id, ...answer(request, tab(request.session)) }));

  function answer(request: ExploreRequest, t: Tab<S>): Omit<ExploreReply, "kind" | "id"> {
    const { session } = t;
    try {
      switch (request.op) {
        case "view":
          break;
        case "start":
          session.start(request.index);
          break;
        case "choose":
          session.choose(request.index);
          break;
        case "jump":
          session.jump(request.index);
          break;
        case "follow":
          t.followed = follow(session);
          break;
        default:
          return { status: 404, body: { error: `no such request: ${String((request as { op: unknown }).op)}` } };
      }
      return { status: 200, body: explorerView(session, subject, t.followed) };
    } catch (e) {
      const message = isSpecError(e) ? formatSpecError(e, job.file, job.cwd) : e instanceof Error ? e.message : String(e);
      return { status: e instanceof RangeError ? 400 : 500, body: { error: message } };
    }
  }
}
