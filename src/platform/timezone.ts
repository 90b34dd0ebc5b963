/** A real IANA timezone the runtime knows (its ICU data), e.g. `Europe/Kyiv`. */
export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a timezone, e.g. the office-local day. */
export function localDateOf(at: Date, zone: string): string {
  let format = dateFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dateFormats.set(zone, format)
  }
  return format.format(at)
}
