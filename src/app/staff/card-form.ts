import type { ServiceCard } from '../../modules/catalogue/index.js'

type Form = Record<string, string | undefined>
type Text = { uk: string; pl: string; en: string }
const LANGS = ['uk', 'pl', 'en'] as const
/** Fee and legal-act rows the editor reads: every saved row and one blank row to add another. */
export const MAX_ROWS = 20

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
const words = (text: string | undefined) =>
  (text ?? '')
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter(Boolean)
const trimmed = (text: string | undefined) => (text ?? '').trim()
const optional = <K extends string, V>(key: K, value: V | undefined | null | false) =>
  value === undefined || value === null || value === false ? {} : ({ [key]: value } as Record<K, V>)

/** The chosen values, those the card already had first and in its order, so a save without edits changes nothing. */
function inPreviousOrder(chosen: string[], previous: readonly string[] | undefined): string[] {
  const kept = (previous ?? []).filter((v) => chosen.includes(v))
  return [...kept, ...chosen.filter((v) => !kept.includes(v))]
}

/** Units of the processing-time picker: ISO 8601 designators. */
export const DURATION_UNITS = ['D', 'W', 'M', 'Y'] as const

/**
 * The processing time from the picker (a number and a unit) as ISO 8601 (`P30D`); with the number
 * left empty, a duration the picker cannot show (`P1M15D`, set through the API) is kept as it was.
 * A number that is not one is passed on as typed, for validation to name the field.
 */
function durationFromForm(f: Form): string | undefined {
  const amount = trimmed(f.processingTimeAmount)
  if (amount) {
    const unit = (DURATION_UNITS as readonly string[]).includes(f.processingTimeUnit ?? '')
      ? f.processingTimeUnit
      : 'D'
    return `P${amount}${unit}`
  }
  return trimmed(f.processingTime) || undefined
}

/**
 * The editor's form as a card. Field names follow the card's own paths (`name-uk`,
 * `fees-0-amount`, `legalBasis-0-title`) so that validation errors land on the right field.
 * What the form does not show (the queue serving an office, a channel's description) is kept
 * from `previous`, the version being edited.
 */
export function cardFromForm(
  f: Form,
  choices: { topics: readonly string[]; lifeEvents: readonly string[]; officeIds: readonly string[] },
  previous: ServiceCard | null = null,
): Record<string, unknown> {
  const text = (prefix: string): Text => ({
    uk: trimmed(f[`${prefix}-uk`]),
    pl: trimmed(f[`${prefix}-pl`]),
    en: trimmed(f[`${prefix}-en`]),
  })
  /** An optional text: absent when left empty in all three languages. */
  const optionalText = (prefix: string) => {
    const t = text(prefix)
    return t.uk || t.pl || t.en ? t : undefined
  }
  const list = (prefix: string) => {
    const byLang = LANGS.map((l) => lines(f[`${prefix}-${l}`]))
    const count = Math.max(...byLang.map((d) => d.length))
    return count === 0
      ? undefined
      : Array.from({ length: count }, (_, i) => ({
          uk: byLang[0]![i] ?? '',
          pl: byLang[1]![i] ?? '',
          en: byLang[2]![i] ?? '',
        }))
  }
  const rows = <T>(read: (i: number) => T | undefined) => {
    const out: T[] = []
    for (let i = 0; i < MAX_ROWS; i++) {
      const row = read(i)
      if (row !== undefined) out.push(row)
    }
    return out.length ? out : undefined
  }
  const fees = rows((i) => {
    const amount = trimmed(f[`fees-${i}-amount`]).replace(',', '.')
    const description = optionalText(`fees-${i}-description`)
    const currency = trimmed(f[`fees-${i}-currency`]).toUpperCase()
    if (amount === '' && !description && currency === '') return undefined
    return {
      // A malformed amount is kept as -1 so that validation names the field.
      amount: /^\d+(\.\d{1,2})?$/.test(amount) ? Math.round(Number(amount) * 100) : -1,
      currency,
      description: description ?? text(`fees-${i}-description`),
      ...optional('howToPay', optionalText(`fees-${i}-howToPay`)),
    }
  })
  const legalBasis = rows((i) => {
    const field = (name: string) => trimmed(f[`legalBasis-${i}-${name}`]) || undefined
    const [title, reference, article, url] = ['title', 'reference', 'article', 'url'].map(field)
    if (!title && !reference && !article && !url) return undefined
    return {
      title: title ?? '',
      ...optional('reference', reference),
      ...optional('article', article),
      ...optional('url', url),
    }
  })
  const eFormUrl = trimmed(f.eFormUrl) || undefined
  const described = new Map((previous?.channels ?? []).map((c) => [c.type, c.description]))
  // Online without an address of our own is a service on a national portal (Diia, ePUAP).
  const onlineUrl = eFormUrl ?? previous?.channels?.find((c) => c.type === 'online')?.url
  const channels = (['in-person', 'post', 'online'] as const)
    .filter((type) => f[`channel-${type}`] === 'on' || (type === 'online' && eFormUrl))
    .map((type) => ({
      type,
      ...optional('url', type === 'online' ? onlineUrl : undefined),
      ...optional('description', described.get(type)),
    }))
  const queues = new Map((previous?.offices ?? []).map((o) => [o.officeId, o.queueId]))
  const categories = inPreviousOrder(
    choices.topics.filter((t) => f[`topic-${t}`] === 'on'),
    previous?.categories,
  )
  const lifeEvents = inPreviousOrder(
    choices.lifeEvents.filter((t) => f[`topic-${t}`] === 'on'),
    previous?.lifeEvents,
  )
  const offices = inPreviousOrder(
    choices.officeIds.filter((id) => f[`office-${id}`] === 'on'),
    previous?.offices?.map((o) => o.officeId),
  ).map((officeId) => ({ officeId, ...optional('queueId', queues.get(officeId)) }))
  const keywords = words(f.keywords)
  const related = words(f.related).map((c) => c.toUpperCase())
  return {
    code: trimmed(f.code),
    name: text('name'),
    description: text('description'),
    ...optional('audience', optionalText('audience')),
    ...optional('processingTime', durationFromForm(f)),
    ...optional('processingTimeSource', trimmed(f.processingTimeSource) || undefined),
    ...optional('fees', fees),
    ...optional('requiredDocuments', list('documents')),
    ...optional('documentsToShow', list('documentsToShow')),
    ...optional('legalBasis', legalBasis),
    ...optional('channels', channels.length > 0 && channels),
    ...optional('offices', offices.length > 0 && offices),
    ...optional('responsibleUnit', trimmed(f.responsibleUnit) || undefined),
    ...optional('appeal', optionalText('appeal')),
    ...optional('notes', optionalText('notes')),
    ...optional('categories', categories.length > 0 && categories),
    ...optional('lifeEvents', lifeEvents.length > 0 && lifeEvents),
    ...optional('related', related.length > 0 && related),
    ...optional('keywords', keywords.length > 0 && keywords),
    ...optional('eFormUrl', eFormUrl),
    // The e-service's form is edited on its own page; the card's editor keeps it as it was.
    ...optional('eService', previous?.eService),
  }
}

