/** The flags of `interleave graph`, as commander parses them (plain data: they cross to a worker thread). */
export interface GraphFlags {
  spec?: string;
  set?: string[];
  view?: string;
  hideStutter?: boolean;
  quotient?: boolean;
  /** With `quotient`: minimise the whole graph, never choose a view. */
  whole?: boolean;
  layout?: "tb" | "lr";
  cluster?: string;
  maxNodes: number;
  out?: string;
  typecheck?: boolean;
}

/** One `graph` of one spec file. */
export interface GraphJob {
  /** The spec file, absolute. */
  readonly file: string;
  readonly cwd: string;
  readonly flags: GraphFlags;
}

/**
 * What `graph` makes of a spec, whatever thread ran it: the DOT to write (rendered to SVG and
 * written by the main thread), or an exit code once the reason was printed.
 */
export type GraphOutcome =
  | { readonly kind: "diagram"; readonly dot: string; readonly summary: string }
  | { readonly kind: "exit"; readonly code: number };
