/**
 * When a closed case's records may leave the office, by its archival category (records.md): counted
 * in full calendar years from 1 January of the year after it closed. `B<n>` may be destroyed after n
 * years and `Bc` after use, both with the state archive's consent; `BE<n>` is reviewed by the archive
 * after n years; `A` is transferred to the state archive after the period the office keeps it.
 */
export type RetentionAction = 'destroy' | 'review' | 'transfer'

export function retentionOf(
  category: string,
  closedOn: string,
  transferAfterYears: number,
): { action: RetentionAction; from: string } | null {
  const next = Number(closedOn.slice(0, 4)) + 1
  const jan1 = (year: number) => `${String(year).padStart(4, '0')}-01-01`
  if (category === 'A') return { action: 'transfer', from: jan1(next + transferAfterYears) }
  if (category === 'Bc') return { action: 'destroy', from: jan1(next) }
  const b = /^B(\d{1,3})$/.exec(category)
  if (b) return { action: 'destroy', from: jan1(next + Number(b[1])) }
  const be = /^BE(\d{1,3})$/.exec(category)
  if (be) return { action: 'review', from: jan1(next + Number(be[1])) }
  return null
}
