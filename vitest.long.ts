import { configDefaults, defineConfig, type ViteUserConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * A configuration that runs only the long test files matching `include` (which the default
 * `vitest run` excludes), with the default configuration's aliases, no type checking and an
 * hour per test.
 */
export function longTests(include: string): ViteUserConfig {
  return defineConfig({
    ...base,
    test: {
      ...base.test,
      include: [include],
      exclude: [...configDefaults.exclude],
      typecheck: { enabled: false },
      testTimeout: 60 * 60_000,
    },
  });
}
