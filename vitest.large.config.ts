import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * `npm run test:large`: only the long-running parity checks (`test/**\/*-large.test.ts`, minutes
 * each) that the default `vitest run` excludes; same aliases as the default configuration.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/**/*-large.test.ts"],
    exclude: [...configDefaults.exclude],
    typecheck: { enabled: false },
    testTimeout: 60 * 60_000,
  },
});
