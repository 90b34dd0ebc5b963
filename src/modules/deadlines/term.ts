/**
 * Statutory terms counted as the Polish Code of Administrative Procedure counts them (KPA art. 57),
 * which Ukrainian offices' terms follow too: the day of the event is not counted; a term in days ends
 * after that many days; in weeks, on the same weekday; in months, on the same day of the month, or
 * its last day where that day does not exist; a term ending on a Saturday, a Sunday or a day off ends
 * on the next working day. Pure: the days off come from the caller's calendar.
 */

/** One part of a term: `P14D`, `P2W`, `P1M`, `P2M`. */
export interface Term {
  amount: number
  unit: 'D' | 'W' | 'M'
}

/** How the due date was reached, step by step, for a clerk to explain it to a resident. */
export type DueStep =
  | { kind: 'start'; date: string }
  | { kind: 'days' | 'weeks' | 'months'; amount: number; date: string }
  | { kind: 'end-of-month'; date: string }
  | { kind: 'saturday' | 'sunday'; date: string }
  | { kind: 'day-off'; date: string; name: string }
  | { kind: 'notice'; date: string }
  | { kind: 'suspended'; amount: number; date: string }
  | { kind: 'due'; date: string }

const TERM = /^P([1-9]\d{0,3})([DWM])$/

/** A term as ISO 8601 (`P14D`, `P2W`, `P1M`); null for anything else (years, mixed parts, zero). */
export function parseTerm(text: string): Term | null {
  const m = TERM.exec(text)
  return m ? { amount: Number(m[1]), unit: m[2] as Term['unit'] } : null
}

const DAY = 86_400_000
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`)
const addDays = (date: string, days: number) => dateOf(msOf(date) + days * DAY)

/** The same day `months` later, or the last day of that month when it has no such day. */
function addMonths(date: string, months: number): { date: string; clamped: boolean } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(d, last)
  const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { date: text, clamped: day !== d }
}

/** Days of suspension (KPA art. 35 §5) and the days off of the calendar in force. */
export interface Count {
  /** Names a day off of the calendar in force (a public holiday, an office's closure), or null. */
  dayOff: (date: string) => Promise<string | null>
  /** Days the proceedings were suspended: not counted, so the term ends that many days later. */
  suspendedDays?: number
}

/**
 * The last day of a term that starts with an event on `from`, and the steps that reached it: the
 * term added, the suspended days added, then moved past Saturdays, Sundays and days off.
 */
export async function dueDate(
  from: string,
  term: Term,
  count: Count,
): Promise<{ due: string; steps: DueStep[] }> {
  const steps: DueStep[] = [{ kind: 'start', date: from }]
  let date: string
  if (term.unit === 'D') {
    date = addDays(from, term.amount)
    steps.push({ kind: 'days', amount: term.amount, date })
  } else if (term.unit === 'W') {
    date = addDays(from, term.amount * 7)
    steps.push({ kind: 'weeks', amount: term.amount, date })
  } else {
    const added = addMonths(from, term.amount)
    date = added.date
    steps.push({ kind: 'months', amount: term.amount, date })
    if (added.clamped) steps.push({ kind: 'end-of-month', date })
  }
  return settle(date, steps, count)
}

/**
 * The due date an authority set itself (the new date of a KPA art. 36 notice), moved by any later
 * suspension and past days off like any term.
 */
export function dueFromNotice(date: string, count: Count): Promise<{ due: string; steps: DueStep[] }> {
  return settle(date, [{ kind: 'notice', date }], count)
}

async function settle(
  end: string,
  steps: DueStep[],
  count: Count,
): Promise<{ due: string; steps: DueStep[] }> {
  let date = end
  const suspended = count.suspendedDays ?? 0
  if (suspended > 0) {
    date = addDays(date, suspended)
    steps.push({ kind: 'suspended', amount: suspended, date })
  }
  // At most a few weeks of days off in a row (Christmas to Epiphany with weekends is the longest).
  for (let i = 0; i < 60; i++) {
    const weekday = new Date(msOf(date)).getUTCDay()
    const holiday = weekday === 0 || weekday === 6 ? null : await count.dayOff(date)
    if (weekday === 6) steps.push({ kind: 'saturday', date })
    else if (weekday === 0) steps.push({ kind: 'sunday', date })
    else if (holiday) steps.push({ kind: 'day-off', date, name: holiday })
    else break
    date = addDays(date, 1)
  }
  steps.push({ kind: 'due', date })
  return { due: date, steps }
}

/** Whole calendar days from one date to a later one (the days a suspension lasted). */
export const daysBetween = (from: string, to: string) => Math.round((msOf(to) - msOf(from)) / DAY)

/**
 * The `n`th working day after `date` (not counting it): the horizon of "due in the next 3 working
 * days".
 */
export async function workingDaysAfter(
  date: string,
  n: number,
  dayOff: (date: string) => Promise<string | null>,
): Promise<string> {
  let d = date
  for (let left = n, i = 0; left > 0 && i < 400; i++) {
    d = addDays(d, 1)
    const weekday = new Date(msOf(d)).getUTCDay()
    if (weekday !== 0 && weekday !== 6 && !(await dayOff(d))) left--
  }
  return d
}
