/**
 * A register number as the network writes it, from its template (validated at configuration):
 * `RPW/<n>/<yyyy>` → `RPW/12/2026`; `<office>` is the office's code.
 */
export function formatRegisterNumber(
  template: string,
  parts: { n: number; year: number; officeCode: string },
): string {
  return template
    .replace('<n>', String(parts.n))
    .replace('<yyyy>', String(parts.year))
    .replace('<office>', parts.officeCode)
}

/**
 * The year and place a register number names, when `text` is one written with `template`
 * (`RPW/12/2026` → 2026, 12); null otherwise. Lets a search for a number find that entry alone.
 */
export function parseRegisterNumber(
  template: string,
  text: string,
  officeCode: string,
): { year: number; seq: number } | null {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = template
    .split(/(<n>|<yyyy>|<office>)/)
    .map((part) =>
      part === '<n>'
        ? '(?<n>[1-9]\\d{0,8})'
        : part === '<yyyy>'
          ? '(?<yyyy>\\d{4})'
          : literal(part === '<office>' ? officeCode : part),
    )
    .join('')
  const match = new RegExp(`^${pattern}$`, 'i').exec(text.trim())
  return match?.groups ? { year: Number(match.groups.yyyy), seq: Number(match.groups.n) } : null
}
