/** The flags of `interleave graph`, as commander parses them (plain data: they cross to a worker thread). */
export interface GraphFlags {
  spec?: string;
  set?: string[];
  view?: string;
  hideStutter?: boolean;
  cluster?: string;
  maxNodes: number;
  out?: string;
  typecheck: boolean;
}

/** One `graph` of one spec file. */
export interface GraphJob {
  /** The spec file, absolute. */
  readonly file: string;
  readonly cwd: string;
  readonly flags: GraphFlags;
}
