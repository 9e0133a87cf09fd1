/**
 * Regenerates the committed diagrams under docs/diagrams/ (`npm run diagrams`), so that the
 * pictures in the README never drift from the specs. `npm run diagrams -- --check` regenerates
 * into memory and fails if a committed file differs or is missing.
 *
 * Each entry is one CLI command; the output file is appended as `--out` (graph) or
 * `--trace-dot` (check). A `.txt` entry is the text a `check` prints (its counterexample), with
 * the run's timing taken out so that it is the same on every machine. Entries whose spec file
 * does not exist yet are skipped with a note.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../src/cli/main.ts";

interface Entry {
  /** File name under docs/diagrams/ (.svg or .dot; .txt for a check's printed trace). */
  readonly out: string;
  /** CLI arguments without the output option: `graph <file> …` or `check <file> …`. */
  readonly argv: readonly string[];
}

const smp = "specs/smp-call-function-many.ts";
/** e6cd1e07a185 under PSO without list_add_rcu's smp_wmb: a handler runs func while its store is still buffered. */
const psoStale = [smp, "--spec", "upstreamFix", "--set", "memory=pso", "--set", "listAddWmb=false", "--check", "runsOncePerCall"];

export const entries: readonly Entry[] = [
  { out: "counter.svg", argv: ["graph", "examples/counter.ts"] },
  { out: "counter-view-mode.svg", argv: ["graph", "examples/counter.ts", "--view", "mode"] },
  { out: "smp-race-trace.svg", argv: ["check", smp, "--spec", "original", "--check", "noDoubleListDel"] },
  { out: "smp-race-trace.txt", argv: ["check", smp, "--spec", "original", "--check", "noDoubleListDel"] },
  { out: "smp-pso-stale-func-trace.svg", argv: ["check", ...psoStale] },
  { out: "smp-pso-stale-func-trace.txt", argv: ["check", ...psoStale] },
  { out: "smp-view.svg", argv: ["graph", smp, "--spec", "original", "--view", "caller[0].pc,cfd.refs,cfd.onList", "--hide-stutter"] },
];

/**
 * Runs one entry, writing its output to `file`: returns the CLI's exit code, what it printed on
 * stderr, and the exit code the entry must have (1 for a check: a trace needs a counterexample).
 * `extra` are more CLI options (the tests pass `--no-typecheck`).
 */
export async function generate(entry: Entry, file: string, cwd: string, extra: readonly string[] = []): Promise<{ code: number; expected: number; stderr: string }> {
  const command = entry.argv[0];
  const expected = command === "check" ? 1 : 0;
  let stdout = "";
  let stderr = "";
  const text = entry.out.endsWith(".txt");
  const output = text ? [] : [command === "check" ? "--trace-dot" : "--out", file];
  const code = await run([...entry.argv, ...extra, ...output], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
  });
  if (text) writeFileSync(file, untimed(stdout));
  return { code, expected, stderr };
}

/** A check's printed output without what differs from run to run: the elapsed time and the rate. */
function untimed(out: string): string {
  return out.replace(/ · [\d.,]+ m?s(?: \([\d,.]+ states\/s\))?/g, "");
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs", "diagrams");

async function main(checkOnly: boolean): Promise<number> {
  const scratch = mkdtempSync(path.join(tmpdir(), "interleave-diagrams-"));
  let failures = 0;
  try {
    for (const entry of entries) {
      const spec = entry.argv[1];
      if (!existsSync(path.join(root, spec))) {
        process.stdout.write(`skip ${entry.out}: ${spec} does not exist yet\n`);
        continue;
      }
      const file = path.join(checkOnly ? scratch : target, entry.out);
      const { code, expected, stderr } = await generate(entry, file, root);
      if (code !== expected || !existsSync(file)) {
        process.stderr.write(`✗ ${entry.out}: \`interleave ${entry.argv.join(" ")}\` exited ${code} (expected ${expected})\n${stderr}`);
        failures++;
        continue;
      }
      if (checkOnly) {
        const committed = path.join(target, entry.out);
        const same = existsSync(committed) && readFileSync(committed, "utf8") === readFileSync(file, "utf8");
        process.stdout.write(`${same ? "✓" : "✗"} ${entry.out}${same ? "" : existsSync(committed) ? " differs: run npm run diagrams" : " is missing: run npm run diagrams"}\n`);
        if (!same) failures++;
      } else {
        process.stdout.write(`wrote docs/diagrams/${entry.out}\n`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return failures === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.includes("--check"));
}
