import type { CardsKey } from './cards.messages.js'
import type { StaffContext } from './staff-layout.js'

/** The editor's label of each field of a card. */
const FIELDS: Record<string, CardsKey> = {
  code: 'cards.code',
  name: 'cards.name',
  description: 'cards.description',
  audience: 'cards.audience',
  processingTime: 'cards.time',
  processingTimeSource: 'cards.timeSource',
  fees: 'cards.fee',
  requiredDocuments: 'cards.documents',
  documentsToShow: 'cards.documentsToShow',
  legalBasis: 'cards.law',
  channels: 'cards.channels',
  offices: 'cards.offices',
  responsibleUnit: 'cards.unit',
  appeal: 'cards.appeal',
  notes: 'cards.notes',
  categories: 'cards.topics',
  lifeEvents: 'cards.lifeEvents',
  related: 'cards.related',
  keywords: 'cards.keywords',
  eFormUrl: 'cards.eForm',
  eService: 'cards.eService',
}

/** Labels of the parts of a fee, an act, a way to apply, an office. */
const PARTS: Record<string, Record<string, CardsKey>> = {
  fees: {
    amount: 'cards.amount',
    currency: 'cards.currency',
    description: 'cards.feeDescription',
    howToPay: 'cards.howToPay',
  },
  legalBasis: {
    title: 'cards.lawTitle',
    reference: 'cards.lawReference',
    article: 'cards.lawArticle',
    url: 'cards.lawUrl',
  },
  channels: { type: 'cards.channelType', url: 'cards.lawUrl', description: 'cards.channelDescription' },
  offices: { officeId: 'cards.office', queueId: 'cards.queue' },
}

const LANG_WORDS: Record<string, CardsKey> = { uk: 'cards.inUk', pl: 'cards.inPl', en: 'cards.inEn' }

/**
 * A line of a card (`fees[0].description.pl`, `name.uk`, `processingTime`) in the editor's words:
 * "Fee 1 · What the fee is · in Polish". A part with no words shows as it is.
 */
export function cardPathInWords(path: string, st: StaffContext['st']): string {
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?(?:\.([A-Za-z]+))?(?:\.([A-Za-z]+))?$/.exec(path)
  if (!m) return path
  const [, field = '', index, part, lang] = m
  const words: string[] = []
  const label = FIELDS[field]
  words.push(label ? st(label) : field)
  if (index !== undefined) words[0] = `${words[0]} ${Number(index) + 1}`
  for (const piece of [part, lang]) {
    if (!piece) continue
    const key = LANG_WORDS[piece] ?? PARTS[field]?.[piece]
    words.push(key ? st(key) : piece)
  }
  return words.join(' · ')
}
