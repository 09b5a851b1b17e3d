/** Plain-text and Markdown tables for benchmark output. */

/** Columns padded to their widest cell; numbers-looking cells right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = (s: string): boolean => /^[-+]?[\d,.]+[×x%]?$/.test(s);
  const line = (r: readonly string[]): string =>
    r.map((cell, c) => (numeric(cell) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as GitHub Markdown. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]): string => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 12345.6 → "12,346". */
export const fmtInt = (v: number): string => Math.round(v).toLocaleString('en-US');
/** A ratio as "1.23×". */
export const fmtRatio = (v: number): string => `${v.toFixed(2)}×`;
