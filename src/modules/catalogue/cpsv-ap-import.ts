import { AppError, invalid } from '../../platform/errors.js'
import type { MultilingualText } from '../../platform/i18n/index.js'
import type { ServiceCard } from './catalogue.schemas.js'

const CPSV = 'http://purl.org/vocab/cpsv#'
const CV = 'http://data.europa.eu/m8g/'
const DCT = 'http://purl.org/dc/terms/'
const ELI = 'http://data.europa.eu/eli/ontology#'

/**
 * The class names SEMIC's published context gives short terms to, which documents use as `@type`
 * ("PublicService"). Ratusz reads documents offline, so a reference to SEMIC's context resolves to
 * these terms (prefixed properties, as in SEMIC's own example, need no context of ours).
 */
const SEMIC_CLASS_TERMS: Record<string, string> = {
  PublicService: `${CPSV}PublicService`,
  PublicOrganisation: `${CV}PublicOrganisation`,
  PublicOrganization: `${CV}PublicOrganisation`,
  Requirement: `${CV}Requirement`,
  Evidence: `${CV}Evidence`,
  EvidenceType: `${CV}EvidenceType`,
  Output: `${CV}Output`,
  Cost: `${CV}Cost`,
  Channel: `${CV}Channel`,
  ContactPoint: `${CV}ContactPoint`,
  Rule: `${CPSV}Rule`,
  LegalResource: `${ELI}LegalResource`,
  LifeEvent: `${CV}LifeEvent`,
  BusinessEvent: `${CV}BusinessEvent`,
  TemporalEntity: 'http://www.w3.org/2006/time#TemporalEntity',
}

const documentLoader = async (url: string) => {
  if (/semic|cpsv-ap/i.test(url)) {
    return {
      contextUrl: undefined,
      documentUrl: url,
      document: { '@context': { '@vocab': '', ...SEMIC_CLASS_TERMS } },
    }
  }
  throw new AppError(
    'REMOTE_CONTEXT_REFUSED',
    422,
    'Remote context refused',
    `Ratusz does not fetch ${url}; inline the context or use SEMIC's CPSV-AP context.`,
  )
}

type Node = Record<string, unknown> & { '@id'?: string; '@type'?: string[] }
type Value = { '@value'?: string; '@language'?: string; '@id'?: string }

function values(node: Node | undefined, property: string): Value[] {
  const v = node?.[property]
  return Array.isArray(v) ? (v as Value[]) : []
}

/** A text in uk/pl/en from language-tagged literals; a missing language takes another's text. */
function multilingual(list: Value[]): MultilingualText | null {
  const byLang = new Map<string, string>()
  for (const v of list)
    if (typeof v['@value'] === 'string') byLang.set((v['@language'] ?? '').slice(0, 2), v['@value'])
  if (byLang.size === 0) return null
  const any = byLang.get('en') ?? byLang.values().next().value!
  return { uk: byLang.get('uk') ?? any, pl: byLang.get('pl') ?? any, en: byLang.get('en') ?? any }
}

function text(list: Value[]): string | null {
  return list.find((v) => typeof v['@value'] === 'string')?.['@value'] ?? null
}

/** `Tax-on-web` → `TAX-ON-WEB`: what a card code may be. */
export function codeFrom(identifier: string): string {
  const code = identifier
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return code.length >= 2 ? code : `SERVICE-${code || 'X'}`
}

const CHANNEL_TYPES: Record<string, 'in-person' | 'post' | 'online'> = {
  ASSISTED: 'in-person',
  MAIL: 'post',
  WEBSITE: 'online',
}

/**
 * Reads CPSV-AP 3.x JSON-LD and returns a card for every PublicService in it, with the title,
 * description, identifier, processing time, costs, evidence (as documents to submit), channels and
 * legal resources the profile carries.
 */
export async function cardsFromCpsvAp(doc: unknown): Promise<ServiceCard[]> {
  let flat: { '@graph'?: Node[] } | Node[]
  // Loaded on first import only: the JSON-LD processor adds ≈100 ms to every start otherwise.
  const { default: jsonld } = await import('jsonld')
  try {
    flat = (await jsonld.flatten(doc as never, null as never, { documentLoader } as never)) as never
  } catch (error) {
    if (error instanceof AppError) throw error
    const cause = (error as { details?: { cause?: unknown } }).details?.cause
    if (cause instanceof AppError) throw cause
    throw invalid([{ path: 'body', message: `is not JSON-LD that can be read: ${(error as Error).message}` }])
  }
  const nodes: Node[] = Array.isArray(flat) ? flat : (flat['@graph'] ?? [])
  const byId = new Map(nodes.map((n) => [n['@id'], n]))
  const linked = (node: Node, property: string) =>
    values(node, property)
      .map((v) => byId.get(v['@id']))
      .filter((n): n is Node => !!n)

  const cards: ServiceCard[] = []
  for (const service of nodes.filter((n) => n['@type']?.includes(`${CPSV}PublicService`))) {
    const identifier = text(values(service, `${DCT}identifier`)) ?? service['@id'] ?? 'service'
    const name = multilingual(values(service, `${DCT}title`)) ?? {
      uk: identifier,
      pl: identifier,
      en: identifier,
    }
    const description = multilingual(values(service, `${DCT}description`)) ?? name
    const duration = text(values(service, `${CV}processingTime`))
    const fees = linked(service, `${CV}hasCost`).flatMap((cost) => {
      const value = Number(text(values(cost, `${CV}hasValue`)))
      const currency = values(cost, `${CV}currency`)[0]?.['@id']?.split('/').pop()
      if (!Number.isFinite(value) || !currency || !/^[A-Z]{3}$/.test(currency)) return []
      return [
        {
          amount: Math.round(value * 100),
          currency,
          description: multilingual(values(cost, `${DCT}description`)) ?? name,
        },
      ]
    })
    const requirementEvidence = linked(service, `${CV}holdsRequirement`).flatMap((r) =>
      linked(r, `${CV}hasSupportingEvidence`),
    )
    const evidence = [...linked(service, `${CPSV}hasInput`), ...requirementEvidence]
    const documents = [
      ...new Map(evidence.map((e) => [e['@id'], multilingual(values(e, `${DCT}title`))])).values(),
    ].filter((d): d is MultilingualText => d !== null)
    const channels = linked(service, `${CV}hasChannel`).map((c) => {
      const type = values(c, `${DCT}type`)[0]?.['@id']?.split('/').pop() ?? ''
      return { type: CHANNEL_TYPES[type] ?? ('in-person' as const) }
    })
    const legal = linked(service, `${CV}hasLegalResource`).map((l) => ({
      title: text(values(l, `${DCT}title`)) ?? l['@id'] ?? 'Legal resource',
      ...(l['@id']?.startsWith('http') ? { url: l['@id'] } : {}),
    }))
    cards.push({
      code: codeFrom(identifier),
      name,
      description,
      ...(duration && /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/.test(duration)
        ? { processingTime: duration }
        : {}),
      ...(fees.length ? { fees } : {}),
      ...(documents.length ? { requiredDocuments: documents } : {}),
      ...(channels.length ? { channels } : {}),
      ...(legal.length ? { legalBasis: legal } : {}),
      keywords: [identifier],
    })
  }
  if (cards.length === 0) throw invalid([{ path: 'body', message: 'holds no cpsv:PublicService' }])
  return cards
}
