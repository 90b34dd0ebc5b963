/**
 * The terms the law sets, by a code a case keeps: which duration, for which country, and where it
 * is written. A Ukrainian administrative service's default is the network's (`RATUSZ_UA_SERVICE_TERM`).
 */
export const STATUTORY_TERMS = {
  'kpa-1m': {
    country: 'PL',
    term: 'P1M',
    law: 'KPA art. 35 §3: a case needing explanatory proceedings, within a month',
  },
  'kpa-2m': {
    country: 'PL',
    term: 'P2M',
    law: 'KPA art. 35 §3: a particularly complicated case, within two months',
  },
  'kpa-appeal': {
    country: 'PL',
    term: 'P1M',
    law: 'KPA art. 35 §4: an appeal, within a month of receiving it',
  },
  'public-information': {
    country: 'PL',
    term: 'P14D',
    law: 'Ustawa o dostępie do informacji publicznej art. 13 ust. 1: without delay, at most 14 days',
    longest: 'P2M',
  },
  'ua-appeal': {
    country: 'UA',
    term: 'P1M',
    law: 'Закон України «Про звернення громадян» ст. 20: an appeal, within one month',
    longest: 'P45D',
  },
  'ua-appeal-short': {
    country: 'UA',
    term: 'P15D',
    law: 'Закон України «Про звернення громадян» ст. 20: needing no extra study, within 15 days',
    longest: 'P45D',
  },
  'ua-appeal-extended': {
    country: 'UA',
    term: 'P45D',
    law: 'Закон України «Про звернення громадян» ст. 20: extended, 45 days at most',
  },
  'ua-service': {
    country: 'UA',
    term: null,
    law: 'Закон України «Про адміністративні послуги» ст. 10: the term of the service, else the default',
  },
} as const satisfies Record<
  string,
  {
    country: 'PL' | 'UA'
    term: string | null
    law: string
    /** How far an extension may reach, counted from the start: two months, 45 days. */
    longest?: string
  }
>

/** How far an extension of a statutory term may reach from the start, where the law caps it. */
export function longestExtension(code: string): string | null {
  const law = (STATUTORY_TERMS as Record<string, { longest?: string }>)[code]
  return law?.longest ?? null
}

export type StatutoryTermCode = keyof typeof STATUTORY_TERMS
export const STATUTORY_TERM_CODES = Object.keys(STATUTORY_TERMS) as StatutoryTermCode[]

/** The duration of a statutory term; the Ukrainian service default comes from the network's configuration. */
export function statutoryTerm(code: StatutoryTermCode, uaServiceTerm: string): string {
  return STATUTORY_TERMS[code].term ?? uaServiceTerm
}

/**
 * A service card's processing time as a term the engine counts: days, weeks and months as they
 * are, years as twelve months, years and months as months, weeks and days as days; null for a term
 * that mixes months with days (`P1M15D`), which the law counts no single way.
 */
export function cardTerm(processingTime: string): string | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(processingTime)
  if (!m) return null
  const [years, months, weeks, days] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
  ]
  const monthsAll = years * 12 + months
  const daysAll = weeks * 7 + days
  const term =
    monthsAll > 0 && daysAll === 0
      ? `P${monthsAll}M`
      : monthsAll === 0 && daysAll > 0
        ? days === 0
          ? `P${weeks}W`
          : `P${daysAll}D`
        : null
  return term && /^P[1-9][0-9]{0,3}[DWM]$/.test(term) ? term : null
}

/** The term of a case opened for a card that names none: a month in Poland, the network's default in Ukraine. */
export function defaultCardTerm(
  country: string,
  uaServiceTerm: string,
): { code: StatutoryTermCode; term: string } {
  return country === 'UA'
    ? { code: 'ua-service', term: uaServiceTerm }
    : { code: 'kpa-1m', term: STATUTORY_TERMS['kpa-1m'].term }
}
