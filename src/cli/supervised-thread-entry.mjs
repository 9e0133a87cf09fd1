// Worker-thread bootstrap for supervision: lets the thread import TypeScript (interleave's
// sources and the spec), guards process.exit before any spec code runs, then runs the task.
import { register } from "tsx/esm/api";

register();
await import("./thread-guard.ts");
await import("./supervised-thread.ts");
