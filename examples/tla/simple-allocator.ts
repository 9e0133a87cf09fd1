/**
 * A simple resource allocator: clients request sets of resources, are given parts of them, and
 * return what they hold (Stephan Merz).
 *
 * Hand port of `specifications/allocator/SimpleAllocator.tla` with the model
 * `SimpleAllocator.cfg` from github:tlaplus/Examples at commit 32a32c7: Clients = {c1, c2, c3},
 * Resources = {r1, r2} (model values, here their names). TLC records 400 distinct states, 1,633
 * generated, depth 6, every property holding. The TLA+ Examples are MIT-licensed ("Copyright
 * (c) 2016: The TLA+ project and other contributors").
 *
 * Its fairness is what this port exists for:
 * - `\A c \in Clients : WF_vars(Return(c, alloc[c]))` — weak fairness of the instances of
 *   `Return` that give back everything the client holds: one condition per client, restricted by
 *   a predicate over the binding and the state (`where`); a partial return fulfils nothing;
 * - `\A c \in Clients : SF_vars(\E S \in SUBSET Resources : Allocate(c, S))` — strong fairness
 *   per client over all its allocations.
 * The cfg leaves `SYMMETRY Symmetry` commented out ("DOES NOT WORK FOR LIVENESS !").
 * `SimpleAllocator2` (fairness only for a client whose request is satisfied) is the export
 * `simpleAllocator2`: the module says ClientsWillObtain and InfOftenSatisfied do not hold then.
 */
import { defineSpec, equals, exists, strong, t, weak, type ValueSet } from "interleave-spec";

const CLIENTS = ["c1", "c2", "c3"] as const;
type Client = (typeof CLIENTS)[number];
const Resource = t.enum("r1", "r2");
const ResourceSet = t.set(Resource);
type Resources = ValueSet<"r1" | "r2">;
type AllocState = { readonly unsat: Readonly<Record<Client, Resources>>; readonly alloc: Readonly<Record<Client, Resources>> };

/** `SUBSET Resources` */
const SUBSETS = ResourceSet.of("r1", "r2").subsets();

/** `available == Resources \ (UNION {alloc[c] : c \in Clients})` */
function available(s: AllocState): Resources {
  return CLIENTS.reduce((free, c) => free.minus(s.alloc[c]), ResourceSet.of("r1", "r2"));
}

/** `[f EXCEPT ![c] = v]` */
const except = (f: Readonly<Record<Client, Resources>>, c: Client, v: Resources) => ({ ...f, [c]: v });

const Clients = t.enum(...CLIENTS);
const none = Object.fromEntries(CLIENTS.map((c) => [c, ResourceSet.empty])) as Record<Client, Resources>;

export const simpleAllocator = defineSpec({
  name: "SimpleAllocator",
  // TypeInvariant is the schema: unsat, alloc \in [Clients -> SUBSET Resources].
  state: { unsat: t.map(Clients, ResourceSet), alloc: t.map(Clients, ResourceSet) },
  init: { unsat: none, alloc: none },
  actions: {
    // Request(c, S): a client with nothing outstanding and nothing held asks for S # {}.
    Request: (s) => exists(CLIENTS, (c) => exists(SUBSETS, (S) => s.unsat[c].isEmpty() && s.alloc[c].isEmpty() && !S.isEmpty() && { ...s, unsat: except(s.unsat, c, S) })),
    // Allocate(c, S): S # {}, S \subseteq available \cap unsat[c].
    Allocate: (s) =>
      exists(CLIENTS, (c) =>
        exists(SUBSETS, (S) => !S.isEmpty() && S.subsetOf(available(s).intersect(s.unsat[c])) && { alloc: except(s.alloc, c, s.alloc[c].union(S)), unsat: except(s.unsat, c, s.unsat[c].minus(S)) }),
      ),
    // Return(c, S): S # {}, S \subseteq alloc[c].
    Return: (s) => exists(CLIENTS, (c) => exists(SUBSETS, (S) => !S.isEmpty() && S.subsetOf(s.alloc[c]) && { ...s, alloc: except(s.alloc, c, s.alloc[c].minus(S)) })),
  },
  invariants: {
    // ResourceMutex == \A c1, c2 \in Clients : c1 # c2 => alloc[c1] \cap alloc[c2] = {}
    ResourceMutex: (s) => CLIENTS.every((c1) => CLIENTS.every((c2) => c1 === c2 || s.alloc[c1].intersect(s.alloc[c2]).isEmpty())),
  },
  properties: ({ and, leadsTo, alwaysEventually }) => ({
    // ClientsWillReturn == \A c \in Clients : unsat[c] = {} ~> alloc[c] = {}
    ClientsWillReturn: and(...CLIENTS.map((c) => leadsTo((s) => s.unsat[c].isEmpty(), (s) => s.alloc[c].isEmpty()))),
    // ClientsWillObtain == \A c \in Clients, r \in Resources : r \in unsat[c] ~> r \in alloc[c]
    ClientsWillObtain: and(...CLIENTS.flatMap((c) => (["r1", "r2"] as const).map((r) => leadsTo((s) => s.unsat[c].has(r), (s) => s.alloc[c].has(r))))),
    // InfOftenSatisfied == \A c \in Clients : []<>(unsat[c] = {})
    InfOftenSatisfied: and(...CLIENTS.map((c) => alwaysEventually((s) => s.unsat[c].isEmpty()))),
  }),
  fairness: [
    // \A c \in Clients : WF_vars(Return(c, alloc[c]))
    weak("Return", { perInstance: (c) => c, where: (s, c, S) => equals(S, s.alloc[c as Client]) }),
    // \A c \in Clients : SF_vars(\E S \in SUBSET Resources : Allocate(c, S))
    strong("Allocate", { perInstance: (c) => c }),
  ],
});
export default simpleAllocator;

/** SimpleAllocator2: `\A c \in Clients : WF_vars(unsat[c] = {} /\ Return(c, alloc[c]))`, the same SF. */
export const simpleAllocator2 = defineSpec({
  ...simpleAllocator.definition,
  name: "SimpleAllocator2",
  fairness: [
    weak("Return", { perInstance: (c) => c, where: (s, c, S) => s.unsat[c as Client].isEmpty() && equals(S, s.alloc[c as Client]) }),
    strong("Allocate", { perInstance: (c) => c }),
  ],
});
