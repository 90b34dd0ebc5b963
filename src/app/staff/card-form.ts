import type { ServiceCard } from '../../modules/catalogue/index.js'

type Form = Record<string, string | undefined>
const LANGS = ['uk', 'pl', 'en'] as const

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

/**
 * The editor's form as a card. Field names follow the card's own paths (`name-uk`,
 * `fees-0-amount`, `legalBasis-0-title`) so that validation errors land on the right field.
 */
export function cardFromForm(
  f: Form,
  choices: { topics: readonly string[]; lifeEvents: readonly string[]; officeIds: readonly string[] },
): Record<string, unknown> {
  const ml = (prefix: string) => ({
    uk: f[`${prefix}-uk`] ?? '',
    pl: f[`${prefix}-pl`] ?? '',
    en: f[`${prefix}-en`] ?? '',
  })
  const docs = LANGS.map((l) => lines(f[`documents-${l}`]))
  const count = Math.max(...docs.map((d) => d.length))
  const amount = (f['fees-0-amount'] ?? '').trim().replace(',', '.')
  const categories = choices.topics.filter((t) => f[`topic-${t}`] === 'on')
  const lifeEvents = choices.lifeEvents.filter((t) => f[`topic-${t}`] === 'on')
  const offices = choices.officeIds.filter((id) => f[`office-${id}`] === 'on')
  return {
    code: (f.code ?? '').trim(),
    name: ml('name'),
    description: ml('description'),
    ...(f.processingTime?.trim() ? { processingTime: f.processingTime.trim() } : {}),
    ...(amount !== ''
      ? {
          fees: [
            {
              amount: /^\d+(\.\d{1,2})?$/.test(amount) ? Math.round(Number(amount) * 100) : -1,
              currency: (f['fees-0-currency'] ?? '').trim(),
              description: ml('fees-0-description'),
            },
          ],
        }
      : {}),
    ...(count > 0
      ? {
          requiredDocuments: Array.from({ length: count }, (_, i) => ({
            uk: docs[0]![i] ?? '',
            pl: docs[1]![i] ?? '',
            en: docs[2]![i] ?? '',
          })),
        }
      : {}),
    ...(f['legalBasis-0-title']?.trim()
      ? {
          legalBasis: [
            {
              title: f['legalBasis-0-title'].trim(),
              ...(f['legalBasis-0-reference']?.trim()
                ? { reference: f['legalBasis-0-reference'].trim() }
                : {}),
              ...(f['legalBasis-0-article']?.trim() ? { article: f['legalBasis-0-article'].trim() } : {}),
            },
          ],
        }
      : {}),
    ...(categories.length ? { categories } : {}),
    ...(lifeEvents.length ? { lifeEvents } : {}),
    ...(offices.length ? { offices: offices.map((officeId) => ({ officeId })) } : {}),
    ...(f.eFormUrl?.trim()
      ? {
          eFormUrl: f.eFormUrl.trim(),
          channels: [{ type: 'in-person' }, { type: 'online', url: f.eFormUrl.trim() }],
        }
      : {}),
  }
}

/** A card as the editor's form values. */
export function formFromCard(card: ServiceCard): Record<string, string> {
  const v: Record<string, string> = { code: card.code }
  for (const l of LANGS) {
    v[`name-${l}`] = card.name[l]
    v[`description-${l}`] = card.description[l]
    v[`documents-${l}`] = (card.requiredDocuments ?? []).map((d) => d[l]).join('\n')
    if (card.fees?.[0]) v[`fees-0-description-${l}`] = card.fees[0].description[l]
  }
  if (card.processingTime) v.processingTime = card.processingTime
  if (card.fees?.[0]) {
    v['fees-0-amount'] = (card.fees[0].amount / 100).toFixed(2)
    v['fees-0-currency'] = card.fees[0].currency
  }
  const law = card.legalBasis?.[0]
  if (law) {
    v['legalBasis-0-title'] = law.title
    if (law.reference) v['legalBasis-0-reference'] = law.reference
    if (law.article) v['legalBasis-0-article'] = law.article
  }
  for (const t of [...(card.categories ?? []), ...(card.lifeEvents ?? [])]) v[`topic-${t}`] = 'on'
  for (const o of card.offices ?? []) v[`office-${o.officeId}`] = 'on'
  if (card.eFormUrl) v.eFormUrl = card.eFormUrl
  return v
}
