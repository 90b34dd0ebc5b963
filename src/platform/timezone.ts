import { TZDate } from '@date-fns/tz'

/** A real IANA timezone the runtime knows (its ICU data), e.g. `Europe/Kyiv`. */
export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

const dateFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: string }>()

/**
 * The calendar date (`YYYY-MM-DD`) an instant falls on in a timezone, e.g. the office-local day.
 * Asked on every queue request: the last answer per zone is kept for the rest of its minute (today's
 * offsets are whole minutes, so a day never changes inside one).
 */
export function localDateOf(at: Date, zone: string): string {
  let last = dateFormats.get(zone)
  if (!last) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    last = { format, minute: Number.NaN, date: '' }
    dateFormats.set(zone, last)
  }
  const minute = Math.floor(at.getTime() / 60_000)
  if (minute !== last.minute) {
    last.date = last.format.format(at)
    last.minute = minute
  }
  return last.date
}

/** The instant an office-local date and time denote, or null for a time the clocks skip that day. */
export function instantOf(date: string, time: string, zone: string): Date | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const at = new TZDate(y, m - 1, d, hh, mm, zone)
  const back = new TZDate(at.getTime(), zone)
  return back.getHours() === hh && back.getMinutes() === mm ? new Date(at.getTime()) : null
}
