/** A real IANA timezone the runtime knows (its ICU data), e.g. `Europe/Kyiv`. */
export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}
