import { invalid } from '../../platform/errors.js'
import {
  cardTerm,
  type DueStep,
  defaultCardTerm,
  dueDate,
  dueFromNotice,
  parseTerm,
  STATUTORY_TERMS,
  type StatutoryTermCode,
  statutoryTerm,
} from '../deadlines/index.js'

/** How a case's term is asked for: from its card, a statutory term, or by hand with a reason. */
export interface TermRequest {
  serviceId?: string | null | undefined
  statutoryTerm?: StatutoryTermCode | null | undefined
  term?: string | null | undefined
  termReason?: string | null | undefined
}

/** A case's term and where it came from, as the case keeps it. */
export interface TermChoice {
  term: string | null
  termSource: 'card' | 'statutory' | 'manual' | null
  termBasis: string | null
}

export const NO_TERM: TermChoice = { term: null, termSource: null, termBasis: null }

/** What choosing a term needs of the cases' context: the card, and the network's Ukrainian default. */
export interface TermPorts {
  ports: { service(id: string): Promise<{ code: string; processingTime?: string | undefined } | undefined> }
  config: { uaServiceTerm: string }
}

/**
 * The term a request asks for. A term by hand needs a reason; a statutory term must be of the
 * office's country; a card gives its processing time, or the country's default when it names none
 * (a month under KPA, the network's default for a Ukrainian service). 422 naming the field otherwise.
 */
export async function chooseTerm(
  ctx: TermPorts,
  country: string,
  body: TermRequest,
): Promise<TermChoice | null> {
  if (body.term && body.statutoryTerm)
    throw invalid([{ path: 'body.term', message: 'give a term or a statutory term, not both' }])
  if (body.term) {
    if (!parseTerm(body.term))
      throw invalid([{ path: 'body.term', message: 'must be days, weeks or months: P14D, P2W, P1M' }])
    if (!body.termReason?.trim())
      throw invalid([{ path: 'body.termReason', message: 'a term set by hand needs its reason' }])
    return { term: body.term, termSource: 'manual', termBasis: body.termReason.trim() }
  }
  if (body.statutoryTerm) {
    const law = STATUTORY_TERMS[body.statutoryTerm]
    if (law.country !== country)
      throw invalid([{ path: 'body.statutoryTerm', message: `is a term of ${law.country} law` }])
    return {
      term: statutoryTerm(body.statutoryTerm, ctx.config.uaServiceTerm),
      termSource: 'statutory',
      termBasis: body.statutoryTerm,
    }
  }
  if (body.serviceId) {
    const card = await ctx.ports.service(body.serviceId)
    if (!card) throw invalid([{ path: 'body.serviceId', message: 'no such published service' }])
    if (!card.processingTime) {
      const fallback = defaultCardTerm(country, ctx.config.uaServiceTerm)
      return { term: fallback.term, termSource: 'statutory', termBasis: fallback.code }
    }
    const term = cardTerm(card.processingTime)
    if (!term)
      throw invalid([
        {
          path: 'body.serviceId',
          message: `its processing time ${card.processingTime} is not in days, weeks or months: choose a statutory term or set one`,
        },
      ])
    return { term, termSource: 'card', termBasis: card.code }
  }
  return null
}

/** The parts of a case its due date is counted from. */
export interface DueInputs {
  startedOn: string
  term: string | null
  suspendedDays: number
  noticeDueOn: string | null
  noticeSuspendedDays: number
}

/**
 * A case's due date and the steps that reached it: the date of a dispatched KPA art. 36 notice, or
 * its term from its start; moved by the days it was suspended and past the office's days off.
 */
export async function caseDue(
  c: DueInputs,
  dayOff: (date: string) => Promise<string | null>,
): Promise<{ dueOn: string | null; dueSteps: string | null }> {
  const term = c.term ? parseTerm(c.term) : null
  const reached: { due: string; steps: DueStep[] } | null = c.noticeDueOn
    ? // Only suspensions after the notice move its date: it was set with the earlier ones behind it.
      await dueFromNotice(c.noticeDueOn, { dayOff, suspendedDays: c.suspendedDays - c.noticeSuspendedDays })
    : term
      ? await dueDate(c.startedOn, term, { dayOff, suspendedDays: c.suspendedDays })
      : null
  return reached
    ? { dueOn: reached.due, dueSteps: JSON.stringify(reached.steps) }
    : { dueOn: null, dueSteps: null }
}
