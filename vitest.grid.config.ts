import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * `npm run test:grid`: the flagship's full parameter grid (`test/**\/*-full.test.ts`, tens of minutes
 * in all) that the default `vitest run` excludes; same aliases as the default configuration.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/**/*-full.test.ts"],
    exclude: [...configDefaults.exclude],
    typecheck: { enabled: false },
    testTimeout: 60 * 60_000,
  },
});
