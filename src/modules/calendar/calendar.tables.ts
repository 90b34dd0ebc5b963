/** The working calendar's tables (migration 013). */
export interface CalendarTables {
  calendarDays: {
    country: string
    date: string
    /** In the country's language, as the law names it (or as the network named its own day). */
    name: string
    /** 1: offices are closed (a public holiday that is a day off, or the network's closure). */
    dayOff: number
    /** `library`: seeded from the holiday library; `network`: set by the network's admins. */
    source: 'library' | 'network'
    updatedAt: string
  }
  calendarYears: { country: string; year: number; seededAt: string }
}