/** A card as the editor's form values. */
export function formFromCard(card: ServiceCard): Record<string, string> {
  const v: Record<string, string> = { code: card.code }
  const setText = (prefix: string, t: Text | undefined) => {
    if (t) for (const l of LANGS) v[`${prefix}-${l}`] = t[l]
  }
  setText('name', card.name)
  setText('description', card.description)
  setText('audience', card.audience)
  setText('appeal', card.appeal)
  setText('notes', card.notes)
  for (const l of LANGS) {
    v[`documents-${l}`] = (card.requiredDocuments ?? []).map((d) => d[l]).join('\n')
    v[`documentsToShow-${l}`] = (card.documentsToShow ?? []).map((d) => d[l]).join('\n')
  }
  ;(card.fees ?? []).forEach((fee, i) => {
    v[`fees-${i}-amount`] = (fee.amount / 100).toFixed(2)
    v[`fees-${i}-currency`] = fee.currency
    setText(`fees-${i}-description`, fee.description)
    setText(`fees-${i}-howToPay`, fee.howToPay)
  })
  ;(card.legalBasis ?? []).forEach((law, i) => {
    v[`legalBasis-${i}-title`] = law.title
    if (law.reference) v[`legalBasis-${i}-reference`] = law.reference
    if (law.article) v[`legalBasis-${i}-article`] = law.article
    if (law.url) v[`legalBasis-${i}-url`] = law.url
  })
  for (const c of card.channels ?? []) v[`channel-${c.type}`] = 'on'
  if (card.eFormUrl) v.eFormUrl = card.eFormUrl
  const single = card.processingTime ? /^P(\d+)([DWMY])$/.exec(card.processingTime) : null
  if (single) {
    v.processingTimeAmount = single[1] as string
    v.processingTimeUnit = single[2] as string
  } else if (card.processingTime) v.processingTime = card.processingTime
  if (card.processingTimeSource) v.processingTimeSource = card.processingTimeSource
  if (card.responsibleUnit) v.responsibleUnit = card.responsibleUnit
  if (card.keywords) v.keywords = card.keywords.join(', ')
  if (card.related) v.related = card.related.join(', ')
  for (const t of [...(card.categories ?? []), ...(card.lifeEvents ?? [])]) v[`topic-${t}`] = 'on'
  for (const o of card.offices ?? []) v[`office-${o.officeId}`] = 'on'
  return v
}

/** How many fee and legal-act rows the editor shows for these values: the filled ones and one blank. */
export function rowCount(values: Record<string, string>, prefix: 'fees' | 'legalBasis'): number {
  let filled = 0
  for (let i = 0; i < MAX_ROWS; i++)
    if (Object.keys(values).some((k) => k.startsWith(`${prefix}-${i}-`))) filled = i + 1
  return Math.min(filled + 1, MAX_ROWS)
}
