import type { SourceLocation } from "../model/model.ts";
import type { StopReason } from "../check/result.ts";
import type { PropertyVerdict } from "../check/verdicts.ts";
import { propertyTitle } from "./property-title.ts";
import { formatTrace, type ReportModel } from "./text.ts";

/** What the annotations are about: the spec's display file (fallback location) and name. */
export interface AnnotationSubject {
  /** The spec file as CI shows it (relative to the repository root). */
  readonly file: string;
  readonly spec: string;
  /** Why the search stopped, when it did not complete. */
  readonly stoppedBy?: StopReason;
}

/**
 * GitHub Actions workflow commands for the verdicts: an `::error` at the defining line of each
 * property that is violated (or unexpectedly holds), a `::notice` for an expected violation and
 * a `::warning` for a property left undecided by a limit. One line per annotation, newlines in
 * messages escaped as the workflow-command syntax requires. Pure.
 *
 * ```text
 * ::error file=specs/x.ts,line=42,col=5,title=invariant noDoubleListDel violated::invariant noDoubleListDel violated …
 * ```
 */
export function toGithubAnnotations<S>(model: ReportModel<S>, verdicts: readonly PropertyVerdict<S>[], subject: AnnotationSubject): string {
  const lines: string[] = [];
  for (const v of verdicts) {
    const what = propertyTitle(v.kind, v.property);
    const where = v.location ?? { file: subject.file, line: 1, column: 1 };
    if (v.status === "violated") {
      const trace = v.violation ? formatTrace(model, v.violation.trace) : "";
      const steps = v.violation ? v.violation.trace.length : 0;
      const head = v.kind === "deadlock" ? `deadlock reached in spec "${subject.spec}"` : `${what} violated in spec "${subject.spec}"`;
      const why = v.violation?.message ? ` — ${v.violation.message}` : "";
      const body = `${head}${why}; shortest trace (${steps} state${steps === 1 ? "" : "s"}):\n${trace}`;
      if (v.expected === "violated") lines.push(command("notice", where, `${what} violated (as expected)`, `${body}\n(expected: this property is declared violated)`));
      else lines.push(command("error", where, `${what} violated`, body));
    } else if (v.status === "holds" && v.expected === "violated") {
      lines.push(
        command(
          "error",
          where,
          `${what} unexpectedly holds`,
          `${what} holds in spec "${subject.spec}", but the spec declares it violated (expect: { ${v.property}: "violated" }); the known bug may be fixed — update the expectation`,
        ),
      );
    } else if (v.status === "unknown" && subject.stoppedBy) {
      lines.push(command("warning", where, `${what} not decided`, `${what} was not decided in spec "${subject.spec}": the search stopped (${subject.stoppedBy}) before it completed`));
    }
  }
  return lines.map((l) => `${l}\n`).join("");
}

function command(kind: "error" | "warning" | "notice", where: SourceLocation, title: string, message: string): string {
  const props = [`file=${escapeProperty(where.file)}`, `line=${where.line}`, `col=${where.column}`, `title=${escapeProperty(title)}`];
  return `::${kind} ${props.join(",")}::${escapeData(message)}`;
}

/** Workflow-command message escaping (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command property escaping: as messages, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One workflow command for a finding at a source position (a lint diagnostic, a type error or a
 * spec fault): `::error file=…,line=…,col=…,title=<code>::<message>`.
 */
export function toGithubAnnotation(finding: {
  readonly severity: "error" | "warning";
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}): string {
  return `${command(finding.severity, { file: finding.file, line: finding.line, column: finding.column }, finding.code, finding.message)}\n`;
}
