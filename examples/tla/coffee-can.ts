/**
 * The Coffee Can problem (Gries, after Scholten and Dijkstra): repeatedly take two beans out of
 * a can of black and white beans; what is the colour of the last bean?
 *
 * Hand port of `specifications/CoffeeCan/CoffeeCan.tla` with the models
 * `CoffeeCan100Beans.cfg` (MaxBeanCount = 100: 5,150 distinct, 20,002 generated, depth 1) and
 * `CoffeeCan1000Beans.cfg` (MaxBeanCount = 1000: 501,500 / 2,000,002 / 1) from
 * github:tlaplus/Examples at commit 32a32c7. Every reachable state is initial (Init allows any
 * can of 1..MaxBeanCount beans), hence depth 1.
 */
import { defineSpec, t, weak } from "interleave-spec";

type CanState = { readonly can: { readonly black: number; readonly white: number } };

/** BeanCount: beans currently in the can. */
export const beanCount = (s: CanState): number => s.can.black + s.can.white;

export default defineSpec({
  name: "CoffeeCan",
  params: { MaxBeanCount: t.int(1, 3000).default(100) },
  // TypeInvariant (can \in Can) is the schema.
  state: ({ MaxBeanCount }) => ({
    can: t.record({ black: t.int(0, MaxBeanCount), white: t.int(0, MaxBeanCount) }),
  }),
  // Init: a can of 1..MaxBeanCount beans.
  init: { where: (s, { MaxBeanCount }) => beanCount(s) >= 1 && beanCount(s) <= MaxBeanCount },
  actions: {
    pickSameColorWhite: (s) =>
      beanCount(s) > 1 && s.can.white >= 2 && { can: { black: s.can.black + 1, white: s.can.white - 2 } },
    pickSameColorBlack: (s) => beanCount(s) > 1 && s.can.black >= 2 && { can: { ...s.can, black: s.can.black - 1 } },
    pickDifferentColor: (s) =>
      beanCount(s) > 1 && s.can.black >= 1 && s.can.white >= 1 && { can: { ...s.can, black: s.can.black - 1 } },
    // Termination: a stuttering step once one bean is left, so that TLC sees no deadlock.
    termination: (s) => beanCount(s) === 1 && s,
  },
  invariants: {
    // TypeInvariant: can \in Can (the schema enforces it too)
    TypeInvariant: (s, { MaxBeanCount }) =>
      [s.can.black, s.can.white].every((n) => Number.isInteger(n) && n >= 0 && n <= MaxBeanCount),
  },
  properties: ({ eventually }) => ({
    // EventuallyTerminates == <>(ENABLED Termination)
    EventuallyTerminates: eventually((s) => beanCount(s) === 1),
    // TerminationHypothesis: an even number of white beans ends in one black bean, an odd number
    // in one white bean. TLA+ states it from the initial state's parity; since every step keeps
    // that parity (LoopInvariant), "eventually the last bean matches the current parity" is the
    // same property.
    TerminationHypothesis: eventually((s) =>
      s.can.white % 2 === 0 ? s.can.black === 1 && s.can.white === 0 : s.can.black === 0 && s.can.white === 1,
    ),
  }),
  // WF_can(Next)
  fairness: [weak()],
});

/**
 * The cfg's action PROPERTYs as step predicates (`[][A]_can`: every step satisfies A or leaves
 * `can` unchanged); the parity tests check them on every explored transition.
 */
export const stepProperties = {
  /** MonotonicDecrease == [][BeanCount' < BeanCount]_can */
  MonotonicDecrease: (from: CanState, to: CanState): boolean =>
    sameCan(from, to) || beanCount(to) < beanCount(from),
  /** LoopInvariant == [][can.white % 2 = 0 <=> can'.white % 2 = 0]_can */
  LoopInvariant: (from: CanState, to: CanState): boolean =>
    sameCan(from, to) || (from.can.white % 2 === 0) === (to.can.white % 2 === 0),
};

function sameCan(from: CanState, to: CanState): boolean {
  return from.can.black === to.can.black && from.can.white === to.can.white;
}
