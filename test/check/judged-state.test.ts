import { describe, expect, it } from "vitest";
import { check, type Codec, type Model } from "interleave-spec";

/**
 * A front-end's codec may canonicalise: here a state is a list of message ids whose encoding is
 * the *set* of ids (a bitset), so `[0, 0]` and `[0]` are the same state. `send` returns the list
 * with the id appended the JavaScript way, duplicates and all; the stored state — the decoding of
 * the successor's encoding — holds each id once. That stored state is the state the model means,
 * and every property, the constraint and the action constraint must be judged on it, not on the
 * object the action returned. (The DSL's value sets make such objects impossible in specs; the
 * kernel contract must still hold for any front-end.)
 */
interface S {
  readonly msgs: readonly number[];
  readonly sent: number;
}
const codec: Codec<S> = {
  width: 2,
  encode(s, out, offset) {
    let bits = 0;
    for (const m of s.msgs) bits |= 1 << m;
    out[offset] = bits;
    out[offset + 1] = s.sent;
  },
  decode(vector, offset) {
    const msgs: number[] = [];
    for (let m = 0; m < 31; m++) if (vector[offset] & (1 << m)) msgs.push(m);
    return { msgs, sent: vector[offset + 1] };
  },
  toJson: (s) => ({ msgs: [...s.msgs], sent: s.sent }),
};

function model(options: { constraint?: boolean } = {}): Model<S> {
  const oneMessage = (s: S): boolean => s.msgs.length <= 1;
  return {
    name: "canonicalising-codec",
    codec,
    init: (emit) => emit({ msgs: [], sent: 0 }),
    actions: [
      {
        name: "send",
        next: (s, emit) => {
          if (s.sent < 2) emit({ msgs: [...s.msgs, 0], sent: s.sent + 1 }, 0);
        },
        bindingOf: () => null,
      },
    ],
    properties: [{ kind: "invariant", name: "oneMessage", holds: oneMessage }],
    ...(options.constraint ? { constraint: oneMessage } : {}),
  };
}

describe("properties are judged on the state the checker stores, not on the object an action returned", () => {
  it("an invariant sees one message where the action's list holds the same id twice", async () => {
    // The object the action returns on its second step really does hold two entries:
    let returned: S | undefined;
    model().actions[0].next({ msgs: [0], sent: 1 }, (s) => (returned = s));
    expect(returned?.msgs.length).toBe(2);
    for (const strategy of ["bfs", "dfs"] as const) {
      const r = await check(model(), { strategy });
      expect(r.result).toBe("ok");
      expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 3 });
    }
  });

  it("so does the constraint, which then keeps the state", async () => {
    const r = await check(model({ constraint: true }));
    expect(r.result).toBe("ok");
    expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 3 });
  });
});
