import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:large`: only the long-running parity checks (`test/**\/*-large.test.ts`, minutes
 * each) that the default `vitest run` excludes.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^interleave\/vitest$/, replacement: fileURLToPath(new URL("./src/vitest.ts", import.meta.url)) },
      { find: /^interleave$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*-large.test.ts"],
    testTimeout: 60 * 60_000,
    onConsoleLog: () => false,
  },
});
