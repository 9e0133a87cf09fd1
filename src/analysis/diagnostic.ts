/** A finding about a spec's source, reported and never thrown. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The whole message; a type error's chain of reasons on further lines, indented. */
  readonly message: string;
  /** Further places the finding involves (TypeScript's related information: "'pc' is declared here."). */
  readonly related?: readonly RelatedLocation[];
  /** What usually fixes it in a spec, when interleave can tell. */
  readonly hint?: string;
}

/** A place a {@link Diagnostic} refers to besides its own. */
export interface RelatedLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}
