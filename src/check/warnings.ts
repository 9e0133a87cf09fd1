import type { Model } from "../model/model.ts";
import type { CheckWarning } from "./result.ts";

/**
 * The vacuity report of a complete search: every action that never produced a successor from
 * any reachable state (`fired[a]` is 0). Such an action is dead code in the spec, often the sign
 * of a guard that can never hold.
 */
export function vacuityWarnings<S>(model: Model<S>, fired: Uint8Array): CheckWarning[] {
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
  return out;
}
