/**
 * The README's litmus table, built from the corpus's pinned outcome sets (so that it cannot
 * drift from what the tests check): test × model → Allowed/Forbidden, with the published
 * verdicts and their sources.
 */
import { corpus, type CorpusEntry, type Source } from "./corpus.ts";
import type { Outcome } from "./litmus.ts";

const parse = (o: string): Outcome => Object.fromEntries(o.split(",").map((kv) => [kv.split("=")[0], Number(kv.split("=")[1])]));

/** The pinned outcome sets of an entry: SC, TSO, PSO (one-way unlock), PSO (ordered unlock), ra (one promise per CPU), ra promise-free. */
export function outcomeSets(e: CorpusEntry): { sc: string[]; tso: string[]; pso: string[]; psoOrdered: string[]; ra: string[]; raPromiseFree: string[] } {
  const sc = [...e.sc];
  const tso = [...sc, ...(e.tso ?? [])];
  const pso = [...tso, ...(e.pso ?? [])];
  const psoOrdered = pso.filter((o) => !(e.psoOrderedLacks ?? []).includes(o));
  const ra = [...sc, ...(e.ra ?? [])];
  const raPromiseFree = ra.filter((o) => !(e.raPromiseFreeLacks ?? []).includes(o));
  return { sc, tso, pso, psoOrdered, ra, raPromiseFree };
}

const abbreviation: Record<Source, string> = {
  "kernel tools/memory-model/litmus-tests": "K",
  "kernel Documentation/litmus-tests": "D",
  "herdtools7 catalogue/linux .expected": "H",
  "herd7 LKMM (computed, no published file)": "c",
  "herdtools7 catalogue/x86_64 kinds.txt": "X",
  "herd7 x86tso.cat (computed, no published file)": "c",
};

/** The markdown table. */
export function litmusTable(): string {
  const verdict = (e: CorpusEntry, set: string[]) => (set.some((o) => e.test.exists(parse(o))) ? "**A**" : "F");
  const rows = corpus.map((e) => {
    const s = outcomeSets(e);
    const pso = verdict(e, s.pso) === verdict(e, s.psoOrdered) ? verdict(e, s.pso) : `${verdict(e, s.pso)} / ${verdict(e, s.psoOrdered)}`;
    const lkmm = e.lkmm ? `${e.lkmm.result} (${abbreviation[e.lkmm.source]})` : "–";
    const x86 = e.x86 ? `${e.x86.result} (${abbreviation[e.x86.source]}: ${e.x86.file})` : "–";
    const ra = `${verdict(e, s.raPromiseFree)} / ${verdict(e, s.ra)} (${s.ra.length})`;
    const reach = e.raOutside ? `outside ra's reach: ${e.raOutside}` : "";
    return `| ${e.test.name} | ${verdict(e, s.sc)} (${s.sc.length}) | ${verdict(e, s.tso)} (${s.tso.length}) | ${pso} (${s.pso.length}) | ${ra} | ${x86} | ${lkmm} | ${reach} |`;
  });
  return [
    "| test | sc | tso | pso (one-way / ordered unlock) | ra (promise-free / 1 promise) | x86-TSO published | LKMM published | note |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
