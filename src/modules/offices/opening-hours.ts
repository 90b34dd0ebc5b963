import { type OpeningHours, WEEKDAYS, type Weekday } from './offices.schemas.js'

/** A run of consecutive weekdays with the same opening spans (empty spans: closed). */
export interface HoursRun {
  first: Weekday
  last: Weekday
  spans: { from: string; to: string }[]
}

/** Groups a week into runs such as Mon–Fri 08:00–17:00, Sat 09:00–13:00, Sun closed. */
export function groupOpeningHours(hours: OpeningHours): HoursRun[] {
  const runs: HoursRun[] = []
  for (const day of WEEKDAYS) {
    const spans = hours[day] ?? []
    const previous = runs[runs.length - 1]
    if (previous && sameSpans(previous.spans, spans)) previous.last = day
    else runs.push({ first: day, last: day, spans })
  }
  return runs
}

function sameSpans(a: HoursRun['spans'], b: HoursRun['spans']): boolean {
  return a.length === b.length && a.every((s, i) => s.from === b[i]?.from && s.to === b[i]?.to)
}

// 2024-01-01 was a Monday: day i of the week is 2024-01-0(1+i).
const weekdayNames = new Map<string, string>()
/** The short weekday name in a language (`pon.`, `пн`, `Mon`), from the ICU data Node ships. */
export function weekdayName(day: Weekday, lang: string): string {
  const key = `${lang}:${day}`
  let name = weekdayNames.get(key)
  if (!name) {
    const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)))
    name = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(date)
    weekdayNames.set(key, name)
  }
  return name
}

/** One weekday's hours as staff type them: `09:00–17:00, 18:00–20:00`; empty means closed. */
export function formatSpans(spans: readonly { from: string; to: string }[] | undefined): string {
  return (spans ?? []).map((s) => `${s.from}–${s.to}`).join(', ')
}

/** Reads `09:00-17:00, 18:00–20:00` (hyphen or en dash); null when it is not that, or a span ends before it starts. */
export function parseSpans(text: string): { from: string; to: string }[] | null {
  const trimmed = text.trim()
  if (trimmed === '') return []
  const spans: { from: string; to: string }[] = []
  for (const part of trimmed.split(',')) {
    const m = /^\s*([01]\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]\d|2[0-3]):([0-5]\d)\s*$/.exec(part)
    if (!m) return null
    const from = `${m[1]}:${m[2]}`
    const to = `${m[3]}:${m[4]}`
    if (from >= to) return null
    spans.push({ from, to })
  }
  return spans
}
