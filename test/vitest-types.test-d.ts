import { describe, expect, expectTypeOf, it } from "vitest";
import "interleave-spec/vitest";
import { defineSpec, t, type PropertyName } from "interleave-spec";
import counter from "../examples/counter.ts";

const buffer = defineSpec({
  name: "buffer",
  params: { cap: t.int(1, 3).default(2) },
  state: ({ cap }) => ({ buf: t.int(0, cap), closed: t.bool() }),
  init: { buf: 0, closed: false },
  actions: { put: (s, { cap }) => s.buf < cap && { ...s, buf: s.buf + 1 } },
  invariants: { bounded: (s, { cap }) => s.buf <= cap },
  sometimes: { full: (s, { cap }) => s.buf === cap },
  properties: ({ eventually }) => ({ fills: eventually((s) => s.buf > 0) }),
  expect: { fills: "violated" },
});

describe("spec property names are known to the type system", () => {
  it("collects invariants, sometimes and temporal properties, plus deadlock", () => {
    expectTypeOf<PropertyName<typeof buffer>>().toEqualTypeOf<"bounded" | "full" | "fills" | "deadlock">();
    expectTypeOf<PropertyName<typeof counter>>().toEqualTypeOf<"bounded" | "deadlock">();
  });
});

describe("the vitest matchers are typed from the spec under test", () => {
  it("property names", () => {
    void expect(buffer).toViolate("bounded");
    void expect(buffer).toViolate("deadlock");
    // @ts-expect-error — no property "no-such-property"
    void expect(buffer).toViolate("no-such-property");
    void expect(buffer).toHoldAll({ properties: ["bounded", "full"] });
    // @ts-expect-error — no property "boundd"
    void expect(buffer).toHoldAll({ properties: ["boundd"] });
  });

  it("parameters", () => {
    void expect(buffer).toHoldAll({ params: { cap: 3 } });
    // @ts-expect-error — no parameter "capp"
    void expect(buffer).toHoldAll({ params: { capp: 1 } });
    // @ts-expect-error — cap is a number
    void expect(buffer).toViolate("bounded", { params: { cap: "3" } });
  });

  it("state predicates and sometimes names", () => {
    void expect(buffer).toReach((s, { cap }) => s.buf === cap && !s.closed);
    // @ts-expect-error — no field "bufff"
    void expect(buffer).toReach((s) => s.bufff > 0);
    void expect(buffer).toReach("full");
    // @ts-expect-error — no property "fulll"
    void expect(buffer).toReach("fulll");
  });
});
