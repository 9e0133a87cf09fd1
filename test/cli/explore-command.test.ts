import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ExplorerView } from "../../src/export/explorer-page.ts";
import { runCli } from "./run.ts";
import { startExplorer, type RunningExplorer } from "./explore-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const mutex = "test/fixtures/diagram/broken-mutex.ts";

async function started(args: string[]): Promise<RunningExplorer> {
  const explorer = await startExplorer([...args, "--no-typecheck"], root);
  if (!("url" in explorer)) throw new Error(`explore exited ${explorer.code}: ${explorer.stderr}`);
  return explorer;
}

/** The session of a tab: every API request names one (the page carries its own). */
const tab = (session = "tab-1") => ({ "x-interleave-session": session });

async function post(url: string, what: string, index: number, session?: string): Promise<{ status: number; body: ExplorerView & { error?: string } }> {
  const res = await fetch(new URL(`api/${what}`, url), { method: "POST", body: JSON.stringify({ index }), headers: tab(session) });
  return { status: res.status, body: (await res.json()) as ExplorerView & { error?: string } };
}

async function view(url: string, session?: string): Promise<ExplorerView & { error?: string }> {
  return (await (await fetch(new URL("api/view", url), { headers: tab(session) })).json()) as ExplorerView & { error?: string };
}

describe("interleave explore", () => {
  it("serves the page on 127.0.0.1, walks the spec by requests, and stops cleanly on Ctrl-C", async () => {
    const explorer = await started([mutex]);
    try {
      const page = await fetch(explorer.url);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(await page.text()).toContain("<title>broken-mutex — interleave explorer</title>");
      const first = await view(explorer.url);
      expect(first.path).toHaveLength(1);
      expect(first.successors.map((s) => `${s.action} ${s.binding}`)).toEqual(["want p = 0", "want p = 1"]);
      let at = (await post(explorer.url, "choose", 1)).body;
      expect(at.path.map((s) => s.action)).toEqual([null, "want"]);
      expect(at.path[1].location).toEqual({ file: mutex, line: 15 });
      at = (await post(explorer.url, "jump", 0)).body;
      expect(at.at).toBe(0);
      const bad = await post(explorer.url, "choose", 7);
      expect(bad).toMatchObject({ status: 400, body: { error: "no successor 7 (there are 2)" } });
      const malformed = await fetch(new URL("api/jump", explorer.url), { method: "POST", body: "{", headers: tab() });
      expect(malformed.status).toBe(400);
      const anonymous = await fetch(new URL("api/view", explorer.url));
      expect(anonymous.status).toBe(400);
      expect(await anonymous.json()).toEqual({ error: "missing or malformed x-interleave-session header (reload the page)" });
    } finally {
      expect(await explorer.stop()).toBe(0);
    }
    expect(explorer.output.stdout).toContain("explorer stopped");
    await expect(fetch(explorer.url)).rejects.toThrow();
  });

  it("refuses requests whose Host is not the server's own (DNS rebinding)", async () => {
    const explorer = await started([mutex]);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(new URL("api/view", explorer.url), { headers: { host: "attacker.example" } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await explorer.stop();
    }
  });

  it("follows a saved counterexample from a --json report or an ITF file, ending on its violating state", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-explore-"));
    const json = path.join(dir, "r.json");
    const itf = path.join(dir, "r.itf.json");
    expect((await runCli(["check", mutex, "--no-typecheck", "--json", json, "--itf", itf], root)).code).toBe(1);
    for (const trace of [json, itf]) {
      const explorer = await started([mutex, "--trace", trace]);
      try {
        const opened = await view(explorer.url);
        expect(opened.path).toHaveLength(7);
        expect(opened.at).toBe(6);
        expect(opened.path[6].state).toEqual({ pc: ["cs", "cs"], locked: true });
        expect(opened.invariants).toEqual([expect.objectContaining({ name: "mutex", holds: false })]);
        const back = (await post(explorer.url, "jump", 4)).body;
        expect(back.successors.filter((s) => s.onSaved).map((s) => `${s.action} ${s.binding}`)).toEqual(["set p = 0"]);
        expect(back.saved).toEqual({ length: 7, diverged: null, source: trace });
      } finally {
        await explorer.stop();
      }
    }
  });

  it("marks a saved liveness counterexample's cycle and stuttering steps as the text trace does", async () => {
    const json = path.join(mkdtempSync(path.join(tmpdir(), "interleave-explore-")), "clock.json");
    const clock = "test/fixtures/liveness/clock-step.ts";
    expect((await runCli(["check", clock, "--no-typecheck", "--json", json], root)).code).toBe(1);
    const explorer = await started([clock, "--trace", json]);
    try {
      const opened = await view(explorer.url);
      expect(opened.path.map((s) => s.mark)).toEqual([
        "then the state repeats once (a stuttering step) \u00b7 \u27F2 cycle starts here",
        null,
        null,
        "\u21BB back to state 1",
      ]);
      // Branching off the saved trace drops the marks of the steps that no longer follow it.
      await post(explorer.url, "jump", 0);
      expect((await post(explorer.url, "start", 0)).body.path.map((s) => s.mark)).toEqual(["then the state repeats once (a stuttering step) \u00b7 \u27F2 cycle starts here"]);
    } finally {
      await explorer.stop();
    }
  });

  it("says where a saved trace stops matching the spec, and refuses a file that is no trace (exit 3)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "interleave-explore-"));
    const json = path.join(dir, "r.json");
    expect((await runCli(["check", mutex, "--no-typecheck", "--json", json], root)).code).toBe(1);
    const other = await started(["examples/counter.ts", "--trace", json]);
    try {
      expect(other.output.stderr).toContain("step 0 of the saved trace is not a step of this spec");
    } finally {
      await other.stop();
    }
    const junk = path.join(dir, "junk.json");
    writeFileSync(junk, '{"hello": 1}');
    const refused = await startExplorer([mutex, "--no-typecheck", "--trace", junk], root);
    expect(refused).toMatchObject({ code: 3, stderr: expect.stringContaining("expected a --json report (with violation.trace) or an ITF trace") });
    const ok = path.join(dir, "ok.json");
    expect((await runCli(["check", "examples/counter.ts", "--no-typecheck", "--json", ok], root)).code).toBe(0);
    expect(await startExplorer(["examples/counter.ts", "--no-typecheck", "--trace", ok], root)).toMatchObject({
      code: 3,
      stderr: expect.stringContaining("the report has no counterexample (result: ok)"),
    });
  });
});

