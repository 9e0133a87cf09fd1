// Graphviz compiled to WebAssembly (graphviz-cli's engine). Its package ships typings that its
// "exports" map does not expose, so the part used here is declared.
declare module "@aduh95/viz.js" {
  import type { Worker } from "node:worker_threads";
  /** A Graphviz instance running in its own worker thread. */
  export default class Viz {
    constructor(options: { worker: Worker });
    renderString(src: string, options?: { format?: "svg" | "dot" | "json"; engine?: string }): Promise<string>;
    terminateWorker(): Promise<number> | void;
  }
}
