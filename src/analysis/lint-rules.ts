import type { Diagnostic } from "./diagnostic.ts";

/** The lint rules: severity, and whether `check` runs the rule before loading a spec (`fast`). */
export const LINT_RULES = {
  "state-mutation": { severity: "error", fast: true },
  nondeterminism: { severity: "error", fast: true },
  "module-state": { severity: "error", fast: true },
  "unused-binding": { severity: "warning", fast: false },
  "unwritten-field": { severity: "warning", fast: false },
  "unread-field": { severity: "warning", fast: false },
  "invariant-reads-no-state": { severity: "warning", fast: false },
} as const satisfies Record<string, { severity: Diagnostic["severity"]; fast: boolean }>;

export type LintCode = keyof typeof LINT_RULES;
