import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { displayPath, locateSpec, withLocations } from "../analysis/source-locations.ts";
import { explorerPage, explorerView } from "../export/explorer-page.ts";
import { ExploreSession } from "../graph/explore-session.ts";
import type { Json } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import { formatSpecError } from "./format-error.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { loadModel, type LoadedModel } from "./load-model.ts";
import { UsageError } from "./usage-error.ts";
import { readSavedTrace } from "./saved-trace.ts";

import type { ExploreFlags } from "./explore-command.ts";

/**
 * `interleave explore` once its command line is parsed: loads the spec, serves the explorer
 * page until Ctrl-C; returns the exit code.
 */
export async function runExplore(fileArg: string, flags: ExploreFlags, io: CliIO): Promise<number> {
  return loadExplorer(fileArg, flags, io, (explorer) => {
    if (explorer.followed && explorer.followed.diverged !== null) {
      io.stderr(`--trace ${flags.trace}: step ${explorer.followed.diverged} of the saved trace is not a step of this spec (with these parameters); following it up to there\n`);
    }
    return serve(explorer, flags.port, io);
  });
}

/** What the server works on: the session, what the page says about the spec, and the saved trace being followed. */
interface Explorer<S> {
  readonly session: ExploreSession<S>;
  readonly subject: { readonly spec: string; readonly file: string; readonly params: { readonly [name: string]: Json } };
  /** Restarts the session on the saved trace (null without --trace). */
  readonly follow: () => { source: string; diverged: number | null } | null;
  followed: { source: string; diverged: number | null } | null;
}

/** Loads the spec and the saved trace, starts the session (on the trace's last step, or at the first initial state), and hands it to `then`. */
async function loadExplorer(fileArg: string, flags: ExploreFlags, io: CliIO, then: <S>(explorer: Explorer<S>) => Promise<number>): Promise<number> {
  const file = path.resolve(io.cwd, fileArg);
  let explorer;
  try {
    explorer = startExplorer(await loadModel(file, { exportName: flags.spec, set: flags.set, typecheck: flags.typecheck, cwd: io.cwd }), file, flags, io);
  } catch (e) {
    if (isSpecError(e)) {
      io.stderr(`${formatSpecError(e.details.file ? e : e.with({ file }), file, io.cwd)}\n`);
      return ExitCode.specError;
    }
    throw e;
  }
  return then(explorer);
}

/** The session on the loaded model (typed by its states), with source locations and the saved trace. */
function startExplorer<S>(loaded: LoadedModel<S>, file: string, flags: ExploreFlags, io: CliIO): Explorer<S> {
  const model = withLocations(loaded.model, locateSpec(file, loaded.spec.name, displayPath(file, io.cwd)));
  const session = new ExploreSession(model);
  const saved = flags.trace === undefined ? undefined : readSavedTrace(flags.trace, io.cwd, { spec: loaded.spec, model, params: loaded.params });
  const follow = (): { source: string; diverged: number | null } | null => {
    if (!saved) return null;
    const { diverged } = session.follow(saved);
    if (diverged === 0) session.start(0);
    return { source: flags.trace!, diverged: diverged ?? null };
  };
  const followed = follow();
  if (!followed) session.start(0);
  return { session, subject: { spec: model.name, file: path.relative(io.cwd, file) || file, params: loaded.params }, follow, followed };
}

/** Serves the page and its requests on 127.0.0.1 until the signal (Ctrl-C) aborts; exit code 0. */
async function serve<S>(explorer: Explorer<S>, port: number, io: CliIO): Promise<number> {
  const server = createServer();
  const address = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    });
  }).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`--port ${port}: cannot listen on 127.0.0.1 (${e.code ?? e.message})`);
  });
  const origin = `http://127.0.0.1:${address}`;
  const page = explorerPage(explorer.subject.spec);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => void handle(explorer, page, origin, req, res));
  io.stdout(`interleave explore ${explorer.subject.file} — spec "${explorer.subject.spec}"\n  ${origin}/   (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  io.stdout("explorer stopped\n");
  return ExitCode.ok;
}

/**
 * One request: `GET /` the page; `GET /api/view` the view; `POST /api/start|choose|jump|follow`
 * with `{ "index": n }` a change, answered with the new view. A bad index is 400 with
 * `{ error }`; a request not addressed to this server (another Host) is refused (403).
 */
async function handle<S>(explorer: Explorer<S>, page: string, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.headers.host !== origin.slice("http://".length)) return send(res, 403, "text/plain", "forbidden: unexpected Host header\n");
  const url = new URL(req.url ?? "/", origin);
  if (req.method === "GET" && url.pathname === "/") return send(res, 200, "text/html; charset=utf-8", page);
  if (url.pathname === "/favicon.ico") return send(res, 204, "text/plain", "");
  if (!url.pathname.startsWith("/api/")) return send(res, 404, "text/plain", "not found\n");
  const { session } = explorer;
  try {
    if (req.method === "POST") {
      const index = await readIndex(req);
      switch (url.pathname) {
        case "/api/start":
          session.start(index);
          break;
        case "/api/choose":
          session.choose(index);
          break;
        case "/api/jump":
          session.jump(index);
          break;
        case "/api/follow":
          explorer.followed = explorer.follow();
          break;
        default:
          return sendJson(res, 404, { error: `no such request: ${url.pathname}` });
      }
    } else if (url.pathname !== "/api/view") return sendJson(res, 404, { error: `no such request: ${url.pathname}` });
    return sendJson(res, 200, explorerView(session, explorer.subject, explorer.followed));
  } catch (e) {
    return sendJson(res, e instanceof RangeError || e instanceof SyntaxError ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
  }
}

/** The `{ "index": n }` body of a POST, as an integer; a SyntaxError (400) otherwise. */
async function readIndex(req: IncomingMessage): Promise<number> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new SyntaxError("request body too large");
  }
  const body = JSON.parse(text || "{}") as { index?: unknown };
  if (typeof body.index !== "number" || !Number.isInteger(body.index)) throw new SyntaxError(`expected {"index": <integer>}, got ${text.slice(0, 80)}`);
  return body.index;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));
}
