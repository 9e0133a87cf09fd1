/** How reports name a property: `invariant noDoubleListDel`, `deadlock freedom`, `sometimes reachable`. */
export function propertyTitle(kind: string, name: string): string {
  switch (kind) {
    case "invariant":
      return `invariant ${name}`;
    case "deadlock":
      return "deadlock freedom";
    default:
      return `${kind} property ${name}`;
  }
}
