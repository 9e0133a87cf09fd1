import { type Command, Option } from "commander";
import { runCheck, type CheckFlags } from "./check-command.ts";
import type { CliIO } from "./io.ts";
import type { Runner } from "./runner.ts";
import { checkOutputTarget } from "./output-file.ts";
import { collect, positiveInt } from "./usage-error.ts";
import { REPORT_MAX_NODES } from "./report-max-nodes.ts";
import { noTypecheckOption, typecheckOption } from "./typecheck-option.ts";

interface ReportFlags extends Omit<CheckFlags, "html" | "reporter" | "watch" | "junit" | "itf" | "json" | "traceDot" | "witness"> {
  out: string;
}

/**
 * `interleave report <file> --out report.html`: checks every property to a verdict (as
 * `check --html` does) and writes the single-file HTML report. Exit codes are `check`'s.
 */
export function registerReport(program: Command, io: CliIO, runner: Runner, setExit: (code: number) => void): void {
  program
    .command("report")
    .description("check a spec and write a single-file HTML report: trace stepper with lanes, state graph, verdicts")
    .argument("<file>", "spec file (.ts), loaded directly — no build step")
    .requiredOption("--out <file>", "the HTML file to write")
    .option("--spec <export>", "which exported spec to check (default: the default export)")
    .option("--set <name=value>", "set a parameter (repeatable), e.g. --set cpus=4", collect)
    .option("--check <names>", "check only these properties (comma-separated; 'deadlock' included)")
    .option("--view <fields>", "project the report's graph onto these field paths (default: the whole graph if it fits, else the fields named pc)")
    .option("--lanes <fields>", "one trace column per record field, or per key of a map of records (default: fields with a pc); 'none' for one column")
    .addOption(new Option("--max-nodes <n>", "leave the graph out above <n> nodes").argParser(positiveInt("--max-nodes")).default(REPORT_MAX_NODES))
    .addOption(new Option("--max-states <n>", "stop after storing <n> distinct states (exit 4)").argParser(positiveInt("--max-states")))
    .addOption(new Option("--max-depth <n>", "do not explore beyond depth <n> (exit 4)").argParser(positiveInt("--max-depth")))
    .option("--no-deadlock", "do not report states without successors")
    .option("--expect-violated <names>", "these properties are expected to fail (comma-separated): exit 0 while they do")
    .addOption(typecheckOption())
    .addOption(noTypecheckOption())
    .option("--no-lint", "skip the fast lint rules that run before checking")
    .addHelpText(
      "after",
      `
The report is one self-contained HTML file (no network; open it from disk) that opens at the
counterexample: step through it with the arrow keys, see each step's action, binding, source
line and the fields it changed, and where it is in the state graph. Same spec and options, same
bytes.

Exit codes: as for check (0 holds, 1 violated, 2 spec error, 3 usage error, 4 incomplete).

Examples:
  interleave report specs/smp-call-function-many.ts --spec original --out report.html
  interleave report examples/counter.ts --view mode --out counter.html`,
    )
    .action(async (file: string, flags: ReportFlags) => {
      const { out, ...rest } = flags;
      checkOutputTarget(out, "--out", io.cwd);
      setExit(await runCheck(file, { ...rest, html: out, reporter: "text" }, io, runner));
    });
}
