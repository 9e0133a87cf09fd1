import type { Invariant, Model } from "../model/model.ts";
import type { CheckWarning } from "./result.ts";

/**
 * The vacuity report of a complete search: every action that never produced a successor from
 * any reachable state (`fired[a]` is 0) — dead code in the spec, often the sign of a guard that
 * can never hold — and every implication invariant whose antecedent held in no reachable state.
 */
export function vacuityWarnings<S>(model: Model<S>, fired: Uint8Array, unapplied: readonly Invariant<S>[] = []): CheckWarning[] {
  const out: CheckWarning[] = [];
  model.actions.forEach((action, a) => {
    if (!fired[a]) {
      out.push({
        kind: "vacuous-action",
        subject: action.name,
        message: `action ${action.name} never fired: it is not enabled in any reachable state`,
      });
    }
  });
  for (const inv of unapplied) {
    out.push({
      kind: "vacuous-property",
      subject: inv.name,
      message: `invariant ${inv.name} holds vacuously: its antecedent (when) is true in no reachable state`,
    });
  }
  return out;
}
