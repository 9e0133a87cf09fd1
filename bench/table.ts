/** A whole number with thousands separators, as every bench table prints counts. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/**
 * The lines of a Markdown table, columns padded to their widest cell: the `left` columns
 * (by index; text) left-aligned, the others (numbers) right-aligned.
 */
export function markdownTable(head: readonly string[], body: readonly (readonly string[])[], left: (column: number) => boolean = () => false): string[] {
  const rows = [head, ...body];
  const widths = head.map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(" | ")} |`;
  const rule = `|${widths.map((w, c) => (left(c) ? ":" + "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|")}|`;
  return [line(head), rule, ...body.map(line)];
}

/** A column of a table of rows `R`: its heading, its cell for a row, and whether it is text (left-aligned). */
export type Column<R> = readonly [head: string, cell: (row: R) => string, text?: "text"];

/** The lines of a Markdown table of `rows`, one column per entry of `columns` (see markdownTable). */
export function rowsTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string[] {
  return markdownTable(
    columns.map(([head]) => head),
    rows.map((r) => columns.map(([, cell]) => cell(r))),
    (c) => columns[c][2] === "text",
  );
}
