import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { Option, type Command } from "commander";
import { displayPath, locateSpec, withLocations } from "../analysis/source-locations.ts";
import { explorerPage, explorerView } from "../export/explorer-page.ts";
import { ExploreSession } from "../graph/explore-session.ts";
import type { Json } from "../model/model.ts";
import { isSpecError } from "../model/spec-error.ts";
import { formatSpecError } from "./format-error.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { loadModel, type LoadedModel } from "./load-model.ts";
import { noTypecheckOption, typecheckOption } from "./load-spec.ts";
import { collect, UsageError } from "./params.ts";
import { readSavedTrace } from "./saved-trace.ts";

interface ExploreFlags {
  spec?: string;
  set?: string[];
  trace?: string;
  port: number;
  typecheck?: boolean;
}

/** `interleave explore <file>`: a local web page to walk a spec's behaviours by hand. */
export function registerExplore(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("explore")
    .description("explore a spec interactively in the browser: choose actions, go back, see invariants on each state")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to explore (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--trace <file>", "start on a saved counterexample: a --json report or an ITF trace (--itf, Apalache, Quint)")
    .addOption(new Option("--port <n>", "port on 127.0.0.1 (default: a free one)").argParser(port).default(0))
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .addHelpText(
      "after",
      `
Serves one page on http://127.0.0.1:<port>/ (printed at start) until Ctrl-C: start from an
initial state, see every enabled action with its binding and what it changes, choose one, go
back or jump to any step, and see every invariant evaluated on the current state. With --trace
the page opens on the saved counterexample's last step; choose another action anywhere to
branch off it.

Exit codes: 0 stopped with Ctrl-C, 2 spec error, 3 usage error (bad --trace file, port in use).

Examples:
  interleave explore specs/smp-call-function-many.ts --spec original
  interleave check specs/x.ts --json report.json; interleave explore specs/x.ts --trace report.json`,
    )
    .action(async (file: string, flags: ExploreFlags) => {
      setExit(await runExplore(file, flags, io));
    });
}

async function runExplore(fileArg: string, flags: ExploreFlags, io: CliIO): Promise<number> {
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

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`--port: expected a port number 0..65535, got "${value}"`);
  return Number(value);
}
