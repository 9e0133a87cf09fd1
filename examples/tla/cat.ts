/**
 * The moving cat puzzle: a cat hides in one of N boxes in a row and moves to an adjacent box
 * every night; every morning you may open one box. Search 2, 3, …, N-1, then N-1, …, 2 and
 * repeat: you eventually find the cat (Florian Schanda).
 *
 * Hand port of `specifications/Moving_Cat_Puzzle/Cat.tla` with the models `CatEvenBoxes.cfg`
 * (Number_Of_Boxes = 6; TLC: 48 distinct states, 128 generated, depth 1) and `CatOddBoxes.cfg`
 * (Number_Of_Boxes = 5; 30 / 78 / 1) from github:tlaplus/Examples at commit 32a32c7. Every state
 * is initial. The TLA+ Examples are MIT-licensed ("Copyright (c) 2016: The TLA+ project and
 * other contributors").
 *
 * `Next == Move_Cat /\ Observe_Box` is one action: each step moves the cat and the observer.
 * The fairness is on a conjunct of it with its own subscript, `WF_cat_box(Move_Cat)`: here a
 * step predicate (Move_Cat: the cat moves to an adjacent box) with the subscript `cat_box`.
 * Its enabledness is judged on the steps the actions generate — ENABLED ⟨Next ∧ Move_Cat⟩,
 * which equals TLA+'s ENABLED ⟨Move_Cat⟩_cat_box here because Observe_Box is always enabled.
 */
import { defineSpec, exists, t, weak } from "interleave-spec";

type Direction = "left" | "right";
type CatState = { readonly cat_box: number; readonly observed_box: number; readonly direction: Direction };

/** Observe_Box: move the observation one box on, or turn round at the ends of 2..N-1. */
function observeBox(s: CatState, N: number): Pick<CatState, "observed_box" | "direction"> {
  const next = s.direction === "right" ? s.observed_box + 1 : s.observed_box - 1;
  if (next >= 2 && next <= N - 1) return { observed_box: next, direction: s.direction };
  return { observed_box: s.observed_box, direction: s.direction === "right" ? "left" : "right" };
}

/** Move_Cat as a step predicate: the cat moved to an adjacent box. */
export function moveCat(s: CatState, next: CatState): boolean {
  return Math.abs(next.cat_box - s.cat_box) === 1;
}

export default defineSpec({
  name: "Cat",
  params: { Number_Of_Boxes: t.int(2, 20).default(6) },
  state: ({ Number_Of_Boxes: N }) => ({
    cat_box: t.int(1, N),
    observed_box: t.int(Math.min(2, N - 1), Math.max(2, N - 1)),
    direction: t.enum("left", "right"),
  }),
  // Init: cat_box \in Boxes, observed_box \in Observed_Boxes (2 .. N-1), direction \in Directions.
  init: { where: (s, { Number_Of_Boxes: N }) => s.observed_box >= 2 && s.observed_box <= N - 1 },
  actions: {
    // Next == Move_Cat /\ Observe_Box; Move_Cat: cat_box' = cat_box + 1 \/ cat_box' = cat_box - 1, within Boxes.
    Next: (s, { Number_Of_Boxes: N }) =>
      exists([1, -1], (d) => {
        const cat_box = s.cat_box + d;
        return cat_box >= 1 && cat_box <= N && { cat_box, ...observeBox(s, N) };
      }),
  },
  invariants: {
    TypeOK: (s, { Number_Of_Boxes: N }) => s.cat_box >= 1 && s.cat_box <= N && s.observed_box >= 2 && s.observed_box <= N - 1,
  },
  properties: ({ eventually }) => ({
    // Victory == <>(observed_box = cat_box)
    Victory: eventually((s) => s.observed_box === s.cat_box),
  }),
  // WF_cat_box(Move_Cat)
  fairness: [weak((s, next) => moveCat(s, next), { subscript: (s) => s.cat_box })],
});
