import { describe, expect, it } from "vitest";
import { check, compile, defineSpec, t } from "interleave-spec";

/**
 * `send` adds a message record to a Set the JavaScript way: `new Set([...s.msgs, m])` holds two
 * equal records when m is already in it (JS Sets compare objects by reference). The stored state
 * — the decoding of the successor's encoding — holds one: that is the state TLA+ means, and the
 * state every property, the constraint and the action constraint must be judged on.
 */
const msg = t.record({ to: t.int(0, 1), body: t.enum("ping") });
const spec = defineSpec({
  name: "set-of-records",
  state: { msgs: t.set(msg), sent: t.int(0, 2) },
  init: { msgs: new Set<{ readonly to: number; readonly body: "ping" }>(), sent: 0 },
  actions: {
    send: (s) => s.sent < 2 && { msgs: new Set([...s.msgs, { to: 0, body: "ping" as const }]), sent: s.sent + 1 },
  },
  invariants: { oneMessage: (s) => s.msgs.size <= 1 },
  deadlock: false,
});

describe("properties are judged on the state the checker stores, not on the object an action returned", () => {
  it("an invariant over a Set of records sees one record where the action's Set holds two equal ones", async () => {
    // The object the action returns on its second step really does hold two records:
    let returned: ReadonlySet<unknown> | undefined;
    compile(spec).actions[0].next({ msgs: new Set([{ to: 0, body: "ping" }]), sent: 1 }, (s) => (returned = s.msgs));
    expect(returned?.size).toBe(2);
    for (const strategy of ["bfs", "dfs"] as const) {
      const r = await check(compile(spec), { strategy });
      expect(r.result).toBe("ok");
      expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 3 });
    }
  });

  it("so does the constraint, which then keeps the state", async () => {
    const constrained = defineSpec({ ...spec.definition, constraint: (s) => s.msgs.size <= 1 });
    const r = await check(compile(constrained));
    expect(r.stats).toMatchObject({ distinctStates: 3, statesGenerated: 3 });
  });
});
