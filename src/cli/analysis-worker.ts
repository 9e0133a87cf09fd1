import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { analyseSpecFile } from "./spec-analysis.ts";

/** The thread side of `SpecAnalysis.run`: analyses one file and posts the result (or why it failed). */
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { file, lint } = workerData as { file: string; lint: boolean };
try {
  parentPort!.postMessage({ result: analyseSpecFile(file, lint) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
