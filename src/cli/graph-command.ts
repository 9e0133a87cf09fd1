import path from "node:path";
import { type Command, Option } from "commander";
import type { GraphFlags } from "./graph-job.ts";
import { writeGraph } from "./graph-output.ts";
import type { CliIO } from "./io.ts";
import { noTypecheckOption, typecheckOption } from "./typecheck-option.ts";
import { collect, positiveInt } from "./usage-error.ts";
import type { Runner } from "./runner.ts";

export type { GraphFlags } from "./graph-job.ts";

/** Above this many nodes a diagram is not readable; `graph` refuses unless `--max-nodes` says otherwise. */
export const DEFAULT_MAX_NODES = 300;


/** `interleave graph <file>`: draw the reachable state graph (or a projection of it) as DOT or SVG. */
export function registerGraph(program: Command, io: CliIO, runner: Runner, setExit: (code: number) => void): void {
  program
    .command("graph")
    .description("draw the reachable state graph, or its projection onto a few fields, as DOT or SVG")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .option("--spec <export>", "which exported spec to draw (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .option(
      "--view <fields>",
      "project onto these field paths (comma-separated, e.g. pc,cpus[1].refs; cpus.1.refs works too), or a view the spec names in `views`: one node per distinct value",
    )
    .option("--hide-stutter", "drop self-loops (transitions that leave the shown fields unchanged)")
    .option("--quotient", "minimise modulo bisimulation: merge nodes with the same marks whose actions lead to the same merged nodes")
    .option("--cluster <field>", "group nodes into boxes by the value of this field")
    .addOption(new Option("--layout <direction>", "tb: top to bottom (default), lr: left to right").choices(["tb", "lr"]))
    .addOption(
      new Option("--max-nodes <n>", "refuse to draw more than <n> nodes")
        .argParser(positiveInt("--max-nodes"))
        .default(DEFAULT_MAX_NODES),
    )
    .option("--out <file>", "write to <file>: .dot for Graphviz DOT, .svg rendered (default: DOT on stdout)")
    .addHelpText(
      "after",
      `
The graph shows every reachable state (or, with --view, every distinct value of the chosen
fields), edges labelled with action and binding; initial states, deadlocks and invariant
violations are marked and the shortest counterexample, if any, is drawn in red.

Exit codes:
  0  the diagram was written (also when it shows a violation)
  2  the spec is wrong: not found, does not compile, throws, leaves its schema, exits
  3  usage error, or the graph has more nodes than --max-nodes (choose a --view)
  4  interrupted (Ctrl-C) or stopped by the memory guard before the graph was complete

Examples:
  interleave graph examples/counter.ts --out counter.svg
  interleave graph examples/counter.ts --view mode --hide-stutter --out counter-mode.svg
  interleave graph specs/smp-call-function-many.ts --view caller.pc,data.onList --quotient --out smp.svg`,
    )
    .action(async (file: string, flags: GraphFlags) => {
      const job = { file: path.resolve(io.cwd, file), cwd: io.cwd, flags };
      setExit(await writeGraph(await runner.graph(job, io), job, io));
    });
}

