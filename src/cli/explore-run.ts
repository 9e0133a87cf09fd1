import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { explorerPage } from "../export/explorer-page.ts";
import { DEFAULT_TIMEOUT_S, type ExploreFlags } from "./explore-command.ts";
import { ExploreHost } from "./explore-host.ts";
import type { ExploreOp } from "./explore-job.ts";
import { ExitCode, type CliIO } from "./io.ts";
import { UsageError } from "./usage-error.ts";

/**
 * `interleave explore` once its command line is parsed: starts the thread that loads and runs
 * the spec, serves the explorer page until Ctrl-C; returns the exit code.
 */
export async function runExplore(fileArg: string, flags: ExploreFlags, io: CliIO): Promise<number> {
  const job = { file: path.resolve(io.cwd, fileArg), cwd: io.cwd, spec: flags.spec, set: flags.set, trace: flags.trace, typecheck: flags.typecheck };
  const started = await ExploreHost.start(job, (flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000, io.stderr);
  if ("code" in started) {
    io.stderr(started.text);
    return started.code;
  }
  const { host, ready } = started;
  try {
    if (ready.followed && ready.followed.diverged !== null) {
      io.stderr(`--trace ${flags.trace}: step ${ready.followed.diverged} of the saved trace is not a step of this spec (with these parameters); following it up to there\n`);
    }
    return await serve(host, ready, flags.port, io);
  } finally {
    await host.close();
  }
}

/** Serves the page and its requests on 127.0.0.1 until the signal (Ctrl-C) aborts; exit code 0. */
async function serve(host: ExploreHost, ready: { readonly spec: string; readonly file: string }, port: number, io: CliIO): Promise<number> {
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
  server.on("request", (req: IncomingMessage, res: ServerResponse) => void handle(host, ready.spec, origin, req, res));
  io.stdout(`interleave explore ${ready.file} — spec "${ready.spec}"\n  ${origin}/   (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  io.stdout("explorer stopped\n");
  return ExitCode.ok;
}

const OPS: { readonly [path: string]: ExploreOp } = { "/api/start": "start", "/api/choose": "choose", "/api/jump": "jump", "/api/follow": "follow" };

/**
 * One request: `GET /` the page, with a new session id (each tab explores on its own);
 * `GET /api/view` the view; `POST /api/start|choose|jump|follow` with `{ "index": n }` a
 * change, answered with the new view. API requests name their session in the
 * `x-interleave-session` header. A bad index is 400 with `{ error }`; a request the spec does
 * not answer in time is 504; a request not addressed to this server (another Host) is refused (403).
 */
async function handle(host: ExploreHost, spec: string, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.headers.host !== origin.slice("http://".length)) return send(res, 403, "text/plain", "forbidden: unexpected Host header\n");
  const url = new URL(req.url ?? "/", origin);
  if (req.method === "GET" && url.pathname === "/") return send(res, 200, "text/html; charset=utf-8", explorerPage(spec, randomUUID()));
  if (url.pathname === "/favicon.ico") return send(res, 204, "text/plain", "");
  if (!url.pathname.startsWith("/api/")) return send(res, 404, "text/plain", "not found\n");
  const session = req.headers["x-interleave-session"];
  if (typeof session !== "string" || !/^[\w-]{1,64}$/.test(session)) return sendJson(res, 400, { error: "missing or malformed x-interleave-session header (reload the page)" });
  try {
    if (req.method === "POST") {
      const op = OPS[url.pathname];
      if (op === undefined) return sendJson(res, 404, { error: `no such request: ${url.pathname}` });
      const answer = await host.request(session, op, await readIndex(req));
      return sendJson(res, answer.status, answer.body);
    }
    if (url.pathname !== "/api/view") return sendJson(res, 404, { error: `no such request: ${url.pathname}` });
    const answer = await host.request(session, "view", 0);
    return sendJson(res, answer.status, answer.body);
  } catch (e) {
    return sendJson(res, e instanceof SyntaxError ? 400 : 500, { error: e instanceof Error ? e.message : String(e) });
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
