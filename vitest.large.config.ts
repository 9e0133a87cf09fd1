import { longTests } from "./vitest.long.ts";

/** `npm run test:large`: only the long-running parity checks (`test/**\/*-large.test.ts`, minutes each). */
export default longTests("test/**/*-large.test.ts");
