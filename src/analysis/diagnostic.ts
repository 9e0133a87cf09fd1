/** A finding about a spec's source, reported and never thrown. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}
