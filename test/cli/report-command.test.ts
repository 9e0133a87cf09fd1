import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ReportPage } from "../../src/export/html-report-data.ts";
import { runCli } from "./run.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = () => mkdtempSync(path.join(tmpdir(), "interleave-report-"));

/** The page data embedded in a report. */
function pageOf(html: string): ReportPage {
  const m = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no report data in the page");
  return JSON.parse(m[1]) as ReportPage;
}

describe("interleave report", () => {
  it("writes the reviewed golden page for broken-mutex, the same bytes on every run, and check --html writes the same page", async () => {
    const dir = scratch();
    const a = path.join(dir, "a.html");
    const b = path.join(dir, "b.html");
    const first = await runCli(["report", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--out", a], root);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/HTML report: .*a\.html \(\d+ KB\)/);
    const second = await runCli(["check", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--html", b], root);
    expect(second.code).toBe(1);
    const html = readFileSync(a, "utf8");
    expect(readFileSync(b, "utf8")).toBe(html);
    const golden = path.join(root, "test/golden/broken-mutex-report.html");
    if (process.env.UPDATE_GOLDEN !== "1") {
      expect(existsSync(golden), "no golden broken-mutex-report.html: create it with UPDATE_GOLDEN=1, then review it").toBe(true);
    }
    await expect(html).toMatchFileSnapshot(golden);
    // Two worker threads decide the same verdicts with the same counts and traces: the same page.
    const c = path.join(dir, "c.html");
    expect((await runCli(["report", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--workers", "2", "--out", c], root)).code).toBe(1);
    expect(readFileSync(c, "utf8")).toBe(html);
  });

  it("embeds the verdicts, the counterexample with source lines and graph nodes, coverage and statistics", async () => {
    const out = path.join(scratch(), "r.html");
    expect((await runCli(["report", "test/fixtures/diagram/broken-mutex.ts", "--no-typecheck", "--out", out], root)).code).toBe(1);
    const html = readFileSync(out, "utf8");
    const page = pageOf(html);
    expect(page.properties.map((p) => [p.name, p.status])).toEqual([["mutex", "violated"], ["deadlock", "holds"]]);
    expect(page.open).toBe(0);
    const trace = page.traces[0];
    expect(trace.steps.map((s) => `${s.action ?? "init"}${s.binding ? `(${s.binding})` : ""}`)).toEqual([
      "init", "want(p = 0)", "want(p = 1)", "test(p = 0)", "test(p = 1)", "set(p = 0)", "set(p = 1)",
    ]);
    expect(trace.steps[1].location).toEqual({ file: "test/fixtures/diagram/broken-mutex.ts", line: 15 });
    expect(trace.steps.at(-1)?.state).toEqual({ pc: ["cs", "cs"], locked: true });
    // every step is in a drawn node, and those nodes are in the inline SVG
    for (const step of trace.steps) expect(html).toContain(`<title>${step.node}</title>`);
    // transitions per action: the labelled edges of the reviewed golden broken-mutex.dot (42 in all)
    expect(page.coverage.map((c) => [c.action, c.transitions])).toEqual([["want", 10], ["test", 8], ["set", 10], ["leave", 14]]);
    // the run's coverage: a complete search fires each action once per transition of the graph
    expect(page.coverage.map((c) => [c.action, c.fired])).toEqual([["want", 10], ["test", 8], ["set", 10], ["leave", 14]]);
    expect(page.coverage.reduce((n, c) => n + c.discovered!, 0) + page.depths[0]).toBe(22);
    expect(page.fields.find((f) => f.path === "pc[0]")).toEqual({ path: "pc[0]", distinct: 4, domain: 4 });
    expect(page.depths.reduce((a, b) => a + b, 0)).toBe(22);
    expect(page.stats).toMatchObject({ distinctStates: 22, depth: 10 }); // the run that decided every property, as --json reports it
    expect(page.stats).not.toHaveProperty("durationMs");
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no network: only the SVG namespace URLs
  });

  it("opens the flagship at the race, in lanes, under 2 MB", async () => {
    const out = path.join(scratch(), "smp.html");
    const run = await runCli(
      ["report", "specs/smp-call-function-many.ts", "--spec", "original", "--check", "noDoubleListDel", "--no-typecheck", "--out", out],
      root,
    );
    expect(run.code).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
    const page = pageOf(html);
    // One lane per process instance; each step carries its process, label and kernel statement.
    expect(page.lanes).toEqual(["caller[0]", "handler[1]", "handler[2]"]);
    const race = page.traces[page.open!];
    expect(race.property).toBe("noDoubleListDel");
    expect(race.steps).toHaveLength(32);
    expect(race.steps.at(-1)).toMatchObject({ action: "handler.listDel", process: "handler[2]", label: "listDel", code: "smp.c:240  list_del_rcu(&data->csd.list);", lane: 2 });
    expect(race.steps[1]).toMatchObject({ action: "caller.csdLock", process: "caller[0]", label: "csdLock", lane: 0 });
    expect(race.steps.every((s) => s.node !== null)).toBe(true);
    expect(page.graph.kind).toBe("svg");
  });

  it("reports a spec that holds, and refuses unknown lanes and views as usage errors", async () => {
    const out = path.join(scratch(), "counter.html");
    const ok = await runCli(["report", "examples/counter.ts", "--no-typecheck", "--out", out], root);
    expect(ok.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("all properties hold");
    const lanes = await runCli(["report", "examples/counter.ts", "--no-typecheck", "--lanes", "cpu", "--out", out], root);
    expect(lanes).toMatchObject({ code: 3, stderr: expect.stringContaining('--lanes: no field "cpu"') });
    const view = await runCli(["report", "examples/counter.ts", "--no-typecheck", "--view", "nope", "--out", out], root);
    expect(view).toMatchObject({ code: 3, stderr: expect.stringContaining('--view: no field "nope"') });
    const limited = await runCli(["report", "examples/counter.ts", "--no-typecheck", "--max-states", "3", "--out", out], root);
    expect(limited.code).toBe(4);
    const page = pageOf(readFileSync(out, "utf8"));
    expect(page).toMatchObject({ result: "incomplete", stoppedBy: "max-states" });
    expect(page.graph).toEqual({ kind: "omitted", reason: "Not drawn: the search to record the graph stopped (max-states; at most 3 states are recorded)." });
    const missing = await runCli(["report", "examples/counter.ts", "--no-typecheck"], root);
    expect(missing.code).toBe(3);
  });

  it("shows a liveness lasso with its cycle, and a deadlock, each under its property's name", async () => {
    const dir = scratch();
    const ring = path.join(dir, "ring.html");
    expect((await runCli(["report", "test/fixtures/liveness/ring.ts", "--no-typecheck", "--out", ring], root)).code).toBe(1);
    const live = pageOf(readFileSync(ring, "utf8"));
    const lasso = live.traces[live.open!];
    expect(lasso).toMatchObject({ property: "settles", title: "temporal property settles", loopStart: 0, stuttering: false });
    expect(lasso.steps.at(-1)?.state).toEqual(lasso.steps[0].state);
    expect(live.coverage.find((c) => c.action === "never")?.transitions).toBe(0);
    expect(live.warnings.map((w) => w.subject)).toContain("never");
    // □tick fails on a behaviour whose first state repeats once: the page marks that step as text and --json do.
    const clock = path.join(dir, "clock.html");
    expect((await runCli(["report", "test/fixtures/liveness/clock-step.ts", "--no-typecheck", "--out", clock], root)).code).toBe(1);
    const ticks = pageOf(readFileSync(clock, "utf8"));
    expect(ticks.traces[ticks.open!]).toMatchObject({ property: "everyStepTicks", loopStart: 0, stuttering: false, stutterAfter: [0], stutterInCycle: [] });
    const lock = path.join(dir, "lock.html");
    expect((await runCli(["report", "test/fixtures/diagram/lock-order.ts", "--no-typecheck", "--out", lock], root)).code).toBe(1);
    const dead = pageOf(readFileSync(lock, "utf8"));
    expect(dead.traces[dead.open!]).toMatchObject({ property: "deadlock", title: "deadlock freedom" });
  });
});
