// Worker-thread bootstrap: lets the thread import TypeScript (the worker and the spec file),
// after the setup module its creator names, if any (e.g. a guard against the spec exiting).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
if (workerData?.setup) await import(workerData.setup);
await import("./level-worker.ts");
