/**
 * A case sign from the network's template: `<unit>.<symbol>.<n>.<yyyy>` (Poland, `OR.0152.1.2025`) by
 * default, `<symbol>/<n>` for Ukrainian centres. A sub-case's `n` is `<parent n>.<sub n>`
 * (`OR.0152.77.3.2025`).
 */
export function formatCaseSign(
  template: string,
  parts: { unit: string; symbol: string; n: string; year: number },
): string {
  return template
    .replace('<unit>', parts.unit)
    .replace('<symbol>', parts.symbol)
    .replace('<n>', parts.n)
    .replace('<yyyy>', String(parts.year))
}
