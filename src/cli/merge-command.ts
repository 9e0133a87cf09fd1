import type { Command } from "commander";
import type { CliIO } from "./io.ts";

/** The flags of `interleave merge`. */
export interface MergeFlags {
  json?: string;
  coverage?: string;
}

/** `interleave merge <reports...>`: one verdict, coverage and statistics over the reports of a swarm's shards. */
export function registerMerge(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("merge")
    .description("combine the --json reports of simulation shards: one verdict, the shortest trace, united coverage")
    .argument("<reports...>", "the --json reports of `interleave simulate --shard i/N` (e.g. reports/shard-*.json)")
    .option("--json <file>", "write the merged report (version 1, with `shards`) to <file>")
    .option("--coverage <file>", "write the merged coverage table to <file>: Markdown, or JSON for a .json name")
    .addHelpText(
      "after",
      `
Exit codes (what a CI job needs):
  1  some shard found a violation: the shortest trace of each violated property is printed,
     with the shard, seed and behaviour that replay it
  2  some shard met a spec error
  3  usage error: a report that cannot be read, is not a simulation's, or is of another spec
  4  no shard found a violation (a simulation never shows that a property holds)`,
    )
    .action(async (reports: string[], flags: MergeFlags) => {
      // The report readers and the merge load only for this command.
      const { runMerge } = await import("./merge-run.ts");
      setExit(runMerge(reports, flags, io));
    });
}