describe("interleave explore: tabs and a spec that never returns", () => {
  it("gives each page load its own session id, and each session its own path", async () => {
    const explorer = await started([mutex]);
    try {
      const pages = await Promise.all([1, 2].map(async () => (await fetch(explorer.url)).text()));
      const ids = pages.map((p) => /<meta name="interleave-session" content="([\w-]+)">/.exec(p)?.[1]);
      expect(ids[0]).toMatch(/^[\w-]{8,}$/);
      expect(ids[1]).not.toBe(ids[0]);
      await post(explorer.url, "choose", 0, ids[0]);
      await post(explorer.url, "choose", 0, ids[0]);
      expect((await post(explorer.url, "choose", 1, ids[1])).body.path.map((s) => s.binding)).toEqual(["", "p = 1"]);
      expect((await view(explorer.url, ids[0])).path.map((s) => s.binding)).toEqual(["", "p = 0", "p = 1"]);
      expect((await view(explorer.url, ids[1])).path).toHaveLength(2);
      expect((await view(explorer.url, "a-new-tab")).path).toHaveLength(1);
    } finally {
      await explorer.stop();
    }
  });

  it("answers an action that never returns with a clear error after --timeout, reloads the spec and keeps every tab's step", async () => {
    const explorer = await started(["test/fixtures/hostile/infinite-loop.ts", "--timeout", "1"]);
    try {
      await post(explorer.url, "choose", 0, "other");
      expect((await post(explorer.url, "choose", 0)).body.path).toHaveLength(2); // n = 1
      expect((await post(explorer.url, "choose", 0)).body.path).toHaveLength(3); // n = 2; its successor n = 3 is listed
      const started = Date.now();
      const hung = await post(explorer.url, "choose", 0); // n = 3: listing its successors never returns
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(hung.status).toBe(504);
      expect(hung.body.error).toBe(
        "the spec's code did not return within 1 s (request: choose 0): an action, invariant or view that never returns? " +
          "The explorer reloaded the spec and went back to the step before (--timeout sets the limit).",
      );
      const back = await view(explorer.url);
      expect(back.path.map((s) => s.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect((await view(explorer.url, "other")).path.map((s) => s.state)).toEqual([{ n: 0 }, { n: 1 }]);
      expect((await post(explorer.url, "jump", 1)).body.at).toBe(1); // the server goes on answering
    } finally {
      expect(await explorer.stop()).toBe(0);
    }
  }, 60_000);

  it("answers a request whose action calls process.exit with the spec-exited error, and goes on answering", async () => {
    const explorer = await started(["test/fixtures/hostile/exits.ts", "--timeout", "30"]);
    try {
      expect((await post(explorer.url, "choose", 0)).body.path).toHaveLength(2); // n = 1
      const exited = await post(explorer.url, "choose", 0); // n = 2: listing its successors calls process.exit
      expect(exited.status).not.toBe(200);
      expect(exited.body.error).toMatch(/^error\[spec-exited\] test\/fixtures\/hostile\/exits\.ts: the spec called process\.exit\(0\)/);
      // Listing n = 2's successors exits every time, so the step stays unanswerable; the tab can still go back.
      expect((await view(explorer.url)).error).toBe(exited.body.error);
      const back = await post(explorer.url, "jump", 0);
      expect(back.body.error).toBeUndefined();
      expect((await post(explorer.url, "jump", 0)).body.at).toBe(0);
    } finally {
      expect(await explorer.stop()).toBe(0);
    }
  }, 60_000);

  it("exits 2 with the spec's error when the spec does not load", async () => {
    const failed = await startExplorer(["test/fixtures/broken/syntax-error.ts", "--no-typecheck"], root);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining("syntax-error.ts") });
    expect(failed).not.toHaveProperty("url");
  });
});

describe("interleave explore --port", () => {
  it("refuses a port that is taken (exit 3, naming the flag)", async () => {
    const first = await started([mutex]);
    try {
      const port = new URL(first.url).port;
      const second = await startExplorer([mutex, "--no-typecheck", "--port", port], root);
      expect(second).toMatchObject({ code: 3, stderr: expect.stringContaining(`--port ${port}: cannot listen on 127.0.0.1 (EADDRINUSE)`) });
      expect((await startExplorer([mutex, "--port", "70000"], root))).toMatchObject({ code: 3, stderr: expect.stringContaining('--port: expected a port number 0..65535, got "70000"') });
    } finally {
      await first.stop();
    }
  });
});
