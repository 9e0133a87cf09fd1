// Worker-thread bootstrap: lets the thread import TypeScript (the worker and the spec file).
import { register } from "tsx/esm/api";

register();
await import("./level-worker.ts");
