import { Option } from "commander";

/** `--typecheck`: type-check the spec first (off by default). */
export function typecheckOption(): Option {
  return new Option("--typecheck", "type-check the spec file first, as a strict editor would (loads the TypeScript compiler: seconds); type errors exit 2");
}

/** `--no-typecheck`: the way to skip type-checking when it was on by default; still accepted. */
export function noTypecheckOption(): Option {
  return new Option("--no-typecheck", "do not type-check the spec file (the default)");
}
