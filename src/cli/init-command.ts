import type { Command } from "commander"; import type { CliIO } from "./io.ts"; export function registerInit(_p: Command, _io: CliIO, _s: (c: number) => void): void {}
