import type { Json } from "../model/model.ts";
import type { CheckResult } from "../check/result.ts";
import type { PropertyVerdict } from "../check/verdicts.ts";
import { propertyTitle } from "./property-title.ts";
import { formatTrace, type ReportModel } from "./text.ts";

/** The suite a JUnit report describes: one spec (one export, one parameter assignment). */
export interface JunitSubject {
  readonly spec: string;
  readonly file: string;
  readonly params: { readonly [name: string]: Json };
}

/**
 * JUnit XML with one `<testcase>` per checked property: a `<failure>` carrying the shortest trace
 * when it is violated (or holds though declared violated), `<skipped>` when the search did not
 * decide it, nothing when it holds as expected. Times come from the runs' stats. Pure.
 */
export function toJunitXml<S>(
  model: ReportModel<S>,
  verdicts: readonly PropertyVerdict<S>[],
  runs: readonly CheckResult<S>[],
  subject: JunitSubject,
): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const totalMs = runs.reduce((t, r) => t + r.stats.durationMs, 0);
  const failures = verdicts.filter((v) => v.asExpected === false).length;
  const skipped = verdicts.filter((v) => v.status === "unknown").length;
  const counts = `tests="${verdicts.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(totalMs)}"`;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="interleave" ${counts}>`,
    `  <testsuite name="${attr(subject.spec)}" ${counts} file="${attr(subject.file)}">`,
  ];
  const params = Object.entries(subject.params);
  if (params.length > 0) {
    out.push(`    <properties>`);
    for (const [k, v] of params) out.push(`      <property name="param.${attr(k)}" value="${attr(JSON.stringify(v))}"/>`);
    out.push(`    </properties>`);
  }
  for (const v of verdicts) {
    const loc = v.location ? ` file="${attr(v.location.file)}" line="${v.location.line}"` : ` file="${attr(subject.file)}"`;
    const run = v.violation ? runs.find((r) => r.result === "violation" && r.violations.includes(v.violation!)) : undefined;
    const time = run ? seconds(run.stats.durationMs) : "0.000";
    const open = `    <testcase name="${attr(v.property)}" classname="${attr(subject.spec)}"${loc} time="${time}"`;
    const what = propertyTitle(v.kind, v.property);
    if (v.status === "unknown") {
      out.push(`${open}>`, `      <skipped message="not decided: the search stopped before it completed"/>`, `    </testcase>`);
    } else if (v.asExpected === false && v.status === "violated") {
      const trace = v.violation ? formatTrace(model, v.violation.trace) : "";
      const message = `${what} violated${v.violation?.message ? `: ${v.violation.message}` : ""}`;
      out.push(`${open}>`, `      <failure message="${attr(message)}" type="${v.kind}">${text(`${message}\n${trace}\n`)}</failure>`, `    </testcase>`);
    } else if (v.asExpected === false) {
      const message = `${what} holds, but the spec declares it violated`;
      out.push(`${open}>`, `      <failure message="${attr(message)}" type="unexpected-pass">${text(message)}</failure>`, `    </testcase>`);
    } else if (v.status === "violated") {
      out.push(`${open}>`, `      <system-out>${text(`violated, as the spec expects:\n${formatTrace(model, v.violation!.trace)}\n`)}</system-out>`, `    </testcase>`);
    } else {
      out.push(`${open}/>`);
    }
  }
  out.push(`  </testsuite>`, `</testsuites>`, "");
  return out.join("\n");
}

function text(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;");
}
