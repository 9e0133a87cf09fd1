import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^interleave-spec\/memory$/, replacement: fileURLToPath(new URL("./src/memory/index.ts", import.meta.url)) },
      { find: /^interleave-spec\/vitest$/, replacement: fileURLToPath(new URL("./src/vitest.ts", import.meta.url)) },
      { find: /^interleave-spec$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Long-running parity checks (minutes): `npm run test:large` runs them (vitest.large.config.ts);
    // the flagship's full grid (tens of minutes): `npm run test:grid` (vitest.grid.config.ts).
    exclude: [...configDefaults.exclude, "test/**/*-large.test.ts", "test/**/*-full.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
    onConsoleLog: () => false,
  },
});
