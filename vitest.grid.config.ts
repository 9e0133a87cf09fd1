import { longTests } from "./vitest.long.ts";

/** `npm run test:grid`: the flagship's full parameter grid (`test/**\/*-full.test.ts`, tens of minutes in all). */
export default longTests("test/**/*-full.test.ts");
